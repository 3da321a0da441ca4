import type { Metadata } from "next";
import { ChartHistory } from "@/components/chart-history";
import { FilmSubpage, filmSubpageMetadata, loadFilmSubpage } from "@/components/film-subpage";
import { BUILD_PLACEHOLDER, loadFilmChart } from "@/db/cached";
import { titleWithYear } from "@/lib/format";

type Props = { params: Promise<{ slug: string }> };

export function generateStaticParams() {
  return [{ slug: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await loadFilmChart((await params).slug);
  if (!data) return { title: "Film not found" };
  return filmSubpageMetadata(data.film, "chart", {
    title: (name) => `${name}: Netflix Top 10, week by week`,
    description: `Every week ${data.film.title} spent on Netflix's global Top 10: rank, views, hours and countries.`,
  });
}

/** A film's whole run on Netflix's global Top 10, every week in the table (the film page shows the latest). */
export default async function FilmChartPage({ params }: Props) {
  const { slug } = await params;
  const data = await loadFilmSubpage(slug, "chart", () => loadFilmChart(slug));
  return (
    <FilmSubpage
      film={data.film}
      heading={<>{data.film.title} on Netflix&apos;s Top 10, week by week</>}
    >
      <ChartHistory
        rows={data.chart}
        revisions={data.revisions}
        title={titleWithYear(data.film.title, data.film.year)}
      />
    </FilmSubpage>
  );
}
