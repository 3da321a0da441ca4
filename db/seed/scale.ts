/**
 * Scale data: viewers, reviews, likes, comments, reports, diary logs, watchlists and follows over
 * the real catalogue, in the proportions a busy site has, to measure pages and plans against.
 *
 * Everything is drawn in JavaScript from one seeded source (so `--seed` gives the same rows on
 * PostgreSQL and PGlite) and written in batches of a few thousand rows, each one statement that
 * reads its rows from a JSON parameter (`json_to_recordset`), inside ONE transaction: a failed run
 * leaves nothing behind. The aggregates (film_rating_stats, likes and comment counts) are then
 * recounted in SQL, once, rather than kept per row.
 */
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Database } from "../index";
import { Alias, Random } from "./scale-random";
import { makePerson, makeText, type Language } from "./scale-text";

/** The password of every generated account (scale data is for measuring, never for a public site). */
export const SCALE_PASSWORD = "reelrank-scale";
/**
 * argon2id of SCALE_PASSWORD with the app's settings (db/queries/users.ts), computed once and
 * shared by every generated account: hashing 100,000 passwords would take over an hour.
 */
export const SCALE_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$KBD3LugAKMiakoysTpi8nA$TtyoasmeqL9/x4/DJQHhuUGmcOFGvoP66UrWrDYVqKQ";

/** Where a run is recorded (`settings`), so a second run is refused unless asked for. */
export const SCALE_MARKER = "scale-data";

export type ScaleOptions = {
  users: number;
  reviews: number;
  likes: number;
  comments: number;
  reports: number;
  diary: number;
  watchlist: number;
  follows: number;
  seed: string;
  /** Add another set on top of an earlier run instead of refusing. */
  force: boolean;
};

/** The other sizes follow the numbers of users and reviews unless given. */
export function scaleOptions(
  given: Partial<ScaleOptions> & { users: number; reviews: number },
): ScaleOptions {
  const { users, reviews } = given;
  return {
    likes: reviews * 2,
    comments: Math.round(reviews / 10),
    reports: Math.round(reviews / 2000),
    diary: Math.round(reviews * 0.6),
    watchlist: users * 3,
    follows: users * 5,
    seed: "reelrank",
    force: false,
    ...given,
  };
}

export type ScaleSummary = {
  busiest: { handle: string; reviews: number; diary: number };
  busiestFilm: { slug: string; reviews: number };
  rows: Record<string, number>;
  seconds: number;
};

/** The database is not ready for scale data, or already has it: nothing was written. */
export class ScaleRefusal extends Error {}

type Row = Record<string, unknown>;
type Run = (text: string, params?: unknown[]) => Promise<Row[]>;

function clientOf(db: Database): PGlite | pg.Pool {
  return (db as unknown as { $client: PGlite | pg.Pool }).$client;
}

async function inTransaction<T>(db: Database, fn: (run: Run) => Promise<T>): Promise<T> {
  const client = clientOf(db);
  if (client instanceof pg.Pool) {
    const c = await client.connect();
    try {
      await c.query("begin");
      const result = await fn(async (text, params) => (await c.query<Row>(text, params)).rows);
      await c.query("commit");
      return result;
    } catch (error) {
      await c.query("rollback").catch(() => undefined);
      throw error;
    } finally {
      c.release();
    }
  }
  return client.transaction((tx) =>
    fn(async (text, params) => (await tx.query<Row>(text, params)).rows),
  );
}

/** One statement outside any transaction. */
async function query(db: Database, text: string): Promise<Row[]> {
  const client = clientOf(db);
  if (client instanceof pg.Pool) return (await client.query<Row>(text)).rows;
  return (await client.query<Row>(text)).rows;
}

// ── Progress ─────────────────────────────────────────────────────────────────────────────

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

const fmt = (n: number) => n.toLocaleString("en-US");

class Progress {
  private readonly started = performance.now();
  private done = 0;
  private phase = "";
  private phaseTotal = 0;
  private phaseDone = 0;
  private phaseStarted = 0;
  private lastPrint = 0;

  constructor(
    private readonly total: number,
    private readonly log: (line: string) => void,
  ) {}

  start(phase: string, total: number) {
    this.phase = phase;
    this.phaseTotal = total;
    this.phaseDone = 0;
    this.phaseStarted = performance.now();
    this.lastPrint = 0;
  }

  add(n: number) {
    this.done += n;
    this.phaseDone += n;
    const now = performance.now();
    if (this.phaseDone < this.phaseTotal && now - this.lastPrint < 2000) return;
    this.lastPrint = now;
    const phaseRate = this.phaseDone / Math.max((now - this.phaseStarted) / 1000, 0.001);
    const rate = this.done / Math.max((now - this.started) / 1000, 0.001);
    this.log(
      `  ${this.phase.padEnd(10)} ${fmt(this.phaseDone).padStart(11)} / ${fmt(this.phaseTotal)}` +
        `  ${fmt(Math.round(phaseRate))} rows/s` +
        `  · all ${Math.floor((100 * this.done) / Math.max(this.total, 1))}%` +
        `  ETA ${duration((this.total - this.done) / rate)}`,
    );
  }
}

/** Writes rows in batches: `insert … select … from json_to_recordset($1::json) as x(…)`. */
async function insertBatches<T>(
  run: Run,
  progress: Progress,
  phase: string,
  statement: string,
  count: number,
  row: (i: number) => T,
  { batchSize = 5000, params = [] }: { batchSize?: number; params?: unknown[] } = {},
) {
  progress.start(phase, count);
  for (let from = 0; from < count; from += batchSize) {
    const to = Math.min(count, from + batchSize);
    const batch: T[] = [];
    for (let i = from; i < to; i++) batch.push(row(i));
    await run(statement, [JSON.stringify(batch), ...params]);
    progress.add(to - from);
  }
}

// ── The generator ───────────────────────────────────────────────────────────────────────────

const DAY = 24 * 60 * 60 * 1000;
/** Reelrank's first day: no account or review is older. */
const SITE_START = Date.parse("2021-06-01T00:00:00Z");

const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
const dateOf = (ms: number) => iso(ms).slice(0, 10);

function uuid(rng: Random): string {
  const hex: string[] = [];
  for (let i = 0; i < 32; i++) hex.push(rng.int(16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[rng.int(4)]!;
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const LANGUAGES: Language[] = ["en", "es", "ko", "ja"];
const LANGUAGE_SHARE = [0.55, 0.15, 0.18, 0.12];
const TAGS = [
  "netflix",
  "with friends",
  "rewatch",
  "cinema",
  "date night",
  "한국영화",
  "アニメ",
  "noche de cine",
  "comfort",
  "🍿",
];
const REASONS = ["spoiler", "spam", "harassment", "off_topic", "other"] as const;
const REASON_SHARE = [0.45, 0.2, 0.1, 0.15, 0.1];

function pickShare<T>(rng: Random, items: readonly T[], shares: number[]): T {
  let r = rng.next();
  for (let i = 0; i < items.length; i++) {
    r -= shares[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

type FilmInfo = {
  id: number;
  slug: string;
  lang: string | null;
  first: number | null;
  last: number | null;
  base: number;
};

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
    // each film's own standing with viewers, so the mean rating varies from film to film
    const filmQuality = Float64Array.from(films, () => 0.45 * rng.normal());

    // ── Users ──
    const U = options.users;
    const taken = new Set(
      (await run("select lower(handle) as h from users")).map((r) => String(r.h)),
    );
    const userId: string[] = [];
    const handles: string[] = [];
    const names: string[] = [];
    const userLang: Language[] = [];
    const joined = new Float64Array(U);
    const activity = new Float64Array(U);
    const bias = new Float64Array(U);
    const diaryAudience: string[] = [];
    for (let u = 0; u < U; u++) {
      const language = pickShare(rng, LANGUAGES, LANGUAGE_SHARE);
      const person =
        u === 0 ? { name: "Mei Tanaka 🍿", base: "marathon_mei" } : makePerson(rng, language);
      let handle = person.base.length >= 3 ? person.base : `${person.base}_fan`;
      while (taken.has(handle.toLowerCase())) {
        handle = `${person.base.slice(0, 15)}${rng.int(10 ** (2 + rng.int(3)))}`;
      }
      taken.add(handle.toLowerCase());
      userId.push(uuid(rng));
      handles.push(handle);
      names.push(person.name);
      userLang.push(u === 0 ? "en" : language);
      joined[u] =
        u === 0 ? SITE_START : SITE_START + (END - 30 * DAY - SITE_START) * Math.sqrt(rng.next());
      // Pareto: most people post a little, a few post a lot
      activity[u] = Math.min(Math.pow(1 - rng.next(), -1 / 1.2), 5000);
      bias[u] = 0.35 * rng.normal();
      diaryAudience.push(u !== 0 && rng.chance(0.05) ? "followers" : "everyone");
    }

    // ── Reviews: how many each user writes, then which films ──
    const R = options.reviews;
    const cap = Math.floor(F * 0.95);
    const busiestTarget = Math.min(cap, 5000, Math.max(1, Math.floor(R * 0.05)), R);
    if (R - busiestTarget > (U - 1) * cap) {
      throw new ScaleRefusal(
        `${fmt(R)} reviews cannot go to ${fmt(U)} users: one review per user per film, and there are ${fmt(F)} films.`,
      );
    }
    const perUser = new Int32Array(U);
    perUser[0] = busiestTarget;
    const writerWeights = Float64Array.from(activity, (a, u) => (u === 0 ? 0 : a));
    const writerAlias = new Alias(writerWeights);
    for (let left = R - busiestTarget; left > 0;) {
      const u = writerAlias.sample(rng);
      if (perUser[u]! >= cap) continue;
      perUser[u] = perUser[u]! + 1;
      left--;
    }

    const revFilm = new Int32Array(R);
    const revUser = new Int32Array(R);
    const revRating = new Int8Array(R);
    const revAt = new Float64Array(R);
    const revWords = new Int32Array(R); // 0: rating only
    const revLang = new Uint8Array(R);
    const revFlags = new Uint8Array(R); // 1 spoiler, 2 deleted, 4 has watched_on
    const revDeletedAt = new Float64Array(R);
    const pairs = new Map<number, number>(); // film * U + user → review index
    const filmTime = (f: FilmInfo) => {
      let t: number;
      if (f.first != null && f.last != null) {
        t = rng.chance(0.6)
          ? f.first - 6 * DAY + rng.next() * (f.last - f.first + 13 * DAY)
          : f.last + 7 * DAY + rng.exponential(150 * DAY);
      } else {
        t = f.base + (END - f.base) * Math.pow(rng.next(), 1.5);
      }
      return Math.min(Math.max(t, SITE_START), END);
    };
    let r = 0;
    const keys = new Float64Array(F);
    const idx = Int32Array.from({ length: F }, (_, i) => i);
    for (let u = 0; u < U; u++) {
      const k = perUser[u]!;
      if (k === 0) continue;
      const chosen: number[] = [];
      if (k <= F / 4) {
        const seen = new Set<number>();
        while (chosen.length < k) {
          const f = filmAlias.sample(rng);
          if (!seen.has(f)) {
            seen.add(f);
            chosen.push(f);
          }
        }
      } else {
        // weighted sampling without replacement (Efraimidis–Spirakis)
        for (let f = 0; f < F; f++) keys[f] = -Math.log(1 - rng.next()) / filmWeight[f]!;
        idx.sort((a, b) => keys[a]! - keys[b]!);
        for (let i = 0; i < k; i++) chosen.push(idx[i]!);
      }
      for (const f of chosen) {
        const film = films[f]!;
        revFilm[r] = f;
        revUser[r] = u;
        pairs.set(f * U + u, r);
        const at = Math.min(Math.max(filmTime(film), joined[u]! + rng.exponential(10 * DAY)), END);
        revAt[r] = at;
        // J-shaped: a few "hate" ratings, the rest around 4 stars with film and viewer leanings,
        // piled up at five stars by the ceiling
        revRating[r] = rng.chance(0.04)
          ? rng.chance(0.6)
            ? 1
            : 2
          : Math.min(
              10,
              Math.max(1, Math.round(2 * (4 + filmQuality[f]! + bias[u]! + 0.75 * rng.normal()))),
            );
        if (rng.chance(u === 0 ? 0.7 : 0.45)) {
          revWords[r] = Math.max(
            1,
            Math.min(1500, Math.round(Math.exp(Math.log(20) + 1.1 * rng.normal()))),
          );
          const own = userLang[u]!;
          const filmLang = film.lang as Language | null;
          const language =
            filmLang && filmLang !== own && LANGUAGES.includes(filmLang) && rng.chance(0.25)
              ? filmLang
              : own;
          revLang[r] = LANGUAGES.indexOf(language);
          if (rng.chance(0.06)) revFlags[r] = revFlags[r]! | 1;
        }
        if (rng.chance(0.3)) revFlags[r] = revFlags[r]! | 4;
        if (u !== 0 && rng.chance(0.01)) {
          revFlags[r] = revFlags[r]! | 2;
          revDeletedAt[r] = Math.min(at + rng.exponential(30 * DAY), END);
        }
        r++;
      }
    }
    // ids follow time, as a serial column does
    const revOrder = Int32Array.from({ length: R }, (_, i) => i).sort(
      (a, b) => revAt[a]! - revAt[b]! || a - b,
    );
    const [{ next: firstReviewId } = { next: 1 }] = await run(
      "select coalesce(max(id), 0) + 1 as next from reviews",
    );
    const reviewId = new Int32Array(R);
    revOrder.forEach((ri, rank) => (reviewId[ri] = Number(firstReviewId) + rank));

    // ── Likes: written, popular reviews get most of them ──
    const likeWeight = new Float64Array(R);
    for (let i = 0; i < R; i++) {
      if (revFlags[i]! & 2) continue;
      const boost = Math.pow(filmWeight[revFilm[i]!]! / maxFilmWeight, 0.25);
      likeWeight[i] =
        (revWords[i]! > 0
          ? Math.exp(1.2 * rng.normal()) * Math.sqrt(1 + revWords[i]! / 40)
          : 0.08) * boost;
    }
    const readerAlias = new Alias(Float64Array.from(activity, (a) => Math.pow(a, 0.6)));
    const likeCount = new Int32Array(R);
    const likeR: number[] = [];
    const likeU: number[] = [];
    const likeAt: number[] = [];
    if (options.likes > 0) {
      const reviewAlias = new Alias(likeWeight);
      const seen = new Set<number>();
      for (
        let attempts = 0;
        likeR.length < options.likes && attempts < options.likes * 4;
        attempts++
      ) {
        const i = reviewAlias.sample(rng);
        const u = readerAlias.sample(rng);
        if (u === revUser[i]) continue;
        const key = i * U + u;
        if (seen.has(key)) continue;
        seen.add(key);
        likeR.push(i);
        likeU.push(u);
        likeAt.push(Math.min(Math.max(revAt[i]!, joined[u]!) + rng.exponential(25 * DAY), END));
        likeCount[i] = likeCount[i]! + 1;
      }
    }

    // ── Comments: on the reviews people like, some replying to an earlier comment ──
    const comR: number[] = [];
    const comU: number[] = [];
    const comAt: number[] = [];
    if (options.comments > 0) {
      const weights = Float64Array.from(likeWeight, (w, i) =>
        w === 0 ? 0 : (likeCount[i]! + 0.3) * (revWords[i]! > 0 ? 1 : 0.2),
      );
      const commentAlias = new Alias(weights);
      for (let c = 0; c < options.comments; c++) {
        const i = commentAlias.sample(rng);
        const u = readerAlias.sample(rng);
        comR.push(i);
        comU.push(u);
        comAt.push(Math.min(Math.max(revAt[i]!, joined[u]!) + rng.exponential(10 * DAY), END));
      }
    }
    const C = comR.length;
    const comOrder = Int32Array.from({ length: C }, (_, i) => i).sort(
      (a, b) => comAt[a]! - comAt[b]! || a - b,
    );
    const [{ next: firstCommentId } = { next: 1 }] = await run(
      "select coalesce(max(id), 0) + 1 as next from review_comments",
    );
    const comId = new Int32Array(C);
    const comParent = new Int32Array(C); // 0: none
    const comDeleted = new Uint8Array(C);
    const roots = new Map<number, number[]>();
    comOrder.forEach((ci, rank) => {
      const id = Number(firstCommentId) + rank;
      comId[ci] = id;
      const earlier = roots.get(comR[ci]!);
      if (earlier && rng.chance(0.3)) comParent[ci] = rng.pick(earlier);
      else if (earlier) earlier.push(id);
      else roots.set(comR[ci]!, [id]);
      if (rng.chance(0.03)) comDeleted[ci] = 1;
    });

    // ── Reports: a few, on reviews and comments ──
    type Report = {
      type: "review" | "comment";
      target: number;
      targetUser: number;
      reporter: number;
      at: number;
    };
    const reports: Report[] = [];
    if (options.reports > 0) {
      const reviewAlias = new Alias(likeWeight);
      const seen = new Set<string>();
      for (
        let attempts = 0;
        reports.length < options.reports && attempts < options.reports * 10;
        attempts++
      ) {
        const onComment = C > 0 && rng.chance(0.2);
        const reporter = readerAlias.sample(rng);
        let report: Report;
        if (onComment) {
          const c = rng.int(C);
          if (comDeleted[c]) continue;
          report = {
            type: "comment",
            target: comId[c]!,
            targetUser: comU[c]!,
            reporter,
            at: comAt[c]!,
          };
        } else {
          const i = reviewAlias.sample(rng);
          report = {
            type: "review",
            target: reviewId[i]!,
            targetUser: revUser[i]!,
            reporter,
            at: revAt[i]!,
          };
        }
        const key = `${report.type}:${report.target}:${reporter}`;
        if (report.targetUser === reporter || seen.has(key)) continue;
        seen.add(key);
        report.at = Math.min(
          Math.max(report.at, joined[reporter]!) + rng.exponential(5 * DAY),
          END,
        );
        reports.push(report);
      }
    }

    // ── Diary: logs of reviewed films (linked to the review), rewatches, and unrated watches ──
    type Log = {
      u: number;
      f: number;
      on: number | null;
      rating: number | null;
      review: number | null;
      rewatch: boolean;
      tags: string[];
    };
    const logs: Log[] = [];
    const logged = new Map<number, number>(); // pair → last watched
    const addLog = (u: number, f: number, on: number | null, review: number | null) => {
      const key = f * U + u;
      const before = logged.get(key);
      const rewatch = before !== undefined;
      let when = on;
      if (rewatch && on != null)
        when = Math.min(before + 30 * DAY + rng.exponential(200 * DAY), END);
      if (when != null) logged.set(key, when);
      else if (!rewatch) logged.set(key, 0);
      const tags: string[] = [];
      if (rng.chance(0.12)) for (let t = 1 + rng.int(3); t > 0; t--) tags.push(rng.pick(TAGS));
      logs.push({
        u,
        f,
        on: when,
        rating: review == null ? null : revRating[review]!,
        review,
        rewatch,
        tags: [...new Set(tags)],
      });
    };
    if (options.diary > 0) {
      const busiestDiary = Math.min(5000, Math.floor(options.diary * 0.3));
      const mine: number[] = [];
      for (let i = 0; i < R; i++) if (revUser[i] === 0 && !(revFlags[i]! & 2)) mine.push(i);
      for (let n = 0; n < busiestDiary && mine.length > 0; n++) {
        const i = n < mine.length ? mine[n]! : rng.pick(mine);
        addLog(0, revFilm[i]!, revAt[i]!, i);
      }
      const filmPick = filmAlias;
      for (
        let attempts = 0;
        logs.length < options.diary && attempts < options.diary * 4;
        attempts++
      ) {
        if (rng.chance(0.85)) {
          const i = rng.int(R);
          if (revFlags[i]! & 2 || revUser[i] === 0) continue;
          addLog(revUser[i]!, revFilm[i]!, revAt[i]!, i);
        } else {
          const u = readerAlias.sample(rng);
          const f = filmPick.sample(rng);
          if (u === 0) continue;
          const review = pairs.get(f * U + u);
          const live = review !== undefined && !(revFlags[review]! & 2) ? review : null;
          const on = rng.chance(0.03) && live == null ? null : filmTime(films[f]!);
          addLog(u, f, on == null ? null : Math.min(Math.max(on, joined[u]!), END), live);
        }
      }
    }

    // ── Watchlists and follows ──
    const watch: { u: number; f: number; at: number }[] = [];
    if (options.watchlist > 0) {
      const seen = new Set<number>();
      for (
        let attempts = 0;
        watch.length < options.watchlist && attempts < options.watchlist * 4;
        attempts++
      ) {
        const u = readerAlias.sample(rng);
        const f = filmAlias.sample(rng);
        const key = f * U + u;
        // logging a film takes it off the watchlist
        if (seen.has(key) || logged.has(key)) continue;
        seen.add(key);
        watch.push({ u, f, at: joined[u]! + (END - joined[u]!) * rng.next() });
      }
    }
    const follow: { a: number; b: number; at: number }[] = [];
    if (options.follows > 0) {
      const followeeAlias = new Alias(
        Float64Array.from(activity, (a, u) => (u === 0 ? a * 50 : a)),
      );
      const seen = new Set<number>();
      for (
        let attempts = 0;
        follow.length < options.follows && attempts < options.follows * 4;
        attempts++
      ) {
        const a = readerAlias.sample(rng);
        const b = followeeAlias.sample(rng);
        const key = a * U + b;
        if (a === b || seen.has(key)) continue;
        seen.add(key);
        const from = Math.max(joined[a]!, joined[b]!);
        follow.push({ a, b, at: from + (END - from) * rng.next() });
      }
    }

    // ── Write ──
    const total =
      U + R + likeR.length + C + reports.length + logs.length + watch.length + follow.length;
    const progress = new Progress(total, log);
    log(`Writing ${fmt(total)} rows over ${fmt(F)} films…`);
    const restore = await setAsideIndexes(run);
    await insertBatches(
      run,
      progress,
      "users",
      `insert into users (id, name, handle, email, password_hash, role, diary_audience, created_at, updated_at)
       select i, n, h, e, $2, 'viewer', a::audience, c, c
       from json_to_recordset($1::json) as x(i text, n text, h text, e text, a text, c timestamptz)`,
      U,
      (u) => ({
        i: userId[u],
        n: names[u],
        h: handles[u],
        e: `${handles[u]!.toLowerCase()}@scale.reelrank.test`,
        a: diaryAudience[u],
        c: iso(joined[u]!),
      }),
      { params: [SCALE_PASSWORD_HASH] },
    );
    const bodyOf = (i: number) =>
      revWords[i]! > 0
        ? makeText(
            new Random(`${options.seed}:review:${i}`),
            LANGUAGES[revLang[i]!]!,
            revWords[i]!,
            10_000,
          )
        : null;
    await insertBatches(
      run,
      progress,
      "reviews",
      `insert into reviews (id, film_id, user_id, rating, body, contains_spoilers, watched_on, created_at, updated_at, deleted_at)
       select i, f, u, r, b, s, w, c, coalesce(d, c), d
       from json_to_recordset($1::json) as x(i int, f int, u text, r int2, b text, s bool, w date, c timestamptz, d timestamptz)`,
      R,
      (rank) => {
        const i = revOrder[rank]!;
        return {
          i: reviewId[i],
          f: films[revFilm[i]!]!.id,
          u: userId[revUser[i]!],
          r: revRating[i],
          b: bodyOf(i),
          s: (revFlags[i]! & 1) !== 0,
          w: revFlags[i]! & 4 ? dateOf(revAt[i]!) : null,
          c: iso(revAt[i]!),
          d: revFlags[i]! & 2 ? iso(revDeletedAt[i]!) : null,
        };
      },
    );
    await insertBatches(
      run,
      progress,
      "likes",
      `insert into review_likes (review_id, user_id, created_at)
       select r, u, c from json_to_recordset($1::json) as x(r int, u text, c timestamptz)`,
      likeR.length,
      (l) => ({ r: reviewId[likeR[l]!], u: userId[likeU[l]!], c: iso(likeAt[l]!) }),
      { batchSize: 10_000 },
    );
    await insertBatches(
      run,
      progress,
      "comments",
      `insert into review_comments (id, review_id, user_id, parent_id, body, created_at, deleted_at)
       select i, r, u, p, b, c, d
       from json_to_recordset($1::json) as x(i int, r int, u text, p int, b text, c timestamptz, d timestamptz)`,
      C,
      (rank) => {
        const c = comOrder[rank]!;
        const words = Math.max(
          1,
          Math.min(300, Math.round(Math.exp(Math.log(12) + 0.9 * rng.normal()))),
        );
        return {
          i: comId[c],
          r: reviewId[comR[c]!],
          u: userId[comU[c]!],
          p: comParent[c] || null,
          b: makeText(rng, userLang[comU[c]!]!, words, 2000),
          c: iso(comAt[c]!),
          d: comDeleted[c] ? iso(Math.min(comAt[c]! + rng.exponential(5 * DAY), END)) : null,
        };
      },
    );
    await insertBatches(
      run,
      progress,
      "reports",
      `insert into reports (target_type, target_id, target_user_id, reporter_id, reason, note, status, created_at, resolved_at)
       select t::report_target, i, tu, u, r::report_reason, n, s::report_status, c, z
       from json_to_recordset($1::json) as x(t text, i int, tu text, u text, r text, n text, s text, c timestamptz, z timestamptz)`,
      reports.length,
      (p) => {
        const report = reports[p]!;
        const dismissed = rng.chance(0.15);
        return {
          t: report.type,
          i: report.target,
          tu: userId[report.targetUser],
          u: userId[report.reporter],
          r: pickShare(rng, REASONS, REASON_SHARE),
          n: rng.chance(0.3)
            ? makeText(rng, userLang[report.reporter]!, 4 + rng.int(12), 1000)
            : null,
          s: dismissed ? "dismissed" : "open",
          c: iso(report.at),
          z: dismissed ? iso(Math.min(report.at + rng.exponential(2 * DAY), END)) : null,
        };
      },
    );
    await insertBatches(
      run,
      progress,
      "diary",
      `insert into diary_entries (user_id, film_id, watched_on, rating, rewatch, review_id, tags, created_at, updated_at)
       select u, f, w, r, x.rw, ri, array(select json_array_elements_text(t)), c, c
       from json_to_recordset($1::json) as x(u text, f int, w date, r int2, rw bool, ri int, t json, c timestamptz)`,
      logs.length,
      (l) => {
        const entry = logs[l]!;
        return {
          u: userId[entry.u],
          f: films[entry.f]!.id,
          w: entry.on == null ? null : dateOf(entry.on),
          r: entry.rating,
          rw: entry.rewatch,
          ri: entry.review == null ? null : reviewId[entry.review],
          t: entry.tags,
          c: iso(entry.on ?? joined[entry.u]! + (END - joined[entry.u]!) * rng.next()),
        };
      },
    );
    await insertBatches(
      run,
      progress,
      "watchlist",
      `insert into watchlist_entries (user_id, film_id, added_at)
       select u, f, c from json_to_recordset($1::json) as x(u text, f int, c timestamptz)`,
      watch.length,
      (w) => ({ u: userId[watch[w]!.u], f: films[watch[w]!.f]!.id, c: iso(watch[w]!.at) }),
      { batchSize: 10_000 },
    );
    await insertBatches(
      run,
      progress,
      "follows",
      `insert into follows (follower_id, followee_id, created_at)
       select a, b, c from json_to_recordset($1::json) as x(a text, b text, c timestamptz)`,
      follow.length,
      (i) => ({ a: userId[follow[i]!.a], b: userId[follow[i]!.b], c: iso(follow[i]!.at) }),
      { batchSize: 10_000 },
    );
    // the serial columns go on after the ids given here
    for (const table of ["reviews", "review_comments", "reports", "diary_entries"]) {
      await run(
        `select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`,
      );
    }

    log("Recounting the aggregates…");
    await recountAggregates(run, Number(firstReviewId));
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
        review_likes: likeR.length,
        review_comments: C,
        reports: reports.length,
        diary_entries: logs.length,
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
async function setAsideIndexes(run: Run): Promise<() => Promise<void>> {
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
async function recountAggregates(run: Run, firstReviewId: number) {
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
