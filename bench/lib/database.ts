/**
 * The benchmark's database: a fresh one (PostgreSQL, or embedded with --quick) or one given,
 * migrated and seeded, scaled up by `npm run seed:scale` when the project has it, and the facts
 * the scenarios need (the most-reviewed film, the busiest profile) read from it by SQL.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { openDatabase, parseDatabaseUrl, type Database } from "../../db/index";
import { hashPassword } from "../../db/queries/users";
import { users } from "../../db/schema";
import { prepareDatabase } from "../../scripts/prepare-db";

export const root = path.resolve(import.meta.dirname, "..", "..");

/** A new database on the PostgreSQL server `base` names, as scripts/e2e-server.ts makes them. */
export async function createPostgresDatabase(base: string): Promise<string> {
  const name = `reelrank_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new embedded database directory (the previous benchmark's, if any, is removed). */
export function freshEmbeddedDatabase(): string {
  const dir = path.join(root, ".data", "bench-db");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}.lock`, { force: true });
  return `file:${dir}`;
}

/** Where the benchmark's database is: given, embedded (--quick) or new on a PostgreSQL server. */
export async function chooseDatabase(opts: {
  quick: boolean;
  databaseUrl: string | null;
}): Promise<{ url: string; fresh: boolean }> {
  if (opts.databaseUrl) {
    parseDatabaseUrl(opts.databaseUrl); // refuses what is not a database address
    return { url: opts.databaseUrl, fresh: false };
  }
  if (opts.quick) return { url: freshEmbeddedDatabase(), fresh: true };
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base || parseDatabaseUrl(base).kind !== "postgres") {
    throw new Error(
      "The full benchmark runs on PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a " +
        'server it may create a database on (eval "$(scripts/throwaway-postgres.sh)" starts one), ' +
        "pass --database-url to reuse a database, or run `npm run bench -- --quick` on the embedded one.",
    );
  }
  return { url: await createPostgresDatabase(base), fresh: true };
}

/** Opens the database, runs `fn`, closes it (the embedded one belongs to one process at a time). */
export async function withDatabase<T>(url: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const handle = await openDatabase(url);
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

/** Migrates, and seeds the catalogue, the Netflix snapshot and the demo accounts when empty. */
export async function migrateAndSeed(url: string): Promise<void> {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    await prepareDatabase();
  } finally {
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
}

/** Reviews readers can see: not deleted by their author, not hidden or removed by moderation. */
const VISIBLE_REVIEW = sql.raw(
  `r.deleted_at is null and not exists (select 1 from moderation_states m
     where m.target_type = 'review' and m.target_id = r.id and m.status <> 'visible')`,
);

async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  // both drivers answer execute() with { rows }
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

export async function countVisibleReviews(db: Database): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from reviews r where ${VISIBLE_REVIEW}`,
  );
  return row?.n ?? 0;
}

/** Every review row, visible or not: what seed:scale counts when it is asked for N reviews. */
export async function countAllReviews(db: Database): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n from reviews`);
  return row?.n ?? 0;
}

/** Runs `npm run seed:scale -- --users N --reviews M` on the database; fails when there is none. */
export async function runSeedScale(url: string, usersCount: number, reviews: number) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  if (!pkg.scripts?.["seed:scale"]) {
    throw new Error(
      "This checkout has no `npm run seed:scale` (scripts/seed-scale.ts), which the full benchmark " +
        "uses to fill the database with users and reviews. Run with --no-scale to measure the " +
        "ordinary seed, or --database-url to reuse a database that is already scaled.",
    );
  }
  const args = ["run", "seed:scale", "--", "--users", String(usersCount)];
  args.push("--reviews", String(reviews));
  const code = await new Promise<number>((resolve) => {
    const child = spawn("npm", args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: url },
    });
    child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  if (code !== 0) throw new Error(`npm run seed:scale failed (exit ${code}).`);
}

export type Targets = {
  film: { id: number; slug: string; title: string; reviews: number };
  profile: { handle: string; reviews: number };
  latestWeek: string;
  /** A word of the film's title, which search finds. */
  searchTerm: string;
};

/** The film and the profile with the most visible reviews, and the newest chart week. */
export async function findTargets(db: Database): Promise<Targets> {
  const [film] = await rows<{ id: number; slug: string; title: string; reviews: number }>(
    db,
    sql`select f.id, f.slug, f.title, c.n as reviews
        from (select r.film_id, count(*)::int as n from reviews r where ${VISIBLE_REVIEW}
              group by r.film_id order by n desc, r.film_id limit 1) c
        join films f on f.id = c.film_id`,
  );
  const [profile] = await rows<{ handle: string; reviews: number }>(
    db,
    sql`select u.handle, c.n as reviews
        from (select r.user_id, count(*)::int as n from reviews r where ${VISIBLE_REVIEW}
              group by r.user_id order by n desc, r.user_id limit 1) c
        join users u on u.id = c.user_id`,
  );
  const [week] = await rows<{ week: string }>(
    db,
    sql`select max(week)::text as week from chart_entries`,
  );
  if (!film || !profile || !week?.week) {
    throw new Error("The database has no reviews or no charts: was it seeded?");
  }
  return {
    film,
    profile,
    latestWeek: week.week,
    searchTerm: searchTermFor(film.title),
  };
}

/** The longest plain word of a title (a query every search form carries as it is). */
export function searchTermFor(title: string): string {
  const words = title.match(/[A-Za-z]{3,}/g) ?? [];
  return words.sort((a, b) => b.length - a.length)[0] ?? "the";
}

export type Writer = { id: string; email: string; password: string; handle: string };

/**
 * Viewers who post in the write scenario: new accounts made by SQL with one argon2 hash of a
 * known password (hashing once per account would take longer than the scenario). `daysOld`
 * back-dates them: an account's first day has stricter posting limits (db/queries/rate-limits.ts).
 */
export async function createWriters(
  db: Database,
  count: number,
  opts: { daysOld?: number } = {},
): Promise<Writer[]> {
  const run = randomBytes(3).toString("hex");
  const password = `bench password ${randomBytes(8).toString("hex")}`;
  const passwordHash = await hashPassword(password);
  const createdAt = new Date(Date.now() - (opts.daysOld ?? 0) * 86_400_000);
  const writers = Array.from({ length: count }, (_, i) => ({
    id: crypto.randomUUID(),
    handle: `bench_${run}_${i}`,
    email: `bench-${run}-${i}@bench.reelrank.test`,
    password,
  }));
  for (let i = 0; i < writers.length; i += 500) {
    await db.insert(users).values(
      writers.slice(i, i + 500).map((w) => ({
        id: w.id,
        name: `Bench writer ${w.handle}`,
        handle: w.handle,
        email: w.email,
        passwordHash,
        createdAt,
      })),
    );
  }
  return writers;
}
