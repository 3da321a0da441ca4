import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { ChartReceptionTimeline } from "@/components/chart-reception-timeline";
import { BUILD_PLACEHOLDER, loadFilmRatingWeeks, loadRedirect } from "@/db/cached";
import { titleWithYear } from "@/lib/format";

type Props = { params: Promise<{ slug: string }> };

export function generateStaticParams() {
  return [{ slug: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await loadFilmRatingWeeks((await params).slug);
  if (!data) return { title: "Film not found" };
  const name = titleWithYear(data.film.title, data.film.year);
  return {
    title: `${name}: chart run and ratings, week by week`,
    description: `${data.film.title}'s rank on Netflix's Top 10 beside the ratings Reelrank's viewers posted, week by week.`,
    alternates: { canonical: `/films/${data.film.slug}/ratings` },
  };
}

/** A film's chart run and reception on one axis, with every week's figures in a table. */
export default async function FilmRatingsPage({ params }: Props) {
  const { slug } = await params;
  const data = await loadFilmRatingWeeks(slug);
  if (!data) {
    const moved = await loadRedirect("film", slug);
    if (moved) permanentRedirect(`/films/${moved}/ratings`);
    notFound();
  }
  const name = titleWithYear(data.film.title, data.film.year);
  return (
    <div>
      <p className="text-sm">
        <Link href={`/films/${data.film.slug}`} className="underline">
          {name}
        </Link>
      </p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight">
        {data.film.title}: chart run and ratings, week by week
      </h1>
      {data.timeline ? (
        <ChartReceptionTimeline timeline={data.timeline} title={name} />
      ) : (
        <p className="mt-4 text-zinc-700 dark:text-zinc-300">
          {name} has no weeks on Netflix&apos;s global Top 10 to set its ratings beside.
        </p>
      )}
    </div>
  );
}
