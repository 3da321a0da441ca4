import type { Metadata } from "next";
import { ChartReceptionTimeline } from "@/components/chart-reception-timeline";
import { FilmSubpage, filmSubpageMetadata, loadFilmSubpage } from "@/components/film-subpage";
import { BUILD_PLACEHOLDER, loadFilmRatingWeeks } from "@/db/cached";
import { titleWithYear } from "@/lib/format";

type Props = { params: Promise<{ slug: string }> };

export function generateStaticParams() {
  return [{ slug: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await loadFilmRatingWeeks((await params).slug);
  if (!data) return { title: "Film not found" };
  return filmSubpageMetadata(data.film, "ratings", {
    title: (name) => `${name}: chart run and ratings, week by week`,
    description: `${data.film.title}'s rank on Netflix's Top 10 beside the ratings Reelrank's viewers posted, week by week.`,
  });
}

/** A film's chart run and reception on one axis, with every week's figures in a table. */
export default async function FilmRatingsPage({ params }: Props) {
  const { slug } = await params;
  const data = await loadFilmSubpage(slug, "ratings", () => loadFilmRatingWeeks(slug));
  const name = titleWithYear(data.film.title, data.film.year);
  return (
    <FilmSubpage
      film={data.film}
      heading={`${data.film.title}: chart run and ratings, week by week`}
    >
      {data.timeline ? (
        <ChartReceptionTimeline timeline={data.timeline} title={name} />
      ) : (
        <p className="mt-4 text-zinc-700 dark:text-zinc-300">
          {name} has no weeks on Netflix&apos;s global Top 10 to set its ratings beside.
        </p>
      )}
    </FilmSubpage>
  );
}
