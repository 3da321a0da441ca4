import "server-only";
import { and, eq, gte, isNull, lt, sql } from "drizzle-orm";
import type { RatingWeek } from "../../lib/film-extras/timeline";
import type { ListSlug } from "../../lib/top10/lists";
import type { Executor } from "../index";
import { chartEntries, countryChartEntries, reviews } from "../schema";
import { getChartWeek, type ChartRow } from "./charts";

/**
 * Ratings posted per week (the Sunday ending it, in UTC) that count today: not deleted by their
 * author and left visible by moderation, as in the film's aggregates.
 */
export async function getRatingWeeksByFilmId(
  db: Executor,
  {
    filmId,
    from,
    before,
  }: {
    filmId: number;
    /** Only reviews posted at or after this moment (a Monday 00:00 UTC keeps weeks whole). */
    from?: Date;
    /** Only reviews posted before this moment. */
    before?: Date;
  },
): Promise<RatingWeek[]> {
  // the Sunday ending the review's week (Monday's date + 6), grouped as a date, written once per week
  const sunday = sql`(date_trunc('week', ${reviews.createdAt} at time zone 'UTC')::date + 6)`;
  const week = sql<string>`to_char(${sunday}, 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      week,
      count: sql<number>`count(*)::int`,
      sum: sql<number>`sum(${reviews.rating})::int`,
    })
    .from(reviews)
    .where(
      and(
        eq(reviews.filmId, filmId),
        isNull(reviews.deletedAt),
        from ? gte(reviews.createdAt, from) : undefined,
        before ? lt(reviews.createdAt, before) : undefined,
        sql`not exists (select 1 from moderation_states m where m.target_type = 'review' and m.target_id = ${reviews.id} and m.status <> 'visible')`,
      ),
    )
    .groupBy(sunday)
    .orderBy(sunday);
  return rows;
}

/**
 * A country's Films list names a title, not a film: a row is the film's when it has the title the
 * film's global entry had that week (as the importer counts countries).
 */
const sameTitleAsFilmEntry = (filmId: number) =>
  sql`exists (
    select 1 from ${chartEntries} ce
    where ce.film_id = ${filmId}
      and ce.week = ${countryChartEntries.week}
      and ce.list in ('films-english', 'films-non-english')
      and ce.show_title = ${countryChartEntries.showTitle}
      and coalesce(ce.season_title, '') = coalesce(${countryChartEntries.seasonTitle}, '')
  )`;

export type CountryWeek = { week: string; countries: number; numberOne: number };

/** The film's weeks that have per-country lists with it, oldest first: in how many countries, #1 in how many. */
export async function getCountryWeeksByFilmId(
  db: Executor,
  { filmId }: { filmId: number },
): Promise<CountryWeek[]> {
  return db
    .select({
      week: countryChartEntries.week,
      countries: sql<number>`count(distinct ${countryChartEntries.countryIso2})::int`,
      numberOne: sql<number>`(count(distinct ${countryChartEntries.countryIso2}) filter (where ${countryChartEntries.rank} = 1))::int`,
    })
    .from(countryChartEntries)
    .where(and(eq(countryChartEntries.category, "films"), sameTitleAsFilmEntry(filmId)))
    .groupBy(countryChartEntries.week)
    .orderBy(countryChartEntries.week);
}

export type CountryRank = {
  iso2: string;
  name: string;
  /** Null when the country's Films list that week did not have the film. */
  rank: number | null;
  /** Weeks in that country's Top 10 so far, as Netflix counts them. */
  cumulativeWeeks: number | null;
};

/**
 * Every country with a Films list in the week, with the film's rank there (best rank first, then
 * the countries where it was not on the list, by name).
 */
export async function getCountryRanks(
  db: Executor,
  { filmId, week }: { filmId: number; week: string },
): Promise<CountryRank[]> {
  const [reporting, ranked] = await Promise.all([
    db
      .selectDistinct({
        iso2: countryChartEntries.countryIso2,
        name: countryChartEntries.countryName,
      })
      .from(countryChartEntries)
      .where(and(eq(countryChartEntries.week, week), eq(countryChartEntries.category, "films"))),
    db
      .select({
        iso2: countryChartEntries.countryIso2,
        rank: sql<number>`min(${countryChartEntries.rank})::int`,
        cumulativeWeeks: sql<number>`max(${countryChartEntries.cumulativeWeeks})::int`,
      })
      .from(countryChartEntries)
      .where(
        and(
          eq(countryChartEntries.week, week),
          eq(countryChartEntries.category, "films"),
          sameTitleAsFilmEntry(filmId),
        ),
      )
      .groupBy(countryChartEntries.countryIso2),
  ]);
  const byIso = new Map(ranked.map((r) => [r.iso2, r]));
  return reporting
    .map((c) => ({
      iso2: c.iso2,
      name: c.name,
      rank: byIso.get(c.iso2)?.rank ?? null,
      cumulativeWeeks: byIso.get(c.iso2)?.cumulativeWeeks ?? null,
    }))
    .sort((a, b) => (a.rank ?? 11) - (b.rank ?? 11) || a.name.localeCompare(b.name, "en"));
}

export type PeakWeekList = { week: string; list: ListSlug; rank: number; rows: ChartRow[] };

/** The list of the first week the film reached its best rank, with every title on it. */
export async function getPeakWeekList(
  db: Executor,
  { filmId }: { filmId: number },
): Promise<PeakWeekList | null> {
  const [peak] = await db
    .select({ week: chartEntries.week, list: chartEntries.list, rank: chartEntries.rank })
    .from(chartEntries)
    .where(eq(chartEntries.filmId, filmId))
    .orderBy(chartEntries.rank, chartEntries.week)
    .limit(1);
  if (!peak) return null;
  return { ...peak, rows: await getChartWeek(db, { week: peak.week, list: peak.list }) };
}

export type RelatedFilm = {
  slug: string;
  title: string;
  year: number | null;
  bestRank: number | null;
  weeks: number;
  /** The people it shares with the film, in the film's billing order. */
  people: { slug: string; name: string; nativeName: string | null }[];
};

/**
 * Other films with a director or cast member of this one (in either of those roles), most
 * people shared first, then by best rank and weeks in the Top 10.
 */
export async function getRelatedByPeople(
  db: Executor,
  { filmId, limit }: { filmId: number; limit: number },
): Promise<RelatedFilm[]> {
  type Row = {
    slug: string;
    title: string;
    year: number | null;
    best_rank: number | null;
    weeks: number;
    people: { slug: string; name: string; nativeName: string | null }[];
  };
  const rows = (await db.execute<Row>(sql`
    with mine as (
      select person_id, min(case role when 'director' then 0 else 1 end * 1000 + billing_order) as ord
      from credits where film_id = ${filmId} and role in ('director', 'cast')
      group by person_id
    ),
    shared as (
      select distinct c.film_id, m.person_id, m.ord
      from credits c join mine m on m.person_id = c.person_id
      where c.film_id <> ${filmId} and c.role in ('director', 'cast')
    ),
    related as (
      select s.film_id, count(*)::int as shared,
        json_agg(json_build_object('slug', p.slug, 'name', p.name, 'nativeName', p.native_name) order by s.ord, p.name) as people
      from shared s join people p on p.id = s.person_id
      group by s.film_id
    )
    select f.slug, f.title, f.year, r.people,
      (select min(rank)::int from chart_entries ce where ce.film_id = f.id) as best_rank,
      (select count(distinct week)::int from chart_entries ce where ce.film_id = f.id) as weeks
    from related r join films f on f.id = r.film_id
    order by r.shared desc, best_rank asc nulls last, weeks desc, lower(f.title), f.id
    limit ${limit}`)) as { rows: Row[] };
  return rows.rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    year: r.year,
    bestRank: r.best_rank,
    weeks: Number(r.weeks),
    people: r.people,
  }));
}
