import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { BrowseFilters, BrowseKind } from "../../lib/browse";
import type { Executor } from "../index";

/** A film or series with its whole Netflix Top 10 run and its ratings, as /films lists it. */
export type BrowseRow = {
  kind: BrowseKind;
  slug: string;
  title: string;
  originalTitle: string | null;
  /** Only from a named source; null when none gives it. */
  year: number | null;
  originalLanguage: string | null;
  /** Best rank reached on any list; null for a title that never charted. */
  bestRank: number | null;
  /** Weeks in the Top 10 (a week counts once, whichever lists or seasons charted). */
  weeks: number;
  weeksAtBest: number;
  /** Views over the chart run, from the weeks Netflix published them (June 2023 on). */
  views: number | null;
  english: boolean;
  nonEnglish: boolean;
  ratings: number;
  /** Average in stars; null without ratings (series are not rated). */
  averageStars: number | null;
};

type RawRow = {
  kind: BrowseKind;
  slug: string;
  title: string;
  original_title: string | null;
  year: number | null;
  original_language: string | null;
  best_rank: number | null;
  weeks: number;
  weeks_at_best: number;
  views: number | null;
  english: boolean;
  non_english: boolean;
  ratings: number;
  average_stars: number | null;
  total: number;
};

/**
 * Every title with its chart run, aggregated once per title: a film's entries through `film_id`,
 * a series' through its seasons. A week counts once per title, at its best rank that week.
 */
const catalogue = sql`
  with entries as (
    select 'film'::text as kind, ce.film_id as id, ce.week, ce.list, ce.rank, ce.views
    from chart_entries ce where ce.film_id is not null
    union all
    select 'series'::text, s.series_id, ce.week, ce.list, ce.rank, ce.views
    from chart_entries ce join seasons s on s.id = ce.season_id
  ),
  weekly as (
    select kind, id, week, min(rank) as rank, sum(views) as views,
      bool_or(list in ('films-english', 'tv-english')) as english,
      bool_or(list in ('films-non-english', 'tv-non-english')) as non_english,
      min(min(rank)) over (partition by kind, id) as best
    from entries group by kind, id, week
  ),
  runs as (
    select kind, id, min(rank) as best_rank, count(*) as weeks,
      count(*) filter (where rank = best) as weeks_at_best, sum(views) as views,
      bool_or(english) as english, bool_or(non_english) as non_english, max(week) as last_week
    from weekly group by kind, id
  ),
  titles as (
    select 'film'::text as kind, f.id, f.slug, f.title, f.original_title, f.year,
      f.original_language, coalesce(r.count, 0) as ratings,
      case when r.count > 0 then r.sum::float8 / r.count / 2 end as average_stars
    from films f left join film_rating_stats r on r.film_id = f.id
    union all
    select 'series'::text, s.id, s.slug, s.title, s.original_title, s.year, s.original_language,
      0, null::float8
    from series s
  ),
  catalogue as (
    select t.*, runs.best_rank, coalesce(runs.weeks, 0) as weeks,
      coalesce(runs.weeks_at_best, 0) as weeks_at_best, runs.views, runs.last_week,
      coalesce(runs.english, false) as english, coalesce(runs.non_english, false) as non_english
    from titles t left join runs on runs.kind = t.kind and runs.id = t.id
  )`;

function where(f: BrowseFilters): SQL {
  const conditions: SQL[] = [sql`true`];
  if (f.list === "english") conditions.push(sql`english`);
  if (f.list === "non-english") conditions.push(sql`non_english`);
  if (f.kind) conditions.push(sql`kind = ${f.kind}`);
  if (f.year != null) conditions.push(sql`year = ${f.year}`);
  if (f.decade != null) conditions.push(sql`year between ${f.decade} and ${f.decade + 9}`);
  if (f.lang) conditions.push(sql`original_language = ${f.lang}`);
  if (f.best != null) conditions.push(sql`best_rank <= ${f.best}`);
  return sql.join(conditions, sql` and `);
}

// Every order ends on the title (then kind and id) so that pages never overlap.
const byTitle = sql`lower(title), kind, id`;
const orders: Record<BrowseFilters["sort"], SQL> = {
  title: byTitle,
  rank: sql`best_rank asc nulls last, weeks_at_best desc, weeks desc, ${byTitle}`,
  views: sql`views desc nulls last, ${byTitle}`,
  weeks: sql`weeks desc, ${byTitle}`,
  rating: sql`average_stars desc nulls last, ratings desc, ${byTitle}`,
  ratings: sql`ratings desc, average_stars desc nulls last, ${byTitle}`,
  // unknown years last: a title is never given a year it does not have
  newest: sql`year desc nulls last, last_week desc nulls last, ${byTitle}`,
};

/** One page of the catalogue under the filters, with the number of titles they match, in one query. */
export async function listCatalogue(
  db: Executor,
  { filters, page, pageSize }: { filters: BrowseFilters; page: number; pageSize: number },
): Promise<{ rows: BrowseRow[]; total: number }> {
  // both drivers answer raw SQL with { rows }
  const result = (await db.execute<RawRow>(sql`
    ${catalogue}
    select kind, slug, title, original_title, year, original_language, best_rank::int,
      weeks::int, weeks_at_best::int, views::float8, english, non_english, ratings::int,
      average_stars, count(*) over ()::int as total
    from catalogue
    where ${where(filters)}
    order by ${orders[filters.sort]}
    limit ${pageSize} offset ${(page - 1) * pageSize}`)) as { rows: RawRow[] };
  const raw = result.rows;
  // past the last page the window count has no row to ride on
  const total = raw[0]?.total ?? (page > 1 ? await countCatalogue(db, filters) : 0);
  return {
    total,
    rows: raw.map((r) => ({
      kind: r.kind,
      slug: r.slug,
      title: r.title,
      originalTitle: r.original_title,
      year: r.year,
      originalLanguage: r.original_language,
      bestRank: r.best_rank,
      weeks: r.weeks,
      weeksAtBest: r.weeks_at_best,
      views: r.views,
      english: r.english,
      nonEnglish: r.non_english,
      ratings: r.ratings,
      averageStars: r.average_stars,
    })),
  };
}

async function countCatalogue(db: Executor, filters: BrowseFilters): Promise<number> {
  const result = (await db.execute<{ total: number }>(sql`
    ${catalogue}
    select count(*)::int as total from catalogue where ${where(filters)}`)) as {
    rows: { total: number }[];
  };
  return result.rows[0]?.total ?? 0;
}

/** What the filter menus offer: languages and years that some title has. */
export async function getCatalogueFacets(
  db: Executor,
): Promise<{ languages: string[]; years: number[] }> {
  const [languages, years] = await Promise.all([
    db.execute<{ code: string }>(sql`
      select original_language as code from films where original_language is not null
      union select original_language from series where original_language is not null
      order by 1`),
    db.execute<{ year: number }>(sql`
      select year from films where year is not null
      union select year from series where year is not null
      order by 1 desc`),
  ]);
  return {
    languages: (languages as { rows: { code: string }[] }).rows.map((r) => r.code),
    years: (years as { rows: { year: number }[] }).rows.map((r) => r.year),
  };
}
