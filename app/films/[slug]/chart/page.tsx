import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { ChartHistory } from "@/components/chart-history";
import { BUILD_PLACEHOLDER, loadFilmChart, loadRedirect } from "@/db/cached";
import { titleWithYear } from "@/lib/format";

type Props = { params: Promise<{ slug: string }> };

export function generateStaticParams() {
  return [{ slug: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await loadFilmChart((await params).slug);
  if (!data) return { title: "Film not found" };
  const name = titleWithYear(data.film.title, data.film.year);
  return {
    title: `${name}: Netflix Top 10, week by week`,
    description: `Every week ${data.film.title} spent on Netflix's global Top 10: rank, views, hours and countries.`,
    alternates: { canonical: `/films/${data.film.slug}/chart` },
  };
}

/** A film's whole run on Netflix's global Top 10, every week in the table (the film page shows the latest). */
export default async function FilmChartPage({ params }: Props) {
  const { slug } = await params;
  const data = await loadFilmChart(slug);
  if (!data) {
    const moved = await loadRedirect("film", slug);
    if (moved) permanentRedirect(`/films/${moved}/chart`);
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
        {data.film.title} on Netflix&apos;s Top 10, week by week
      </h1>
      <ChartHistory rows={data.chart} revisions={data.revisions} title={name} />
    </div>
  );
}
