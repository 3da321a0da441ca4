/**
 * The one database client. `DATABASE_URL` picks the engine; the rest of the code never knows which:
 * - unset or `file:<dir>` → PGlite on disk (default `file:./.data/db`), owned by one process;
 * - `memory:` → PGlite in memory (tests);
 * - `postgres://…` or `postgresql://…` → a PostgreSQL server through a node-postgres pool.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; every query function accepts either. */
export type Executor = Parameters<Parameters<Database["transaction"]>[0]>[0] | Database;

export type DatabaseTarget =
  { kind: "pglite"; dir: string } | { kind: "pglite-memory" } | { kind: "postgres"; url: string };

export const DEFAULT_DATABASE_URL = "file:./.data/db";

export function parseDatabaseUrl(
  url: string | undefined = process.env.DATABASE_URL,
): DatabaseTarget {
  const value = url?.trim() || DEFAULT_DATABASE_URL;
  if (value === "memory:" || value === "memory://") return { kind: "pglite-memory" };
  if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
    return { kind: "postgres", url: value };
  }
  if (value.startsWith("file:")) {
    const dir = value.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!dir) throw new Error("DATABASE_URL=file: needs a directory, e.g. file:./.data/db");
    return { kind: "pglite", dir: path.resolve(dir) };
  }
  throw new Error(
    `DATABASE_URL must be file:<dir>, memory: or postgres://…; got "${value.replace(/:[^:@/]*@/, ":***@")}"`,
  );
}

export function describeTarget(target: DatabaseTarget): string {
  switch (target.kind) {
    case "pglite":
      return `embedded database at ${path.relative(process.cwd(), target.dir) || "."}`;
    case "pglite-memory":
      return "in-memory embedded database";
    case "postgres": {
      const u = new URL(target.url);
      return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
    }
  }
}

export class DatabaseInUseError extends Error {}

type LockInfo = { pid: number; host: string; command: string; since: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite has no locking of its own, and two processes writing one data directory corrupt it.
 * The lock file names its holder so the second process can refuse with a useful message.
 */
function acquireDirectoryLock(dir: string): () => void {
  const lockPath = `${dir}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const mine: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    command: process.argv
      .slice(1)
      .map((a) => path.basename(a))
      .join(" "),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(mine), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const held = JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockInfo;
          if (held.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let held: LockInfo | null = null;
      try {
        held = JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockInfo;
      } catch {
        held = null;
      }
      if (held && held.host === mine.host && isAlive(held.pid) && held.pid !== process.pid) {
        throw new DatabaseInUseError(
          `The embedded database at ${path.relative(process.cwd(), dir) || dir} is in use by process ${held.pid} ` +
            `(${held.command}, since ${held.since}). Stop that process first, ` +
            `or set DATABASE_URL to a PostgreSQL server to share one database between processes.`,
        );
      }
      // The holder is gone (crashed or killed): take the lock over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseInUseError(`Could not lock ${lockPath}`);
}

export type DatabaseHandle = { db: Database; target: DatabaseTarget; close: () => Promise<void> };

export type OpenOptions = {
  /** Start an in-memory PGlite from a `dumpDataDir()` archive instead of an empty cluster (tests). */
  loadDataDir?: Blob;
};

export async function openDatabase(
  url?: string,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  const target = parseDatabaseUrl(url);
  if (target.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    });
    pool.on("error", (error) => console.error("PostgreSQL pool error:", error.message));
    const db = drizzlePg({ client: pool, schema }) as unknown as Database;
    return { db, target, close: () => pool.end() };
  }
  let release = () => {};
  if (target.kind === "pglite") {
    release = acquireDirectoryLock(target.dir);
    fs.mkdirSync(target.dir, { recursive: true });
  }
  try {
    // PGlite can only `create extension` what its constructor was given; search needs these two.
    const client = await PGlite.create({
      ...(target.kind === "pglite" ? { dataDir: target.dir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { pg_trgm, unaccent },
    });
    const db = drizzlePglite({ client, schema }) as unknown as Database;
    return {
      db,
      target,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

const globalForDb = globalThis as unknown as { reelrankDb?: Promise<DatabaseHandle> };

/** The process-wide database, opened on first use and kept on `globalThis` across dev reloads. */
export function getDb(): Promise<Database> {
  globalForDb.reelrankDb ??= openDatabase().catch((error: unknown) => {
    globalForDb.reelrankDb = undefined;
    throw error;
  });
  return globalForDb.reelrankDb.then((handle) => handle.db);
}
