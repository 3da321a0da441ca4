import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { LIST_SLUGS, type ListSlug } from "../../lib/top10/lists";
import type { GlobalRow } from "../../lib/top10/parse";
import type { Executor } from "../index";
import {
  chartEntries,
  chartRevisions,
  films,
  mostPopularEntries,
  seasons,
  series,
} from "../schema";

/** A stored row of a global list: the figures as the file had them, and what Reelrank adds. */
export type ChartRow = Omit<GlobalRow, "line"> & {
  id: number;
  countries: number | null;
  /** Rank on the same list the week before, when the title was on it. */
  previousRank: number | null;
  film: { slug: string; title: string; year: number | null } | null;
  series: { slug: string; title: string } | null;
};

const prev = alias(chartEntries, "prev");

/** The same film or season (or, for a row attached to neither, the same title) one week earlier on the same list. */
const previousWeek = and(
  eq(prev.list, chartEntries.list),
  eq(prev.week, sql`${chartEntries.week} - 7`),
  sql`(
    (${chartEntries.filmId} is not null and ${prev.filmId} = ${chartEntries.filmId})
    or (${chartEntries.seasonId} is not null and ${prev.seasonId} = ${chartEntries.seasonId})
    or (${chartEntries.filmId} is null and ${chartEntries.seasonId} is null
        and ${prev.showTitle} = ${chartEntries.showTitle} and ${prev.seasonTitle} is not distinct from ${chartEntries.seasonTitle})
  )`,
);

function selectChartRows(db: Executor) {
  return db
    .select({
      id: chartEntries.id,
      week: chartEntries.week,
      list: chartEntries.list,
      rank: chartEntries.rank,
      showTitle: chartEntries.showTitle,
      seasonTitle: chartEntries.seasonTitle,
      hoursViewed: chartEntries.hoursViewed,
      runtimeHours: chartEntries.runtimeHours,
      views: chartEntries.views,
      cumulativeWeeks: chartEntries.cumulativeWeeks,
      countries: chartEntries.countries,
      // a subquery per row, not a join: the join's OR made the planner hash the whole table,
      // while this reads the previous week's ten rows of the list from its unique index
      previousRank: sql<
        number | null
      >`(select ${prev.rank} from ${chartEntries} as "prev" where ${previousWeek} order by ${prev.rank} limit 1)`,
      filmSlug: films.slug,
      filmTitle: films.title,
      filmYear: films.year,
      seriesSlug: series.slug,
      seriesTitle: series.title,
    })
    .from(chartEntries)
    .leftJoin(films, eq(films.id, chartEntries.filmId))
    .leftJoin(seasons, eq(seasons.id, chartEntries.seasonId))
    .leftJoin(series, eq(series.id, seasons.seriesId));
}

type RawRow = Awaited<ReturnType<ReturnType<typeof selectChartRows>["execute"]>>[number];

function toChartRow({
  filmSlug,
  filmTitle,
  filmYear,
  seriesSlug,
  seriesTitle,
  ...row
}: RawRow): ChartRow {
  return {
    ...row,
    film: filmSlug && filmTitle ? { slug: filmSlug, title: filmTitle, year: filmYear } : null,
    series: seriesSlug && seriesTitle ? { slug: seriesSlug, title: seriesTitle } : null,
  };
}

/** A film's whole chart run, oldest week first. */
export async function getChartHistoryByFilmId(
  db: Executor,
  { filmId }: { filmId: number },
): Promise<ChartRow[]> {
  const rows = await selectChartRows(db)
    .where(eq(chartEntries.filmId, filmId))
    .orderBy(asc(chartEntries.week), asc(chartEntries.list));
  return rows.map(toChartRow);
}

/** A series and its whole chart run (every season), oldest week first. */
export async function getSeriesBySlug(db: Executor, { slug }: { slug: string }) {
  const [row] = await db.select().from(series).where(eq(series.slug, slug)).limit(1);
  if (!row) return null;
  const chart = await selectChartRows(db)
    .where(eq(seasons.seriesId, row.id))
    .orderBy(asc(chartEntries.week), asc(chartEntries.list), asc(chartEntries.rank));
  const seasonTitles = [
    ...new Set(chart.map((c) => c.seasonTitle).filter((t): t is string => !!t)),
  ];
  return { ...row, seasons: seasonTitles, chart: chart.map(toChartRow) };
}

/** One week's list, by rank. */

export async function getChartWeek(
  db: Executor,
  { week, list }: { week: string; list: ListSlug },
): Promise<ChartRow[]> {
  const rows = await selectChartRows(db)
    .where(and(eq(chartEntries.week, week), eq(chartEntries.list, list)))
    .orderBy(asc(chartEntries.rank));
  return rows.map(toChartRow);
}

/** Every week that has any list, newest first. */
export async function listChartWeeks(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ week: chartEntries.week })
    .from(chartEntries)
    .orderBy(desc(chartEntries.week));
  return rows.map((r) => r.week);
}

/** Which of the four lists a week has. */
export async function listsOfWeek(db: Executor, { week }: { week: string }): Promise<ListSlug[]> {
  const rows = await db
    .selectDistinct({ list: chartEntries.list })
    .from(chartEntries)
    .where(eq(chartEntries.week, week));
  const have = new Set(rows.map((r) => r.list));
  return LIST_SLUGS.filter((l) => have.has(l));
}

export type Revision = {
  entryId: number;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  source: string;
  changedAt: Date;
};

/** Corrections Netflix made to figures, for the entries given. */
export async function getRevisionsForEntries(
  db: Executor,
  { entryIds }: { entryIds: number[] },
): Promise<Revision[]> {
  if (entryIds.length === 0) return [];
  return db
    .select({
      entryId: chartRevisions.entryId,
      field: chartRevisions.field,
      oldValue: chartRevisions.oldValue,
      newValue: chartRevisions.newValue,
      source: chartRevisions.source,
      changedAt: chartRevisions.changedAt,
    })
    .from(chartRevisions)
    .where(inArray(chartRevisions.entryId, entryIds))
    .orderBy(asc(chartRevisions.changedAt), asc(chartRevisions.id));
}

export type MostPopularRow = {
  list: ListSlug;
  rank: number;
  showTitle: string;
  seasonTitle: string | null;
  hoursViewed: number;
  runtimeHours: number | null;
  views: number | null;
  windowDays: number;
  film: { slug: string; title: string; year: number | null } | null;
  series: { slug: string; title: string } | null;
};

/** Netflix's all-time most popular lists, by list and rank. */
export async function getMostPopular(db: Executor): Promise<MostPopularRow[]> {
  const rows = await db
    .select({
      list: mostPopularEntries.list,
      rank: mostPopularEntries.rank,
      showTitle: mostPopularEntries.showTitle,
      seasonTitle: mostPopularEntries.seasonTitle,
      hoursViewed: mostPopularEntries.hoursViewed,
      runtimeHours: mostPopularEntries.runtimeHours,
      views: mostPopularEntries.views,
      windowDays: mostPopularEntries.windowDays,
      filmSlug: films.slug,
      filmTitle: films.title,
      filmYear: films.year,
      seriesSlug: series.slug,
      seriesTitle: series.title,
    })
    .from(mostPopularEntries)
    .leftJoin(films, eq(films.id, mostPopularEntries.filmId))
    .leftJoin(seasons, eq(seasons.id, mostPopularEntries.seasonId))
    .leftJoin(series, eq(series.id, seasons.seriesId))
    .orderBy(asc(mostPopularEntries.list), asc(mostPopularEntries.rank));
  return rows.map(({ filmSlug, filmTitle, filmYear, seriesSlug, seriesTitle, ...row }) => ({
    ...row,
    film: filmSlug && filmTitle ? { slug: filmSlug, title: filmTitle, year: filmYear } : null,
    series: seriesSlug && seriesTitle ? { slug: seriesSlug, title: seriesTitle } : null,
  }));
}
