/**
 * The server the browser tests run against: the production build (`next build` must have run)
 * on a fresh embedded database, migrated and seeded with the default data, and a local stand-in
 * for Netflix's download server that has one week more than the shipped snapshot, so that the
 * admin's "Check now" has something new to find.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { gunzipSync } from "node:zlib";
import { openDatabase } from "../db/index";
import { importCountriesStream } from "../db/import/countries";
import { readSnapshotManifest, SNAPSHOT_DIR } from "../db/seed/netflix-snapshot";
import { streamCountryRows } from "../lib/top10/stream";
import { startFakeNetflix } from "../lib/netflix/fake-server";
import { prepareDatabase } from "./prepare-db";
import { serveCommand } from "../lib/http/serve-command";

const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, ".data", "e2e-db");

/** E2E_ENGINE=postgres: a new database on the TEST_DATABASE_URL server; otherwise a new embedded one. */
async function freshDatabase(): Promise<string> {
  if (process.env.E2E_ENGINE !== "postgres") {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}.lock`, { force: true });
    return `file:${dir}`;
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("E2E_ENGINE=postgres needs TEST_DATABASE_URL");
  const name = `reelrank_e2e_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

const snapshotText = async (kind: string) => {
  const file = (await readSnapshotManifest()).files.find((f) => f.kind === kind)!;
  return gunzipSync(fs.readFileSync(path.join(SNAPSHOT_DIR, file.name))).toString("utf8");
};

/**
 * Netflix's files as the stand-in serves them: the snapshot's global history plus the week after
 * its last one (the same forty titles in reverse order and a week older on the list, so the
 * test can tell the new week apart), and the snapshot's most-popular lists.
 */
async function fakeNetflixFiles(): Promise<Record<string, string>> {
  const global = (await snapshotText("global")).replace(/\n+$/, "");
  const [header, ...rows] = global.split("\n");
  const columns = header!.split("\t");
  const col = (name: string) => columns.indexOf(name);
  const cells = rows.map((r) => r.split("\t"));
  // the file lists the newest week first; the stand-in adds the week after it
  const lastWeek = cells
    .map((r) => r[col("week")]!)
    .sort()
    .at(-1)!;
  const last = cells.filter((r) => r[col("week")] === lastWeek);
  const next = new Date(Date.parse(`${lastWeek}T00:00:00Z`) + 7 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const added = last.map((r) => {
    const row = [...r];
    row[col("week")] = next;
    row[col("weekly_rank")] = String(11 - Number(r[col("weekly_rank")]));
    row[col("cumulative_weeks_in_top_10")] = String(
      Number(r[col("cumulative_weeks_in_top_10")]) + 1,
    );
    return row.join("\t");
  });
  return {
    "all-weeks-global.tsv": [header, ...added, ...rows].join("\n"),
    "most-popular.tsv": await snapshotText("most-popular"),
    // two countries' lists for the new week, from the English lists' titles
    "all-weeks-countries.tsv": [
      "country_name\tcountry_iso2\tweek\tcategory\tweekly_rank\tshow_title\tseason_title\tcumulative_weeks_in_top_10",
      ...[
        ["South Korea", "KR"],
        ["United States", "US"],
      ].flatMap(([name, iso]) =>
        (["Films (English)", "TV (English)"] as const).flatMap((category) =>
          added
            .map((r) => r.split("\t"))
            .filter((r) => r[col("category")] === category)
            .map((r) =>
              [
                name,
                iso,
                next,
                category.startsWith("TV") ? "TV" : "Films",
                r[col("weekly_rank")],
                r[col("show_title")],
                r[col("season_title")],
                "1",
              ].join("\t"),
            ),
        ),
      ),
    ].join("\n"),
  };
}

/**
 * Netflix's per-country lists of 2021-07-04 to 2022-02-27 (the newest copy available; the shipped
 * snapshot has none), so that the tests have maps to draw; NETFLIX_COUNTRIES_FILE names another
 * copy. Skipped when the file is not there.
 */
const COUNTRIES_FILE =
  process.env.NETFLIX_COUNTRIES_FILE ??
  path.resolve(root, "../shared/data/netflix-top10/all-weeks-countries.2022-03-02.tsv");

async function importCountriesFile() {
  if (!fs.existsSync(COUNTRIES_FILE)) {
    console.log(`No per-country file at ${COUNTRIES_FILE}: the maps' tests will skip.`);
    return;
  }
  const started = Date.now();
  const handle = await openDatabase();
  try {
    const summary = await handle.db.transaction((tx) =>
      importCountriesStream(tx, streamCountryRows(path.basename(COUNTRIES_FILE), COUNTRIES_FILE)),
    );
    console.log(
      `Per-country lists: ${summary.rowsRead} rows from ${COUNTRIES_FILE} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    await handle.close();
  }
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` first (npm test does).");
  }
  process.env.DATABASE_URL = await freshDatabase();
  // production on PostgreSQL requires a configured secret; the test server makes its own
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  // the suites sign up many fresh users, all from 127.0.0.1; the limits' own tests use small values
  process.env.SIGNUP_LIMIT_PER_IP ??= "100000";
  process.env.SIGNUP_LIMIT_GLOBAL ??= "100000";

  await prepareDatabase();
  await importCountriesFile();
  const netflix = await startFakeNetflix({ files: await fakeNetflixFiles() });
  process.env.NETFLIX_TOP10_URL = netflix.url;
  const child = spawn(...serveCommand(process.env.PORT ?? "3100"), {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
