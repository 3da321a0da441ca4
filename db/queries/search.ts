import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "../index";
import type { ListSlug } from "@/lib/top10/lists";
import { averageStars } from "@/lib/rating";
import { cleanSearchText, isSearchable } from "@/lib/search/query";

/** How a title's best week on the Netflix Top 10 went; null when it never charted. */
export type ChartPeak = { rank: number; list: ListSlug; weeks: number };

export type TitleHit = {
  slug: string;
  title: string;
  originalTitle: string | null;
  originalLanguage: string | null;
  year: number | null;
  peak: ChartPeak | null;
};
export type FilmHit = TitleHit & { rating: { average: number; count: number } | null };
export type SeriesHit = TitleHit;
export type PersonHit = {
  slug: string;
  name: string;
  nativeName: string | null;
  knownFor: { slug: string; title: string; year: number | null }[];
};
export type SearchResults = { films: FilmHit[]; series: SeriesHit[]; people: PersonHit[] };

export const emptyResults = (): SearchResults => ({ films: [], series: [], people: [] });

type TitleRow = {
  slug: string;
  title: string;
  original_title: string | null;
  original_language: string | null;
  year: number | null;
  peak_rank: number | null;
  peak_list: ListSlug | null;
  weeks: number | null;
};

/** `LIKE` patterns match `%`, `_` and `\\` literally once escaped. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (m) => `\\${m}`);

/** The parts of the WHERE, ORDER BY and SELECT that depend on the query's search key `k`. */
function matcher(k: string) {
  const keyOf = (column: SQL) => sql`reelrank_search_key(${column})`;
  const prefix = `${escapeLike(k)}%`;
  const contains = `%${escapeLike(k)}%`;
  // Trigrams need three characters; a shorter query (전종, "ab") can only be a prefix, which the
  // pattern B-tree serves.
  const long = [...k].length >= 3;
  return {
    /**
     * Whether a column's key matches: it contains the query, or one of its stretches of words is
     * close to it in trigrams (`<%`, word similarity ≥ 0.6), which is what forgives a typo, in a
     * short title as in a long one. Whole-title similarity (`%`) would add only weaker matches, at
     * the price of rechecking every title that shares a common word ("the") with the query.
     */
    where: (columns: SQL[]) =>
      sql.join(
        columns.map((c) =>
          long
            ? sql`(${keyOf(c)} like ${contains} or ${k} <% ${keyOf(c)})`
            : sql`${keyOf(c)} like ${prefix}`,
        ),
        sql` or `,
      ),
    /** 0 exact, 1 prefix, 2 contains, 3 only similar: the first ordering of the results. */
    tier: (columns: SQL[]) => {
      const any = (f: (c: SQL) => SQL) =>
        sql.join(
          columns.map((c) => f(keyOf(c))),
          sql` or `,
        );
      return sql`case when ${any((c) => sql`${c} = ${k}`)} then 0
        when ${any((c) => sql`${c} like ${prefix}`)} then 1
        when ${any((c) => sql`${c} like ${contains}`)} then 2 else 3 end`;
    },
    /** How close the best column is, in twentieths so that near-equal titles tie. */
    closeness: (columns: SQL[]) => {
      const sims = columns.map(
        (c) => sql`coalesce(similarity(${keyOf(c)}, ${k}), 0),
          coalesce(word_similarity(${k}, ${keyOf(c)}), 0) * 0.9`,
      );
      return sql`round(greatest(${sql.join(sims, sql`, `)}) * 20)::int`;
    },
  };
}
type Matcher = ReturnType<typeof matcher>;

const toTitleHit = (r: TitleRow): TitleHit => ({
  slug: r.slug,
  title: r.title,
  originalTitle: r.original_title,
  originalLanguage: r.original_language,
  year: r.year,
  peak:
    r.peak_rank != null && r.peak_list != null
      ? { rank: r.peak_rank, list: r.peak_list, weeks: r.weeks ?? 0 }
      : null,
});

async function searchFilms(db: Executor, m: Matcher, limit: number): Promise<FilmHit[]> {
  const cols = [sql`f.title`, sql`f.original_title`];
  // both drivers answer raw SQL with { rows }
  const { rows } = (await db.execute(sql`
    with hits as (
      select f.id, f.slug, f.title, f.original_title, f.original_language, f.year,
        ${m.tier(cols)} as tier, ${m.closeness(cols)} as closeness
      from films f
      where ${m.where(cols)}
    ), charted as (
      select c.film_id, min(c.rank)::int as peak_rank, count(distinct c.week)::int as weeks,
        (array_agg(c.list::text order by c.rank, c.week))[1] as peak_list
      from chart_entries c join hits h on h.id = c.film_id
      group by c.film_id
    )
    select h.slug, h.title, h.original_title, h.original_language, h.year,
      ch.peak_rank, ch.peak_list, ch.weeks, r.count as rating_count, r.sum as rating_sum
    from hits h
    left join charted ch on ch.film_id = h.id
    left join film_rating_stats r on r.film_id = h.id
    order by h.tier, case when h.tier = 3 then h.closeness end desc,
      ch.peak_rank nulls last, ch.weeks desc nulls last, h.year desc nulls last, h.title, h.id
    limit ${limit}`)) as {
    rows: (TitleRow & { rating_count: number | null; rating_sum: number | null })[];
  };
  return rows.map((r) => {
    const average =
      r.rating_count != null && r.rating_sum != null
        ? averageStars({ count: r.rating_count, sum: r.rating_sum })
        : null;
    return {
      ...toTitleHit(r),
      rating: average != null ? { average, count: r.rating_count ?? 0 } : null,
    };
  });
}

async function searchSeries(db: Executor, m: Matcher, limit: number): Promise<SeriesHit[]> {
  const cols = [sql`s.title`, sql`s.original_title`];
  const { rows } = (await db.execute(sql`
    with hits as (
      select s.id, s.slug, s.title, s.original_title, s.original_language, s.year,
        ${m.tier(cols)} as tier, ${m.closeness(cols)} as closeness
      from series s
      where ${m.where(cols)}
    ), charted as (
      select se.series_id, min(c.rank)::int as peak_rank, count(distinct c.week)::int as weeks,
        (array_agg(c.list::text order by c.rank, c.week))[1] as peak_list
      from chart_entries c
      join seasons se on se.id = c.season_id
      join hits h on h.id = se.series_id
      group by se.series_id
    )
    select h.slug, h.title, h.original_title, h.original_language, h.year,
      ch.peak_rank, ch.peak_list, ch.weeks
    from hits h
    left join charted ch on ch.series_id = h.id
    order by h.tier, case when h.tier = 3 then h.closeness end desc,
      ch.peak_rank nulls last, ch.weeks desc nulls last, h.year desc nulls last, h.title, h.id
    limit ${limit}`)) as { rows: TitleRow[] };
  return rows.map(toTitleHit);
}

async function searchPeople(db: Executor, m: Matcher, limit: number): Promise<PersonHit[]> {
  const cols = [sql`p.name`, sql`p.native_name`];
  const { rows } = (await db.execute(sql`
    with hits as (
      select p.id, p.slug, p.name, p.native_name,
        ${m.tier(cols)} as tier, ${m.closeness(cols)} as closeness
      from people p
      where ${m.where(cols)}
    )
    select h.slug, h.name, h.native_name, k.known_for
    from hits h
    cross join lateral (
      select count(*)::int as films,
        coalesce(json_agg(json_build_object('slug', t.slug, 'title', t.title, 'year', t.year)
          order by t.n) filter (where t.n <= 3), '[]') as known_for
      from (
        select f.slug, f.title, f.year,
          row_number() over (order by cr.billing_order, f.year desc nulls last, f.id) as n
        from credits cr join films f on f.id = cr.film_id
        where cr.person_id = h.id
      ) t
    ) k
    order by h.tier, case when h.tier = 3 then h.closeness end desc, k.films desc, h.name, h.id
    limit ${limit}`)) as {
    rows: {
      slug: string;
      name: string;
      native_name: string | null;
      known_for: PersonHit["knownFor"];
    }[];
  };
  return rows.map((r) => ({
    slug: r.slug,
    name: r.name,
    nativeName: r.native_name,
    knownFor: r.known_for,
  }));
}

/**
 * Films, series and people whose title or name (in English or in its own script) matches `q`,
 * ignoring case, accents and punctuation and forgiving small typos. Each kind comes in this
 * order: the exact title, titles that start with it, titles that contain it, then the closest;
 * among equals, the one that went highest and stayed longest on the Netflix Top 10 first.
 */
export async function searchCatalogue(
  db: Executor,
  { q, limit }: { q: string; limit: number },
): Promise<SearchResults> {
  const text = cleanSearchText(q);
  if (!isSearchable(text)) return emptyResults();
  // The key first, on its own: then every condition below compares with a known value, which is
  // what lets the planner pick the indexes built on `reelrank_search_key(column)`.
  const { rows } = (await db.execute(sql`select reelrank_search_key(${text}) as k`)) as {
    rows: { k: string | null }[];
  };
  const k = rows[0]?.k ?? "";
  if (!k) return emptyResults();
  const m = matcher(k);
  const films = await searchFilms(db, m, limit);
  const series = await searchSeries(db, m, limit);
  const people = await searchPeople(db, m, limit);
  return { films, series, people };
}
