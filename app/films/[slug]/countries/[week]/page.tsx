import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BUILD_PLACEHOLDER, loadFilmCountries } from "@/db/cached";
import { FilmCountries } from "@/components/country-rank-map";
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
  const name = titleWithYear(data.film.title, data.film.year);
  return {
    title: `${name}: where it charted, ${formatWeek(data.week)}`,
    description: `${name} in each country's Netflix Top 10 films for the week of ${formatWeek(data.week)}: a map and a table of ranks.`,
    alternates: { canonical: `/films/${data.film.slug}/countries/${data.week}` },
  };
}

export default async function FilmCountriesPage({ params }: Props) {
  const { slug, week } = await params;
  const data = await loadFilmCountries(slug, week);
  if (!data) notFound();
  const name = titleWithYear(data.film.title, data.film.year);
  return (
    <div>
      <p className="text-sm">
        <Link href={`/films/${data.film.slug}`} className="underline">
          {name}
        </Link>
      </p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight">
        Where {data.film.title} charted, <time dateTime={data.week}>{formatWeek(data.week)}</time>
      </h1>
      <FilmCountries
        film={data.film}
        week={data.week}
        weeks={data.weeks}
        countries={data.countries}
      />
    </div>
  );
}
