import type { Metadata } from "next";
import { FilmCountries } from "@/components/country-rank-map";
import { FilmSubpage, filmSubpageMetadata, loadFilmSubpage } from "@/components/film-subpage";
import { BUILD_PLACEHOLDER, loadFilmCountries } from "@/db/cached";
import { titleWithYear } from "@/lib/format";
import { formatWeek } from "@/lib/top10/week";

// `/films/<slug>/countries` shows the latest week through this page (`week` = `latest`).
type Props = { params: Promise<{ slug: string; week: string }> };

export function generateStaticParams() {
  return [{ slug: BUILD_PLACEHOLDER, week: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, week } = await params;
  const data = await loadFilmCountries(slug, week);
  if (!data) return { title: "Not found" };
  return filmSubpageMetadata(data.film, `countries/${data.week}`, {
    title: (name) => `${name}: where it charted, ${formatWeek(data.week)}`,
    description: `${titleWithYear(data.film.title, data.film.year)} in each country's Netflix Top 10 films for the week of ${formatWeek(data.week)}: a map and a table of ranks.`,
  });
}

export default async function FilmCountriesPage({ params }: Props) {
  const { slug, week } = await params;
  const data = await loadFilmSubpage(slug, `countries/${week}`, () =>
    loadFilmCountries(slug, week),
  );
  return (
    <FilmSubpage
      film={data.film}
      heading={
        <>
          Where {data.film.title} charted, <time dateTime={data.week}>{formatWeek(data.week)}</time>
        </>
      }
    >
      <FilmCountries
        film={data.film}
        week={data.week}
        weeks={data.weeks}
        countries={data.countries}
      />
    </FilmSubpage>
  );
}
