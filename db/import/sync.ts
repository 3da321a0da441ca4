/**
 * Keeps Netflix's Top 10 data current. For each published file: a conditional download (an
 * unchanged file costs one 304), a check that what came is a Top 10 file of the kind that name
 * holds, and an import that records the file's new validators and a log row in the same
 * transaction. Anything wrong leaves the data and the stored ETag as they were, so the next run
 * tries again; every check is logged in netflix_sync_log.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { countDistinct, desc, eq, sql } from "drizzle-orm";
import pg from "pg";
import { plural } from "../../lib/format";
import {
  downloadFile,
  DownloadError,
  top10BaseUrl,
  TOP10_FILES,
  type DownloadOptions,
  type Top10FileName,
} from "../../lib/netflix/download";
import {
  detectKind,
  parseTop10Tsv,
  REQUIRED_COLUMNS,
  Top10ParseError,
  type Top10FileKind,
} from "../../lib/top10/parse";
import { describeTop10Kind, streamCountryRows } from "../../lib/top10/stream";
import type { Database, Executor } from "../index";
import {
  chartEntries,
  netflixFiles,
  netflixSyncLog,
  type NetflixFile,
  type NetflixSyncLogEntry,
} from "../schema";
import { importCountriesStream } from "./countries";
import { importTop10InTx } from "./top10";

export type SyncTrigger = "cli" | "schedule" | `admin:${string}`;

export type SyncProgress = {
  file: Top10FileName;
  phase: "checking" | "downloading" | "importing" | "done";
  bytes?: number;
  total?: number | null;
  rows?: number;
  totalRows?: number | null;
};

export type SyncFileResult = {
  file: Top10FileName;
  outcome: "imported" | "up-to-date" | "refused" | "failed";
  /** One sentence to show after `<file>: `, e.g. `up to date`. */
  message: string;
  /** For a refused file: every problem found, as `<file>:<line>: <what>`. */
  problems?: string[];
  rowsRead?: number;
  weeksAdded?: number;
  rowsAdded?: number;
  rowsUpdated?: number;
  changedWeeks: string[];
  changedFilms: string[];
};

export type SyncOptions = {
  trigger: SyncTrigger;
  /** Default `top10BaseUrl()`: NETFLIX_TOP10_URL or Netflix's own address. */
  baseUrl?: string;
  /** Default all three; they are always synced global first, then countries, then most-popular. */
  files?: readonly Top10FileName[];
  /** Where downloads go; default a new os.tmpdir()/reelrank-sync-<random>, removed afterwards. */
  workDir?: string;
  onProgress?: (p: SyncProgress) => void;
  /** Each file's result as soon as it is known (the command line prints it then). */
  onResult?: (r: SyncFileResult) => void;
  /** Timeouts, retries, size limit, a sleep that does not wait (tests). */
  download?: Partial<DownloadOptions>;
};

const EXPECTED_KIND: Record<Top10FileName, Top10FileKind> = {
  "all-weeks-global.tsv": "global",
  "all-weeks-countries.tsv": "countries",
  "most-popular.tsv": "most-popular",
};

/**
 * PostgreSQL advisory lock keys (arbitrary constants, beside db/migrate.ts's 7_304_127). The run
 * lock is held by a session of its own for a whole sync, so a second instance gives up at once;
 * the import lock is taken inside each import transaction, so two imports never overlap even if
 * the run lock's connection dropped half-way (a dropped session frees its locks).
 */
const RUN_LOCK_KEY = 7_304_128;
const IMPORT_LOCK_KEY = 7_304_129;

/** Databases this process is syncing: PGlite belongs to one process, so this is its whole lock. */
const running = new Set<Database>();

/** Whether this process is running a sync (of `db`, when given). */
export function isSyncRunning(db?: Database): boolean {
  return db ? running.has(db) : running.size > 0;
}

/** Takes the sync lock; null when another sync holds it. The release never throws. */
async function lockSync(db: Database): Promise<(() => Promise<void>) | null> {
  if (running.has(db)) return null;
  running.add(db);
  const pool = (db as unknown as { $client?: unknown }).$client;
  if (!(pool instanceof pg.Pool)) {
    return () => Promise.resolve(void running.delete(db));
  }
  // A connection outside the pool: the pool stays free for the imports, even at size 1.
  const session = new pg.Client(pool.options);
  session.on("error", (error) => {
    // the lock went with the connection; the import lock still keeps imports apart
    console.error("Netflix sync: lost the sync lock's database connection:", error.message);
  });
  let locked = false;
  try {
    await session.connect();
    const { rows } = await session.query<{ locked: boolean }>(
      "select pg_try_advisory_lock($1) as locked",
      [RUN_LOCK_KEY],
    );
    locked = rows[0]?.locked === true;
  } finally {
    if (!locked) {
      running.delete(db);
      await session.end().catch(() => {});
    }
  }
  if (!locked) return null;
  return async () => {
    running.delete(db);
    // ending the session releases its advisory lock
    await session.end().catch(() => {});
  };
}

const today = () => new Date().toISOString().slice(0, 10);

function emptyResult(
  file: Top10FileName,
  outcome: SyncFileResult["outcome"],
  message: string,
): SyncFileResult {
  return { file, outcome, message, changedWeeks: [], changedFilms: [] };
}

/** The downloader's messages start with the file name, which the result's reader already has. */
function withoutFileName(file: string, message: string): string {
  return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}

/** The first problem for the one-line message, and all of them as `file:line: what`. */
function refusalOf(error: Top10ParseError): { reason: string; problems: string[] } {
  const [first, ...more] = error.problems;
  return {
    reason: first
      ? `line ${first.line}: ${first.problem}${more.length ? ` (and ${plural(more.length, "more problem")})` : ""}`
      : "the file could not be read",
    problems: error.problems.map((p) => `${error.file}:${p.line}: ${p.problem}`),
  };
}

/**
 * Looks at the start of a downloaded file before anything parses it: what the real server has
 * sent instead of data (an HTML page, `null`) and the wrong file or a damaged header get a plain
 * reason. Null when it looks like a Top 10 file of the expected kind.
 */
async function sniff(
  file: string,
  contentType: string | null,
  expected: Top10FileKind,
): Promise<string | null> {
  const handle = await fs.open(file);
  let head: string;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    head = buffer
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\ufeff/, "");
  } finally {
    await handle.close();
  }
  if (/^\s*text\/html\b/i.test(contentType ?? "") || head.trimStart().startsWith("<")) {
    return "the server sent an HTML page, not a Top 10 file";
  }
  if (head.trim() === "null") return 'the server sent "null" instead of the file';
  if (head.trim() === "") return "the server sent an empty file";
  const header = (head.split(/\r?\n/)[0] ?? "").split("\t").map((h) => h.trim());
  const kind = detectKind(header)?.kind;
  if (kind === expected) return null;
  if (kind) return `the server sent ${describeTop10Kind(kind)}, not ${describeTop10Kind(expected)}`;
  const missing = REQUIRED_COLUMNS[expected].filter((c) => !header.includes(c));
  if (missing.length === 0 && expected === "most-popular") {
    missing.push("hours_viewed_first_91_days");
  }
  return missing.length
    ? `the header lacks ${missing.join(", ")}, so this is not ${describeTop10Kind(expected)}`
    : `the header is not that of ${describeTop10Kind(expected)}`;
}

type Context = {
  db: Database;
  trigger: SyncTrigger;
  baseUrl: string;
  workDir: string;
  onProgress?: (p: SyncProgress) => void;
  download?: Partial<DownloadOptions>;
};

type LogFields = Pick<
  SyncFileResult,
  "file" | "outcome" | "message" | "rowsRead" | "weeksAdded" | "rowsAdded" | "rowsUpdated"
>;

async function writeLog(tx: Executor, trigger: SyncTrigger, startedAt: Date, r: LogFields) {
  await tx.insert(netflixSyncLog).values({
    file: r.file,
    trigger,
    outcome: r.outcome,
    message: r.message,
    rowsRead: r.rowsRead ?? null,
    weeksAdded: r.weeksAdded ?? null,
    rowsAdded: r.rowsAdded ?? null,
    rowsUpdated: r.rowsUpdated ?? null,
    startedAt,
    // now() would be the transaction's start, minutes early after a long import
    finishedAt: new Date(),
  });
}

/**
 * Checks one file and imports it when it changed. Always returns a result and logs it; throws only
 * when even the log cannot be written.
 */
async function syncFile(ctx: Context, file: Top10FileName): Promise<SyncFileResult> {
  const { db, trigger } = ctx;
  const startedAt = new Date();
  const progress = (p: Omit<SyncProgress, "file">) => ctx.onProgress?.({ file, ...p });
  const dest = path.join(ctx.workDir, file);
  const url = new URL(file, ctx.baseUrl).href;
  const expected = EXPECTED_KIND[file];
  const nothingChanged = async (outcome: "refused" | "failed", reason: string) => {
    const result = emptyResult(
      file,
      outcome,
      outcome === "refused" ? `refused: ${reason}; nothing changed` : `${reason}; nothing changed`,
    );
    await writeLog(db, trigger, startedAt, result);
    return result;
  };

  progress({ phase: "checking" });
  try {
    const [stored] = await db.select().from(netflixFiles).where(eq(netflixFiles.name, file));
    let download;
    try {
      download = await downloadFile({
        ...ctx.download,
        url,
        dest,
        etag: stored?.etag,
        lastModified: stored?.lastModified,
        onProgress: (bytes, total) => progress({ phase: "downloading", bytes, total }),
      });
    } catch (error) {
      if (!(error instanceof DownloadError)) throw error;
      const reason = withoutFileName(file, error.message);
      // a cut-off or oversized body is a bad file; the rest is the network or the server
      return await nothingChanged(
        error.kind === "truncated" || error.kind === "too-large" ? "refused" : "failed",
        reason,
      );
    }

    if (download.status === "not-modified") {
      const result = emptyResult(file, "up-to-date", "up to date");
      await db.transaction(async (tx) => {
        await tx
          .update(netflixFiles)
          .set({ checkedAt: new Date() })
          .where(eq(netflixFiles.name, file));
        await writeLog(tx, trigger, startedAt, result);
      });
      return result;
    }

    const problem = await sniff(dest, download.contentType, expected);
    if (problem) return await nothingChanged("refused", problem);
    // the global and most-popular files are small (about 1 MB); the per-country one is streamed
    const parsed =
      expected === "countries" ? null : parseTop10Tsv(file, await fs.readFile(dest, "utf8"));
    if (parsed && parsed.kind !== expected) {
      return await nothingChanged(
        "refused",
        `the server sent ${describeTop10Kind(parsed.kind)}, not ${describeTop10Kind(expected)}`,
      );
    }

    const validators = {
      url,
      etag: download.etag,
      lastModified: download.lastModified,
      checkedAt: new Date(),
    };
    return await db.transaction(async (tx): Promise<SyncFileResult> => {
      await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`);
      // read again under the lock: another instance may have imported this very content
      const [current] = await tx
        .select({ sha256: netflixFiles.sha256, importedAt: netflixFiles.importedAt })
        .from(netflixFiles)
        .where(eq(netflixFiles.name, file));
      if (current?.sha256 === download.sha256) {
        // the server lost its ETag (or never had one): keep the new one for the next 304
        const result = emptyResult(file, "up-to-date", "up to date (the content is unchanged)");
        await tx.update(netflixFiles).set(validators).where(eq(netflixFiles.name, file));
        await writeLog(tx, trigger, startedAt, result);
        return result;
      }

      progress({ phase: "importing", rows: 0, totalRows: parsed?.rows.length ?? null });
      const source = `${file} (Netflix, ${today()})`;
      const weeksBefore = expected === "global" ? await countWeeks(tx) : 0;
      const summary = parsed
        ? await importTop10InTx(tx, source, parsed, (rows, totalRows) =>
            progress({ phase: "importing", rows, totalRows }),
          )
        : await importCountriesStream(tx, streamCountryRows(file, dest), (rows) =>
            progress({ phase: "importing", rows, totalRows: null }),
          );
      // the global importer counts week × list; a reader means weeks
      const weeksAdded =
        expected === "global" ? (await countWeeks(tx)) - weeksBefore : summary.weeksAdded;
      const changed = summary.rowsAdded + summary.rowsUpdated > 0;

      const parts = [`${plural(summary.rowsRead, "row")} read`];
      if (expected !== "most-popular") parts.push(`${plural(weeksAdded, "week")} added`);
      parts.push(`${plural(summary.rowsAdded, "row")} added`);
      if (summary.rowsUpdated) parts.push(`${plural(summary.rowsUpdated, "row")} updated`);
      if (summary.ambiguous.length) {
        parts.push(
          `${plural(summary.ambiguous.length, "row")} left unattached (several titles fit)`,
        );
      }
      const result: SyncFileResult = {
        file,
        outcome: "imported",
        message: `imported: ${parts.join(", ")}`,
        rowsRead: summary.rowsRead,
        weeksAdded,
        rowsAdded: summary.rowsAdded,
        rowsUpdated: summary.rowsUpdated,
        changedWeeks: summary.changedWeeks,
        changedFilms: summary.changedFilms,
      };
      const record = {
        ...validators,
        sha256: download.sha256,
        bytes: download.bytes,
        rows: summary.rowsRead,
        weeksAdded,
        // when the content last changed what Reelrank holds
        importedAt: changed || !current?.importedAt ? validators.checkedAt : current.importedAt,
      };
      await tx
        .insert(netflixFiles)
        .values({ name: file, ...record })
        .onConflictDoUpdate({ target: netflixFiles.name, set: record });
      await writeLog(tx, trigger, startedAt, result);
      return result;
    });
  } catch (error) {
    if (error instanceof Top10ParseError) {
      const refusal = refusalOf(error);
      return { ...(await nothingChanged("refused", refusal.reason)), problems: refusal.problems };
    }
    // the cause goes to the server log; the result and the sync log get a sentence
    console.error(`Netflix sync of ${file} failed:`, error);
    return await nothingChanged(
      "failed",
      "the sync stopped on an unexpected error (the server log has the cause)",
    );
  } finally {
    await fs.rm(dest, { force: true });
    progress({ phase: "done" });
  }
}

async function countWeeks(tx: Executor): Promise<number> {
  const [row] = await tx.select({ n: countDistinct(chartEntries.week) }).from(chartEntries);
  return row?.n ?? 0;
}

/**
 * Checks Netflix's Top 10 files and imports those that changed. One sync at a time: a second one,
 * in this process or (on PostgreSQL) in another, gets "another sync is running" for every file.
 */
export async function syncNetflix(
  db: Database,
  options: SyncOptions,
): Promise<{ results: SyncFileResult[]; changedWeeks: string[]; changedFilms: string[] }> {
  const wanted = new Set(options.files ?? TOP10_FILES);
  const files = TOP10_FILES.filter((f) => wanted.has(f));
  const results: SyncFileResult[] = [];
  const release = await lockSync(db);
  if (!release) {
    const startedAt = new Date();
    for (const file of files) {
      const result = emptyResult(file, "failed", "another sync is running");
      await writeLog(db, options.trigger, startedAt, result);
      results.push(result);
      options.onResult?.(result);
    }
    return { results, changedWeeks: [], changedFilms: [] };
  }
  const workDir = options.workDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), "reelrank-sync-")));
  try {
    const ctx: Context = {
      db,
      trigger: options.trigger,
      baseUrl: options.baseUrl ?? top10BaseUrl(),
      workDir,
      onProgress: options.onProgress,
      download: options.download,
    };
    for (const file of files) {
      const result = await syncFile(ctx, file);
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    if (!options.workDir) await fs.rm(workDir, { recursive: true, force: true });
    await release();
  }
  return {
    results,
    changedWeeks: [...new Set(results.flatMap((r) => r.changedWeeks))].sort(),
    changedFilms: [...new Set(results.flatMap((r) => r.changedFilms))].sort(),
  };
}

/** What each file's last check found, and the latest checks, newest first. */
export async function getSyncStatus(
  db: Executor,
  { logLimit = 50 }: { logLimit?: number } = {},
): Promise<{ files: NetflixFile[]; log: NetflixSyncLogEntry[] }> {
  const order = (name: string) => {
    const i = TOP10_FILES.indexOf(name as Top10FileName);
    return i === -1 ? TOP10_FILES.length : i;
  };
  const files = (await db.select().from(netflixFiles)).sort(
    (a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name),
  );
  const log =
    logLimit > 0
      ? await db
          .select()
          .from(netflixSyncLog)
          .orderBy(desc(netflixSyncLog.finishedAt), desc(netflixSyncLog.id))
          .limit(logLimit)
      : [];
  return { files, log };
}
