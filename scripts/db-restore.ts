/**
 * `npm run db:restore -- <file> [--force]`: restores a backup into the database DATABASE_URL
 * names, in one transaction (db/backup/restore.ts). Refuses a database that has data unless
 * --force, which replaces everything in it.
 */
import { parseArgs } from "node:util";
import { describeTarget, openDatabase } from "../db/index";
import { stderrProgress } from "../db/backup/backup";
import { readBackupFile, restoreLines } from "../db/backup/restore";
import { openSession } from "../db/backup/session";

async function main() {
  const { values, positionals } = parseArgs({
    options: { force: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    console.error("Usage: npm run db:restore -- <file> [--force]");
    process.exit(2);
  }
  const handle = await openDatabase();
  const session = await openSession(handle);
  try {
    const started = performance.now();
    const summary = await restoreLines(session, readBackupFile(file), {
      force: values.force,
      onProgress: stderrProgress("restoring"),
    });
    console.log(
      `Restored ${file} into the ${describeTarget(handle.target)}: ${summary.tables} tables, ` +
        `${summary.rows.toLocaleString("en-US")} rows, counts and checksums verified, in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    session.release();
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error("Nothing was restored: the database is as it was.");
  process.exit(1);
});
