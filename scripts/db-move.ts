/**
 * `npm run db:move -- --to postgres://… [--force]`: copies the database DATABASE_URL names (the
 * embedded one by default) into an empty PostgreSQL database, then says what to set next.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { describeTarget, openDatabase, parseDatabaseUrl } from "../db/index";
import { stderrProgress } from "../db/backup/backup";
import { moveDatabase } from "../db/backup/move";
import { openSession } from "../db/backup/session";

async function main() {
  const { values } = parseArgs({
    options: { to: { type: "string" }, force: { type: "boolean", default: false } },
  });
  if (!values.to || parseDatabaseUrl(values.to).kind !== "postgres") {
    console.error(
      "Usage: npm run db:move -- --to postgres://user:password@host:5432/reelrank [--force]",
    );
    process.exit(2);
  }
  const sourceTarget = parseDatabaseUrl();
  if (sourceTarget.kind === "postgres" && sourceTarget.url === values.to) {
    console.error("The source and the destination are the same database.");
    process.exit(2);
  }
  const source = await openDatabase();
  const target = await openDatabase(values.to);
  const from = await openSession(source);
  const to = await openSession(target);
  try {
    const started = performance.now();
    const summary = await moveDatabase(from, to, {
      force: values.force,
      onProgress: stderrProgress("copying"),
    });
    console.log(
      `Copied the ${describeTarget(source.target)} into the ${describeTarget(target.target)}: ` +
        `${summary.tables} tables, ${summary.rows.toLocaleString("en-US")} rows, counts and checksums ` +
        `verified, in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`,
    );
    const secretFile = path.join(process.cwd(), ".data", "auth-secret");
    const secret = process.env.AUTH_SECRET
      ? "AUTH_SECRET=<the value you use now>"
      : fs.existsSync(secretFile)
        ? `AUTH_SECRET=$(cat ${path.relative(process.cwd(), secretFile)})`
        : "AUTH_SECRET=$(openssl rand -base64 32)";
    console.log(
      `Next, run the app on PostgreSQL with:\n\n` +
        `  export DATABASE_URL='${values.to}'\n` +
        `  export ${secret}\n` +
        `  npm start\n\n` +
        `Carry AUTH_SECRET over: it signs the sessions, and a new one signs everybody out.\n` +
        `The embedded database is left as it was; keep it until you have checked the new one.`,
    );
  } finally {
    from.release();
    to.release();
    await target.close();
    await source.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error("Nothing was copied: the destination is as it was.");
  process.exit(1);
});
