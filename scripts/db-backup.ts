/**
 * `npm run db:backup -- <file>`: writes a backup of the database DATABASE_URL names (the embedded
 * one by default) to one gzip'd file that restores into either engine (db/backup/backup.ts).
 */
import fs from "node:fs";
import { describeTarget, openDatabase } from "../db/index";
import { stderrProgress, writeBackupFile } from "../db/backup/backup";
import { openSession } from "../db/backup/session";

async function main() {
  const [file, ...rest] = process.argv.slice(2);
  if (!file || rest.length > 0 || file.startsWith("-")) {
    console.error(
      "Usage: npm run db:backup -- <file>   (e.g. backups/reelrank-$(date +%F).jsonl.gz)",
    );
    process.exit(2);
  }
  const handle = await openDatabase();
  const session = await openSession(handle);
  try {
    const started = performance.now();
    const header = await writeBackupFile(session, file, {
      onProgress: stderrProgress("backing up"),
    });
    const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `Backed up the ${describeTarget(handle.target)} to ${file}: ${header.tables.length} tables, ` +
        `${rows.toLocaleString("en-US")} rows, migration level ${header.migrations.lastTag ?? "none"}, ` +
        `${(fs.statSync(file).size / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    session.release();
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
