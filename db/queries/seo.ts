import "server-only";
import { asc, desc, eq, gte, max, sql } from "drizzle-orm";
import type { Executor } from "../index";
import { chartEntries, films, people, seasons, series } from "../schema";
import type { ChartFeedRow } from "../../lib/seo/atom";
import type { SitemapEntries } from "../../lib/seo/sitemap";

/** Every address a search engine may index, by kind, with when each last changed. */
export async function getSitemapEntries(db: Executor): Promise<SitemapEntries> {
  const [filmRows, seriesRows, peopleRows, chartRows] = await Promise.all([
    db.select({ slug: films.slug, updatedAt: films.updatedAt }).from(films).orderBy(asc(films.id)),
    db
      .select({ slug: series.slug, updatedAt: series.updatedAt })
      .from(series)
      .orderBy(asc(series.id)),
    db
      .select({ slug: people.slug, updatedAt: people.updatedAt })
      .from(people)
      .orderBy(asc(people.id)),
    db
      .select({
        week: chartEntries.week,
        list: chartEntries.list,
        updatedAt: max(chartEntries.updatedAt),
      })
      .from(chartEntries)
      .groupBy(chartEntries.week, chartEntries.list)
      .orderBy(sql`${chartEntries.week} desc`, asc(chartEntries.list)),
  ]);
  const when = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());
  return {
    films: filmRows.map((r) => ({ path: `/films/${r.slug}`, lastmod: when(r.updatedAt) })),
    series: seriesRows.map((r) => ({ path: `/series/${r.slug}`, lastmod: when(r.updatedAt) })),
    people: peopleRows.map((r) => ({ path: `/people/${r.slug}`, lastmod: when(r.updatedAt) })),
    charts: chartRows.map((r) => ({
      path: `/charts/${r.week}/${r.list}`,
      lastmod: when(r.updatedAt),
    })),
  };
}

/** Every row of the newest `weeks` weeks' lists, for the charts feed: newest week first, by list and rank. */
export async function getRecentChartRows(
  db: Executor,
  { weeks }: { weeks: number },
): Promise<ChartFeedRow[]> {
  const recent = db
    .selectDistinct({ week: chartEntries.week })
    .from(chartEntries)
    .orderBy(desc(chartEntries.week))
    .limit(weeks)
    .as("recent");
  const [oldest] = await db.select({ week: sql<string | null>`min(${recent.week})` }).from(recent);
  if (!oldest?.week) return [];
  const rows = await db
    .select({
      week: chartEntries.week,
      list: chartEntries.list,
      rank: chartEntries.rank,
      showTitle: chartEntries.showTitle,
      seasonTitle: chartEntries.seasonTitle,
      updatedAt: chartEntries.updatedAt,
      filmSlug: films.slug,
      seriesSlug: series.slug,
    })
    .from(chartEntries)
    .leftJoin(films, eq(films.id, chartEntries.filmId))
    .leftJoin(seasons, eq(seasons.id, chartEntries.seasonId))
    .leftJoin(series, eq(series.id, seasons.seriesId))
    .where(gte(chartEntries.week, oldest.week))
    .orderBy(desc(chartEntries.week), asc(chartEntries.list), asc(chartEntries.rank));
  return rows.map((r) => ({
    week: r.week,
    list: r.list,
    rank: r.rank,
    title: r.seasonTitle ?? r.showTitle,
    path: r.filmSlug ? `/films/${r.filmSlug}` : r.seriesSlug ? `/series/${r.seriesSlug}` : null,
    updatedAt: new Date(r.updatedAt).toISOString(),
  }));
}
