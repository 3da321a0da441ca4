/**
 * What makes bulk writes fast and keeps the aggregates right: the indexes and foreign keys set
 * aside while the rows go in, the one recount of the aggregates after, and the check that finds
 * any drift between the aggregates and their rows.
 */
import type { Database } from "../../index";
import { query, type Run } from "./sql";

/** The tables the generator fills. */
const FILLED = [
  "users",
  "reviews",
  "review_likes",
  "review_comments",
  "reports",
  "diary_entries",
  "watchlist_entries",
  "follows",
];

/**
 * Drops the plain (non-unique) indexes and the foreign keys of the tables about to be filled,
 * and returns what puts them back exactly as they were (their definitions as the catalogue
 * prints them). Building an index once and checking a foreign key in one join is several times
 * faster than keeping them up row by row; unique indexes and primary keys stay, so duplicates
 * fail at once. All in the run's transaction: if anything fails, nothing was dropped.
 */
export async function setAsideIndexes(run: Run): Promise<() => Promise<void>> {
  const indexes = (await run(
    `select quote_ident(ci.relname) as name, pg_get_indexdef(i.indexrelid) as def
     from pg_index i
     join pg_class ci on ci.oid = i.indexrelid
     join pg_class ct on ct.oid = i.indrelid
     where ct.relnamespace = 'public'::regnamespace and ct.relname = any($1)
       and not i.indisunique and not i.indisprimary`,
    [FILLED],
  )) as { name: string; def: string }[];
  const keys = (await run(
    `select quote_ident(c.conname) as name, c.conrelid::regclass::text as tbl, pg_get_constraintdef(c.oid) as def
     from pg_constraint c join pg_class ct on ct.oid = c.conrelid
     where c.contype = 'f' and ct.relnamespace = 'public'::regnamespace and ct.relname = any($1)`,
    [FILLED],
  )) as { name: string; tbl: string; def: string }[];
  for (const k of keys) await run(`alter table ${k.tbl} drop constraint ${k.name}`);
  for (const i of indexes) await run(`drop index ${i.name}`);
  return async () => {
    for (const i of indexes) await run(i.def);
    for (const k of keys) await run(`alter table ${k.tbl} add constraint ${k.name} ${k.def}`);
  };
}

/**
 * What every review write keeps up to date, recounted in one statement each: the films' rating
 * aggregates (live reviews that moderation leaves visible), and the likes and live comments of
 * the reviews from `firstReviewId` on (the new ones; the likes and comments generated are theirs).
 */
export async function recountAggregates(run: Run, firstReviewId: number) {
  await run(`
    insert into film_rating_stats (film_id, count, sum, histogram)
    select film_id, count(*)::int, sum(rating)::int,
      array[${Array.from({ length: 10 }, (_, i) => `count(*) filter (where rating = ${i + 1})::int`).join(", ")}]
    from reviews r
    where deleted_at is null
      and not exists (select 1 from moderation_states m where m.target_type = 'review' and m.target_id = r.id and m.status <> 'visible')
    group by film_id
    on conflict (film_id) do update
      set count = excluded.count, sum = excluded.sum, histogram = excluded.histogram`);
  await run(
    `update reviews r set likes_count = c.n
     from (select review_id, count(*)::int as n from review_likes where review_id >= $1 group by review_id) c
     where r.id = c.review_id`,
    [firstReviewId],
  );
  await run(
    `update reviews r set comments_count = c.n
     from (select review_id, count(*)::int as n from review_comments
           where review_id >= $1 and deleted_at is null group by review_id) c
     where r.id = c.review_id`,
    [firstReviewId],
  );
}

/**
 * Differences between the stored aggregates and a recount from the rows themselves, as sentences;
 * empty when they all agree.
 */
export async function findAggregateDrift(db: Database): Promise<string[]> {
  const problems: string[] = [];
  const stats = await query(
    db,
    `
    with live as (
      select film_id, count(*)::int as count, coalesce(sum(rating), 0)::int as sum,
        array[${Array.from({ length: 10 }, (_, i) => `count(*) filter (where rating = ${i + 1})::int`).join(", ")}] as histogram
      from reviews r
      where deleted_at is null
        and not exists (select 1 from moderation_states m where m.target_type = 'review' and m.target_id = r.id and m.status <> 'visible')
      group by film_id
    )
    select coalesce(s.film_id, l.film_id) as film_id
    from film_rating_stats s full join live l on l.film_id = s.film_id
    where coalesce(s.count, 0) <> coalesce(l.count, 0) or coalesce(s.sum, 0) <> coalesce(l.sum, 0)
      or coalesce(s.histogram, '{0,0,0,0,0,0,0,0,0,0}') <> coalesce(l.histogram, '{0,0,0,0,0,0,0,0,0,0}')`,
  );
  if (stats.length) problems.push(`${stats.length} films' rating aggregates differ from a recount`);
  const likes = await query(
    db,
    `
    select r.id from reviews r
    left join (select review_id, count(*)::int as n from review_likes group by review_id) c on c.review_id = r.id
    where r.likes_count <> coalesce(c.n, 0)`,
  );
  if (likes.length) problems.push(`${likes.length} reviews' like counts differ from their likes`);
  const comments = await query(
    db,
    `
    select r.id from reviews r
    left join (select review_id, count(*)::int as n from review_comments where deleted_at is null group by review_id) c
      on c.review_id = r.id
    where r.comments_count <> coalesce(c.n, 0)`,
  );
  if (comments.length)
    problems.push(`${comments.length} reviews' comment counts differ from their comments`);
  return problems;
}
