/**
 * Scale data: viewers, reviews, likes, comments, reports, diary logs, watchlists and follows over
 * the real catalogue, in the proportions a busy site has, to measure pages and plans against.
 *
 * Everything is drawn in JavaScript from one seeded source (so `--seed` gives the same rows on
 * PostgreSQL and PGlite) and written in batches of a few thousand rows, each one statement that
 * reads its rows from a JSON parameter (`json_to_recordset`), inside ONE transaction: a failed run
 * leaves nothing behind. The aggregates (film_rating_stats, likes and comment counts) are then
 * recounted in SQL, once, rather than kept per row.
 *
 * Each table has its module (its generator, then its writer). They all draw from the one source,
 * so the order of the steps below is the order of the draws: changing it changes every row after.
 */
import type { Database } from "../../index";
import { recountAggregates, setAsideIndexes } from "./aggregates";
import { loadCatalogue } from "./catalogue";
import { generateComments, writeComments } from "./comments";
import { generateDiary, generateWatchlist, writeDiary, writeWatchlist } from "./diary";
import { generateFollows, writeFollows } from "./follows";
import { generateLikes, writeLikes } from "./likes";
import { SCALE_MARKER, ScaleRefusal, type ScaleOptions, type ScaleSummary } from "./options";
import { fmt, Progress } from "./progress";
import { Random } from "./random";
import { generateReports, writeReports } from "./reports";
import { generateReviews, writeReviews } from "./reviews";
import { inTransaction, query, type Run } from "./sql";
import { generateUsers, writeUsers } from "./users";

export { findAggregateDrift } from "./aggregates";
export {
  SCALE_MARKER,
  SCALE_PASSWORD,
  SCALE_PASSWORD_HASH,
  ScaleRefusal,
  scaleOptions,
  type ScaleOptions,
  type ScaleSummary,
} from "./options";

/** Checks the database can take scale data; refuses with the reason otherwise. */
async function preflight(run: Run, options: ScaleOptions) {
  const [tables] = await run(
    "select to_regclass('public.films') is not null as films, to_regclass('public.diary_entries') is not null as diary",
  );
  if (!tables?.films || !tables.diary) {
    throw new ScaleRefusal(
      "The database is not migrated. Run `npm run db:migrate` and `npm run db:seed` first (same DATABASE_URL).",
    );
  }
  const [counts] = await run(
    "select (select count(*) from films)::int as films, (select count(*) from chart_entries)::int as weeks",
  );
  if (!counts || Number(counts.films) < 100 || Number(counts.weeks) === 0) {
    throw new ScaleRefusal(
      `The database has ${fmt(Number(counts?.films ?? 0))} films and ${fmt(Number(counts?.weeks ?? 0))} chart rows: ` +
        "load the real catalogue first with `npm run db:seed` (same DATABASE_URL).",
    );
  }
  const [marker] = await run("select value from settings where key = $1", [SCALE_MARKER]);
  if (marker && !options.force) {
    const runs =
      (marker.value as { runs?: { at: string; users: number; reviews: number }[] }).runs ?? [];
    const last = runs.at(-1);
    throw new ScaleRefusal(
      `This database already has scale data${last ? ` (${fmt(last.users)} users, ${fmt(last.reviews)} reviews, ${last.at})` : ""}. ` +
        "Pass --force to add another set on top, or start from a fresh database.",
    );
  }
}

/**
 * Generates scale data into `db` (migrated and seeded with the catalogue), in one transaction,
 * then recounts the aggregates and ANALYZEs. `log` gets progress lines.
 */
export async function generateScaleData(
  db: Database,
  options: ScaleOptions,
  log: (line: string) => void = () => undefined,
): Promise<ScaleSummary> {
  const started = performance.now();
  for (const [key, value] of Object.entries(options)) {
    if (typeof value === "number" && !(Number.isInteger(value) && value >= 0)) {
      throw new ScaleRefusal(`--${key} must be a whole number of 0 or more; got ${value}.`);
    }
  }
  if (options.users < 2) throw new ScaleRefusal("--users must be at least 2.");
  const rng = new Random(options.seed);

  const summary = await inTransaction(db, async (run) => {
    await preflight(run, options);
    // ── Draw every row, table by table ──
    const catalogue = await loadCatalogue(run, rng);
    const users = await generateUsers(run, rng, options, catalogue);
    const reviews = await generateReviews(run, rng, options, catalogue, users);
    const likes = generateLikes(rng, options, catalogue, users, reviews);
    const comments = await generateComments(run, rng, options, catalogue, users, reviews, likes);
    const reports = generateReports(rng, options, catalogue, users, reviews, likes, comments);
    const diary = generateDiary(rng, options, catalogue, users, reviews);
    const watch = generateWatchlist(rng, options, catalogue, users, diary);
    const follow = generateFollows(rng, options, catalogue, users);

    // ── Write (the comments, reports and diary writers still draw, in this order) ──
    const { U, handles, userId } = users;
    const { R } = reviews;
    const total =
      U +
      R +
      likes.likeR.length +
      comments.C +
      reports.length +
      diary.logs.length +
      watch.length +
      follow.length;
    const progress = new Progress(total, log);
    log(`Writing ${fmt(total)} rows over ${fmt(catalogue.films.length)} films…`);
    const restore = await setAsideIndexes(run);
    await writeUsers(run, progress, users);
    await writeReviews(run, progress, options, catalogue, users, reviews);
    await writeLikes(run, progress, users, reviews, likes);
    await writeComments(run, progress, rng, catalogue, users, reviews, comments);
    await writeReports(run, progress, rng, catalogue, users, reports);
    await writeDiary(run, progress, rng, catalogue, users, reviews, diary);
    await writeWatchlist(run, progress, catalogue, users, watch);
    await writeFollows(run, progress, users, follow);
    // the serial columns go on after the ids given here
    for (const table of ["reviews", "review_comments", "reports", "diary_entries"]) {
      await run(
        `select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`,
      );
    }

    log("Recounting the aggregates…");
    await recountAggregates(run, reviews.firstReviewId);
    // after the recount, which rewrites every new review row: no index to keep up meanwhile
    log("Rebuilding the indexes and foreign keys set aside…");
    await restore();

    const value = {
      at: new Date().toISOString(),
      seed: options.seed,
      users: U,
      reviews: R,
      busiest: handles[0],
    };
    await run(
      `insert into settings (key, value) values ($1, jsonb_build_object('runs', jsonb_build_array($2::jsonb)))
       on conflict (key) do update set value = jsonb_set(settings.value, '{runs}', coalesce(settings.value->'runs', '[]'::jsonb) || $2::jsonb), updated_at = now()`,
      [SCALE_MARKER, JSON.stringify(value)],
    );

    const [top] = await run(
      "select f.slug, s.count from film_rating_stats s join films f on f.id = s.film_id order by s.count desc, f.id limit 1",
    );
    const [busiest] = await run(
      `select (select count(*) from reviews where user_id = $1 and deleted_at is null)::int as reviews,
              (select count(*) from diary_entries where user_id = $1)::int as diary`,
      [userId[0]],
    );
    return {
      busiest: {
        handle: handles[0]!,
        reviews: Number(busiest?.reviews),
        diary: Number(busiest?.diary),
      },
      busiestFilm: { slug: String(top?.slug), reviews: Number(top?.count) },
      rows: {
        users: U,
        reviews: R,
        review_likes: likes.likeR.length,
        review_comments: comments.C,
        reports: reports.length,
        diary_entries: diary.logs.length,
        watchlist_entries: watch.length,
        follows: follow.length,
      },
      seconds: 0,
    };
  });

  log("ANALYZE…");
  await query(db, "analyze");
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
