/**
 * `npm run netflix:sync [-- --file all-weeks-global.tsv]`: checks Netflix's Top 10 files
 * (NETFLIX_TOP10_URL, default Netflix's own address) and imports those that changed into the
 * database named by DATABASE_URL (db/import/sync.ts). Prints one line per file, shows the progress
 * of big files on stderr, tells a running server which pages changed, and exits non-zero when any
 * file was refused or could not be checked.
 */
import { parseArgs } from "node:util";
import { describeTarget, openDatabase } from "../db/index";
import { syncNetflix, type SyncFileResult, type SyncProgress } from "../db/import/sync";
import { migrateDatabase } from "../db/migrate";
import { formatInteger as n } from "../lib/format";
import {
  formatBytes,
  top10BaseUrl,
  TOP10_FILES,
  type Top10FileName,
} from "../lib/netflix/download";
import { notifyServer } from "../lib/notify-server";

const USAGE = `usage: npm run netflix:sync [-- --file <name>]...  (names: ${TOP10_FILES.join(", ")})`;

/** Download progress from 1 MB, import progress from 20,000 rows; at most once a second. */
function progressPrinter() {
  const tty = process.stderr.isTTY;
  let lastShown = 0;
  let shown = false;
  return (p: SyncProgress) => {
    if (p.phase === "done") {
      // clear the progress line, so the file's result line stands alone
      if (shown && tty) process.stderr.write("\r\x1b[K");
      shown = false;
      return;
    }
    let text: string;
    if (p.phase === "downloading" && p.bytes !== undefined) {
      if (Math.max(p.bytes, p.total ?? 0) < 1024 * 1024) return;
      const of = p.total
        ? ` of ${formatBytes(p.total)} (${Math.floor((100 * p.bytes) / p.total)} %)`
        : "";
      text = `${p.file}: downloading ${formatBytes(p.bytes)}${of}`;
    } else if (p.phase === "importing" && p.rows !== undefined) {
      if (Math.max(p.rows, p.totalRows ?? 0) < 20_000) return;
      const of = p.totalRows ? ` / ${n(p.totalRows)}` : "";
      text = `${p.file}: importing, ${n(p.rows)}${of} rows`;
    } else {
      return;
    }
    const now = Date.now();
    if (now - lastShown < 1000) return;
    lastShown = now;
    shown = true;
    if (tty) process.stderr.write(`\r${text}\x1b[K`);
    else console.error(text);
  };
}

function report(result: SyncFileResult) {
  const line = `${result.file}: ${result.message}`;
  if (result.outcome === "refused" || result.outcome === "failed") {
    console.error(line);
    for (const problem of result.problems ?? []) console.error(`  ${problem}`);
  } else {
    console.log(line);
  }
}

async function main() {
  let files: Top10FileName[] | undefined;
  let baseUrl: string;
  try {
    const { values } = parseArgs({ options: { file: { type: "string", multiple: true } } });
    const unknown = values.file?.filter((f) => !(TOP10_FILES as readonly string[]).includes(f));
    if (unknown?.length) throw new Error(`unknown file ${unknown.join(", ")}`);
    files = values.file as Top10FileName[] | undefined;
    baseUrl = top10BaseUrl();
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  const handle = await openDatabase();
  let outcome;
  try {
    await migrateDatabase(handle);
    console.log(`Checking ${baseUrl} for the ${describeTarget(handle.target)}.`);
    outcome = await syncNetflix(handle.db, {
      trigger: "cli",
      baseUrl,
      files,
      onProgress: progressPrinter(),
      onResult: report,
    });
  } finally {
    await handle.close();
  }
  if (outcome.changedWeeks.length || outcome.changedFilms.length) {
    await notifyServer({ weeks: outcome.changedWeeks, films: outcome.changedFilms });
  }
  const bad = outcome.results.filter((r) => r.outcome === "refused" || r.outcome === "failed");
  process.exit(bad.length ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
