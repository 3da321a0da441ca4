/**
 * `npm run bench:soak`: the production server under mixed reading and writing for a long while,
 * then a check that nothing acknowledged was lost.
 *
 *   npm run build && npm run bench:soak                           # 10 minutes on a new PostgreSQL database
 *   npm run bench:soak -- --database-url postgres://…/db --minutes 2
 *   npm run bench:soak -- --quick                                 # one minute, embedded database
 *
 * Readers fetch film pages, charts, search, profiles and the film JSON; writers, each with their
 * own accounts, post and edit reviews, like, comment and report through the real server actions,
 * and sign in again now and then. Every acknowledged write is looked for in the database at the
 * end (reviews and comments by their text, likes by their pair, reports by their row), as are the
 * rating aggregates against a recount. 5xx answers must be none; other errors are counted by kind.
 * The server's resident memory (its whole process tree) is sampled throughout.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, inArray, sql } from "drizzle-orm";
import { describeTarget, parseDatabaseUrl, type Database } from "../db/index";
import { reports, reviewComments, reviewLikes, reviews } from "../db/schema";
import { findAggregateDrift } from "../db/seed/scale";
import { callAction, readActionId, signIn, type CookieJar } from "./lib/action";
import {
  chooseDatabase,
  createWriters,
  migrateAndSeed,
  root,
  searchTermFor,
  withDatabase,
  type Writer,
} from "./lib/database";
import { reconcileReviews, type Outcome, type ReviewPost } from "./lib/ledger";
import { formatTable, percentile } from "./lib/report";
import { judgeRss, treeRss } from "./lib/rss";
import { assertBuilt, startServer } from "./lib/server";
import { parseSoakOptions, SOAK_USAGE } from "./lib/soak-options";

const RESULTS = path.join(root, "bench", "results");
/** Accounts per writing connection: enough that none meets the posting limit. */
const USERS_PER_WRITER = 40;
const log = (text: string) => console.log(`· ${text}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

type Facts = {
  films: { id: number; slug: string }[];
  handles: string[];
  terms: string[];
  /** Reviews to like and comment on, and others to report (each once, so none gets hidden). */
  social: number[];
  reportable: number[];
};

async function readFacts(db: Database): Promise<Facts> {
  const films = await rows<{ id: number; slug: string; title: string }>(
    db,
    // the most rated first: readers go where the reviews are
    sql`select f.id, f.slug, f.title from films f
        left join film_rating_stats s on s.film_id = f.id
        order by s.count desc nulls last, f.id limit 400`,
  );
  const handles = await rows<{ handle: string }>(
    db,
    sql`select u.handle from users u where u.deleted_at is null
        and exists (select 1 from reviews r where r.user_id = u.id) order by u.id limit 200`,
  );
  // visible, open to comments, of accounts still there: the newest few thousand
  const targets = await rows<{ id: number }>(
    db,
    sql`select r.id from reviews r join users u on u.id = r.user_id
        where r.deleted_at is null and u.deleted_at is null
          and not exists (select 1 from moderation_states m where m.target_type = 'review'
            and m.target_id = r.id and (m.status <> 'visible' or m.comments_locked))
          and not exists (select 1 from reports p where p.target_type = 'review' and p.target_id = r.id)
        order by r.id desc limit 6000`,
  );
  if (!films.length || !targets.length) throw new Error("The database has no films or no reviews.");
  return {
    films: films.map(({ id, slug }) => ({ id, slug })),
    handles: handles.map((h) => h.handle),
    terms: [...new Set(films.slice(0, 100).map((f) => searchTermFor(f.title)))],
    social: targets.filter((_, i) => i % 3 !== 0).map((t) => t.id),
    reportable: targets.filter((_, i) => i % 3 === 0).map((t) => t.id),
  };
}

/** Latencies and outcomes of one kind of request. */
class Tally {
  latencies: number[] = [];
  ok = 0;
  serverErrors = 0;
  errors = new Map<string, number>();
  count(ms: number, error: string | null, is5xx = false) {
    this.latencies.push(ms);
    if (is5xx) this.serverErrors++;
    if (error == null) this.ok++;
    else this.errors.set(error, (this.errors.get(error) ?? 0) + 1);
  }
  get total() {
    return this.latencies.length;
  }
}

/** An error message with its numbers taken out, so that "Try again in 3 minutes" counts as one kind. */
const kindOf = (message: string) => message.replace(/\d+/g, "N").slice(0, 120);

type UserState = {
  writer: Writer;
  jar: CookieJar | null;
  posts: number[];
  reportsSent: number;
  reviewed: { id: number; slug: string }[];
  liked: Set<number>;
};

type Comment = { userId: string; reviewId: number; body: string; outcome: Outcome };
type Pair = { userId: string; reviewId: number; outcome: Outcome };

async function main() {
  const parsed = parseSoakOptions(process.argv.slice(2));
  if (parsed === "help") {
    console.log(SOAK_USAGE);
    return;
  }
  const opts = parsed;
  assertBuilt();
  const ids = {
    post: readActionId("app/films/[slug]/actions.ts", "postReviewAction"),
    like: readActionId("app/films/[slug]/actions.ts", "likeReviewAction"),
    comment: readActionId("app/films/[slug]/actions.ts", "commentAction"),
    report: readActionId("app/mod/actions.ts", "reportAction"),
  };
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  fs.mkdirSync(RESULTS, { recursive: true });

  const database = await chooseDatabase({ quick: opts.quick, databaseUrl: opts.databaseUrl });
  log(`database: ${describeTarget(parseDatabaseUrl(database.url))}`);
  await migrateAndSeed(database.url);
  const { facts, writers } = await withDatabase(database.url, async (db) => ({
    facts: await readFacts(db),
    writers: await createWriters(db, opts.writers * USERS_PER_WRITER, { daysOld: 2 }),
  }));
  log(
    `${facts.films.length} films, ${facts.handles.length} profiles, ${facts.terms.length} search terms, ` +
      `${facts.social.length + facts.reportable.length} reviews to like, comment on and report; ` +
      `${writers.length} writer accounts`,
  );
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");

  const server = await startServer({
    port: opts.port,
    databaseUrl: database.url,
    logFile: path.join(RESULTS, `${stamp}-soak-server.log`),
  });
  const base = server.base;
  const run = randomBytes(3).toString("hex");
  const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;
  /** Mostly the first few, now and then any: a few popular pages and a long tail. */
  const popular = <T>(list: T[]): T => list[Math.floor(Math.random() ** 3 * list.length)]!;

  const reads: Record<string, () => string> = {
    film: () => `/films/${popular(facts.films).slug}`,
    charts: () => pick(["/charts", "/charts/most-popular"]),
    search: () => `/search?q=${encodeURIComponent(popular(facts.terms))}`,
    profile: () => `/u/${popular(facts.handles)}`,
    "film JSON": () => `/api/films/${popular(facts.films).slug}`,
  };
  const readWeights: [string, number][] = [
    ["film", 45],
    ["charts", 10],
    ["search", 15],
    ["profile", 15],
    ["film JSON", 15],
  ];
  const tallies = new Map<string, Tally>();
  const tally = (kind: string) => {
    let t = tallies.get(kind);
    if (!t) tallies.set(kind, (t = new Tally()));
    return t;
  };
  const weighted = (weights: [string, number][]) => {
    const sum = weights.reduce((s, [, w]) => s + w, 0);
    let r = Math.random() * sum;
    for (const [name, w] of weights) if ((r -= w) < 0) return name;
    return weights[0]![0];
  };

  async function read(kind: string, urlPath: string) {
    const t0 = performance.now();
    try {
      const response = await fetch(base + urlPath, { signal: AbortSignal.timeout(60_000) });
      await response.arrayBuffer();
      const ms = performance.now() - t0;
      const error = response.ok ? null : `HTTP ${response.status}`;
      tally(kind).count(ms, error, response.status >= 500);
    } catch (error) {
      tally(kind).count(performance.now() - t0, kindOf((error as Error).message));
    }
  }

  // ── warm-up: every kind of page once ──
  log("warming up");
  for (const [kind] of readWeights) await read(`warm-up`, reads[kind]!());
  tallies.clear();

  // ── the writers' state ──
  const users: UserState[] = writers.map((writer) => ({
    writer,
    jar: null,
    posts: [],
    reportsSent: 0,
    reviewed: [],
    liked: new Set(),
  }));
  const reviewPosts: ReviewPost[] = [];
  const comments: Comment[] = [];
  const likes: Pair[] = [];
  const reportsSent: Pair[] = [];
  let nextReportable = 0;
  let nextText = 0;

  async function action(
    kind: string,
    user: UserState,
    pagePath: string,
    actionId: string,
    input: Record<string, unknown>,
  ): Promise<Outcome> {
    const t0 = performance.now();
    try {
      const answer = await callAction({
        base,
        pagePath,
        actionId,
        args: [null, input],
        jar: user.jar!,
      });
      const ms = performance.now() - t0;
      if (answer.ok) {
        tally(kind).count(ms, null);
        return "acknowledged";
      }
      tally(kind).count(ms, kindOf(answer.error ?? "unknown"), answer.status >= 500);
      return answer.status === 200 ? "failed" : "unknown";
    } catch (error) {
      tally(kind).count(performance.now() - t0, kindOf((error as Error).message));
      return "unknown";
    }
  }

  const canPost = (u: UserState, now: number) => u.posts.filter((t) => t > now - 61_000).length < 9;

  async function signInAs(u: UserState) {
    const t0 = performance.now();
    try {
      u.jar = await signIn(base, u.writer.email, u.writer.password);
      tally("sign-in").count(performance.now() - t0, null);
    } catch (error) {
      tally("sign-in").count(performance.now() - t0, kindOf((error as Error).message));
    }
  }

  /**
   * One write by one of `mine` (a writing connection's accounts): signed-in accounts do the
   * writing; another one signs in when none of them may post now, and now and then anyway.
   */
  async function writeOnce(mine: UserState[]) {
    const now = Date.now();
    const signedIn = mine.filter((u) => u.jar);
    const idle = mine.filter((u) => !u.jar);
    if (!signedIn.length || Math.random() < 0.03) return signInAs(pick(idle.length ? idle : mine));
    const posters = signedIn.filter((u) => canPost(u, now));
    if (!posters.length && idle.length && Math.random() < 0.5) return signInAs(pick(idle));
    const u = pick(posters.length ? posters : signedIn);
    const op = weighted([
      ["review", canPost(u, now) && u.reviewed.length < facts.films.length ? 25 : 0],
      ["edit", canPost(u, now) && u.reviewed.length ? 10 : 0],
      ["like", 25],
      ["comment", canPost(u, now) ? 20 : 0],
      ["report", u.reportsSent < 18 && nextReportable < facts.reportable.length ? 4 : 0],
    ]);
    const text = (what: string) => `Soak ${run} ${what} ${nextText++} by ${u.writer.handle}`;
    if (op === "review" || op === "edit") {
      const film =
        op === "edit"
          ? pick(u.reviewed)
          : pick(facts.films.filter((f) => !u.reviewed.some((r) => r.id === f.id)));
      const rating = 1 + Math.floor(Math.random() * 10);
      const post: ReviewPost = {
        userId: u.writer.id,
        filmId: film.id,
        rating,
        body: text(op === "edit" ? "edited review" : "review"),
        outcome: "unknown",
      };
      reviewPosts.push(post);
      if (op === "review") u.reviewed.push(film);
      u.posts.push(now);
      post.outcome = await action(
        op === "edit" ? "review edit" : "review",
        u,
        `/films/${film.slug}`,
        ids.post,
        {
          filmId: film.id,
          rating: rating / 2,
          body: post.body,
        },
      );
    } else if (op === "like") {
      // liking again would take the like back: each pair once
      const candidates = facts.social.filter((id) => !u.liked.has(id));
      if (!candidates.length) return;
      const reviewId = pick(candidates);
      u.liked.add(reviewId);
      const like: Pair = { userId: u.writer.id, reviewId, outcome: "unknown" };
      likes.push(like);
      like.outcome = await action("like", u, `/reviews/${reviewId}`, ids.like, { reviewId });
    } else if (op === "comment") {
      const reviewId = pick(facts.social);
      const comment: Comment = {
        userId: u.writer.id,
        reviewId,
        body: text("comment"),
        outcome: "unknown",
      };
      comments.push(comment);
      u.posts.push(now);
      comment.outcome = await action("comment", u, `/reviews/${reviewId}`, ids.comment, {
        reviewId,
        body: comment.body,
      });
    } else {
      const reviewId = facts.reportable[nextReportable++]!;
      const report: Pair = { userId: u.writer.id, reviewId, outcome: "unknown" };
      reportsSent.push(report);
      u.reportsSent++;
      report.outcome = await action("report", u, `/reviews/${reviewId}`, ids.report, {
        targetType: "review",
        targetId: reviewId,
        reason: "spam",
      });
    }
  }

  // ── the load ──
  const durationMs = opts.minutes * 60_000;
  const started = Date.now();
  const deadline = started + durationMs;
  const rss: { at: number; bytes: number }[] = [];
  const sample = () => {
    const bytes = treeRss(server.pid);
    if (bytes != null) rss.push({ at: Date.now() - started, bytes });
  };
  sample();
  const sampler = setInterval(sample, Math.max(2000, durationMs / 60));
  const progress = setInterval(() => {
    const done = [...tallies.values()].reduce((s, t) => s + t.total, 0);
    const fives = [...tallies.values()].reduce((s, t) => s + t.serverErrors, 0);
    const mb = rss.length ? `${Math.round(rss.at(-1)!.bytes / 2 ** 20)} MB` : "–";
    log(
      `${Math.round((Date.now() - started) / 1000)} s: ${done} requests, ${fives} 5xx, server ${mb}`,
    );
  }, 30_000);

  log(
    `${opts.minutes} minute(s): ${opts.connections - opts.writers} reading and ${opts.writers} writing connections`,
  );
  const readers = Array.from({ length: opts.connections - opts.writers }, async () => {
    while (Date.now() < deadline) {
      const kind = weighted(readWeights);
      await read(kind, reads[kind]!());
    }
  });
  const writing = Array.from({ length: opts.writers }, async (_, w) => {
    const mine = users.slice(w * USERS_PER_WRITER, (w + 1) * USERS_PER_WRITER);
    while (Date.now() < deadline) await writeOnce(mine);
  });
  await Promise.all([...readers, ...writing]);
  clearInterval(progress);
  clearInterval(sampler);
  sample();
  const elapsed = (Date.now() - started) / 1000;
  // the embedded database belongs to the server: stop it before looking
  await server.stop();
  await sleep(100);

  // ── what the database kept ──
  log("checking every acknowledged write");
  const userIds = writers.map((w) => w.id);
  const check = await withDatabase(database.url, async (db) => {
    const storedReviews = await db.select().from(reviews).where(inArray(reviews.userId, userIds));
    const revisions = await rows<{ review_id: number; rating: number; body: string | null }>(
      db,
      sql`select v.review_id, v.rating, v.body from review_revisions v
          join reviews r on r.id = v.review_id
          where r.user_id in (${sql.join(
            userIds.map((id) => sql`${id}`),
            sql`, `,
          )})
          order by v.id`,
    );
    const reviewCheck = reconcileReviews(
      reviewPosts,
      storedReviews.map((r) => ({
        userId: r.userId,
        filmId: r.filmId,
        rating: r.rating,
        body: r.body,
        deleted: r.deletedAt != null,
        revisions: revisions.filter((v) => v.review_id === r.id),
      })),
    );
    const storedComments = await db
      .select({
        userId: reviewComments.userId,
        body: reviewComments.body,
        deletedAt: reviewComments.deletedAt,
      })
      .from(reviewComments)
      .where(inArray(reviewComments.userId, userIds));
    const commentTexts = new Set(
      storedComments.filter((c) => c.deletedAt == null).map((c) => `${c.userId}|${c.body}`),
    );
    const storedLikes = await db
      .select({ userId: reviewLikes.userId, reviewId: reviewLikes.reviewId })
      .from(reviewLikes)
      .where(inArray(reviewLikes.userId, userIds));
    const likePairs = new Set(storedLikes.map((l) => `${l.userId}|${l.reviewId}`));
    const storedReports = await db
      .select({ userId: reports.reporterId, reviewId: reports.targetId })
      .from(reports)
      .where(and(inArray(reports.reporterId, userIds), sql`${reports.targetType} = 'review'`));
    const reportPairs = new Set(storedReports.map((r) => `${r.userId}|${r.reviewId}`));
    return {
      reviewCheck,
      comments: judge(comments, (c) => commentTexts.has(`${c.userId}|${c.body}`)),
      likes: judge(likes, (l) => likePairs.has(`${l.userId}|${l.reviewId}`)),
      reports: judge(reportsSent, (r) => reportPairs.has(`${r.userId}|${r.reviewId}`)),
      drift: await findAggregateDrift(db),
    };
  });

  // ── the report ──
  const kinds = [...tallies.keys()];
  const table = formatTable(
    ["kind", "requests", "per s", "p50 ms", "p99 ms", "5xx", "other errors"],
    kinds.map((kind) => {
      const t = tallies.get(kind)!;
      const sorted = [...t.latencies].sort((a, b) => a - b);
      return [
        kind,
        String(t.total),
        (t.total / elapsed).toFixed(1),
        String(Math.round(percentile(sorted, 50) ?? 0)),
        String(Math.round(percentile(sorted, 99) ?? 0)),
        String(t.serverErrors),
        String([...t.errors.values()].reduce((s, n) => s + n, 0) - t.serverErrors),
      ];
    }),
    [false, true, true, true, true, true, true],
  );
  console.log(`\n${table}\n`);
  const errorKinds = new Map<string, number>();
  for (const [kind, t] of tallies) {
    for (const [message, n] of t.errors) errorKinds.set(`${kind}: ${message}`, n);
  }
  for (const [message, n] of errorKinds) console.log(`  ${n} × ${message}`);

  const writeLines = [
    ["reviews (posts and edits)", check.reviewCheck.acknowledged, check.reviewCheck.found],
    ["comments", check.comments.acknowledged, check.comments.found],
    ["likes", check.likes.acknowledged, check.likes.found],
    ["reports", check.reports.acknowledged, check.reports.found],
  ] as const;
  console.log(
    formatTable(
      ["acknowledged writes", "acknowledged", "found"],
      writeLines.map(([name, a, f]) => [name, String(a), String(f)]),
      [false, true, true],
    ),
  );
  const problems = [
    ...check.reviewCheck.problems,
    ...check.comments.problems,
    ...check.likes.problems,
    ...check.reports.problems,
    ...check.drift,
  ];
  for (const p of problems.slice(0, 20)) console.log(`  ✗ ${p}`);

  const memory = judgeRss(rss);
  const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
  if (memory) {
    console.log(
      `server memory (RSS of its process tree): start ${mb(memory.start)}, middle ${mb(memory.middle)}, ` +
        `end ${mb(memory.end)}: ${memory.grows ? "GROWS (end > 1.5 × middle)" : "steady"}`,
    );
  }
  const fiveXx = [...tallies.values()].reduce((s, t) => s + t.serverErrors, 0);
  const passed = fiveXx === 0 && problems.length === 0 && !memory?.grows;
  console.log(
    `${passed ? "PASS" : "FAIL"}: ${fiveXx} 5xx, ${problems.length} lost or inconsistent writes, ` +
      `memory ${memory ? (memory.grows ? "grows" : "steady") : "not measured"}`,
  );

  const file = path.join(RESULTS, `soak-${stamp}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        when: new Date().toISOString(),
        database: describeTarget(parseDatabaseUrl(database.url)),
        options: { ...opts, databaseUrl: opts.databaseUrl ? "(given)" : null },
        seconds: elapsed,
        requests: Object.fromEntries(
          kinds.map((kind) => {
            const t = tallies.get(kind)!;
            const sorted = [...t.latencies].sort((a, b) => a - b);
            return [
              kind,
              {
                total: t.total,
                perSecond: t.total / elapsed,
                p50: percentile(sorted, 50),
                p99: percentile(sorted, 99),
                serverErrors: t.serverErrors,
                errors: Object.fromEntries(t.errors),
              },
            ];
          }),
        ),
        writes: Object.fromEntries(
          writeLines.map(([name, acknowledged, found]) => [name, { acknowledged, found }]),
        ),
        problems,
        rss,
        memory,
        passed,
      },
      null,
      2,
    ),
  );
  log(`results: ${path.relative(process.cwd(), file)}`);
  process.exitCode = passed ? 0 : 1;
}

/** Acknowledged writes found, and failed ones that were stored anyway, as problems. */
function judge<T extends { outcome: Outcome }>(items: T[], stored: (item: T) => boolean) {
  const problems: string[] = [];
  let acknowledged = 0;
  let found = 0;
  for (const item of items) {
    const there = stored(item);
    if (item.outcome === "acknowledged") {
      acknowledged++;
      if (there) found++;
      else problems.push(`acknowledged but missing: ${JSON.stringify(item)}`);
    } else if (item.outcome === "failed" && there) {
      problems.push(`answered with an error but stored: ${JSON.stringify(item)}`);
    }
  }
  return { acknowledged, found, problems };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
