/**
 * The films the generated activity goes to: the real catalogue with its chart run, weighted so
 * the real hits get the most reviews, and the moments a viewer would watch each one.
 */
import { DAY, SITE_START } from "./common";
import { Alias, type Random } from "./random";
import type { Run } from "./sql";

export type FilmInfo = {
  id: number;
  slug: string;
  lang: string | null;
  first: number | null;
  last: number | null;
  base: number;
};

export type Catalogue = {
  films: FilmInfo[];
  /** The end of the last chart week: nothing generated is later. */
  end: number;
  filmWeight: Float64Array;
  maxFilmWeight: number;
  filmAlias: Alias;
  /** Each film's own standing with viewers, so the mean rating varies from film to film. */
  filmQuality: Float64Array;
};

export async function loadCatalogue(run: Run, rng: Random): Promise<Catalogue> {
  type FilmRow = {
    id: number;
    slug: string;
    lang: string | null;
    points: number;
    best: number | null;
    views: number;
    first: string | null;
    last: string | null;
    released: string | null;
    year: number | null;
  };
  const filmRows = (await run(`
    select f.id, f.slug, f.original_language as lang,
      coalesce(sum(11 - ce.rank), 0)::float8 as points, min(ce.rank)::int as best,
      coalesce(max(ce.views), 0)::float8 as views,
      min(ce.week)::text as first, max(ce.week)::text as last,
      f.netflix_release_date::text as released, f.year
    from films f left join chart_entries ce on ce.film_id = f.id
    group by f.id order by f.id`)) as FilmRow[];
  const [{ end: endWeek } = { end: null }] = await run(
    "select max(week)::text as end from chart_entries",
  );
  const END = Date.parse(`${String(endWeek)}T00:00:00Z`) + 6 * DAY + 20 * 60 * 60 * 1000;

  // Popularity: Zipf over the films ordered by their chart run (points for each week in the
  // Top 10, its best rank, its views), so the real hits get the most reviews.
  const films: FilmInfo[] = filmRows.map((r) => {
    const released = r.released ? Date.parse(`${r.released}T00:00:00Z`) : null;
    const year = r.year == null ? null : Number(r.year);
    return {
      id: Number(r.id),
      slug: String(r.slug),
      lang: r.lang,
      first: r.first ? Date.parse(`${r.first}T00:00:00Z`) : null,
      last: r.last ? Date.parse(`${r.last}T00:00:00Z`) : null,
      base: Math.max(
        SITE_START,
        released ?? (year && year >= 2021 ? Date.UTC(year, 0, 1) : SITE_START),
      ),
    };
  });
  const score = filmRows.map(
    (r) =>
      Number(r.points) + (r.best == null ? 0 : 3 * (11 - Number(r.best))) + Number(r.views) / 2e6,
  );
  const F = films.length;
  const order = films.map((_, i) => i).sort((a, b) => score[b]! - score[a]! || a - b);
  const filmWeight = new Float64Array(F);
  order.forEach((fi, rank) => (filmWeight[fi] = 1 / Math.pow(rank + 2, 1.1)));
  const maxFilmWeight = Math.max(...filmWeight);
  const filmAlias = new Alias(filmWeight);
  const filmQuality = Float64Array.from(films, () => 0.45 * rng.normal());
  return { films, end: END, filmWeight, maxFilmWeight, filmAlias, filmQuality };
}

/** When someone watches `f`: mostly during or after its chart run, else after its release. */
export function filmTime(rng: Random, END: number, f: FilmInfo): number {
  let t: number;
  if (f.first != null && f.last != null) {
    t = rng.chance(0.6)
      ? f.first - 6 * DAY + rng.next() * (f.last - f.first + 13 * DAY)
      : f.last + 7 * DAY + rng.exponential(150 * DAY);
  } else {
    t = f.base + (END - f.base) * Math.pow(rng.next(), 1.5);
  }
  return Math.min(Math.max(t, SITE_START), END);
}
