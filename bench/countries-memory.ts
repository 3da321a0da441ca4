/**
 * Memory of the streaming per-country import (lib/top10/stream.ts into importCountriesStream) on a
 * fresh in-memory PGlite, for Netflix's 2022 sample (4 MB, from ../shared when present) and a
 * generated file the size of the live one (~30 MB, BENCH_COUNTRIES_MB to change). The baseline,
 * measured in the same run, is reading and parsing the same file without a database; the
 * whole-file path (parseTop10Tsv + importCountries) is shown beside it for comparison. Every
 * measurement runs in a child process of its own, so no peak carries over from the one before.
 *
 *   tsx --conditions=react-server bench/countries-memory.ts
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { importCountriesStream } from "../db/import/countries";
import { importTop10 } from "../db/import/top10";
import { openDatabase } from "../db/index";
import { migrateDatabase } from "../db/migrate";
import { parseTop10Tsv } from "../lib/top10/parse";
import { streamCountryRows } from "../lib/top10/stream";
import { addDays } from "../lib/top10/week";

const SAMPLE = path.resolve(
  import.meta.dirname,
  "../../shared/data/netflix-top10/all-weeks-countries.2022-03-02.tsv",
);
const MODES = ["parse-stream", "import-stream", "parse-whole", "import-whole"] as const;
type Mode = (typeof MODES)[number];
const LABELS: Record<Mode, string> = {
  "parse-stream": "baseline: stream-parse, no database",
  "import-stream": "streaming import (importCountriesStream)",
  "parse-whole": "whole-file parse (parseTop10Tsv), no database",
  "import-whole": "whole-file import (parseTop10Tsv + importCountries)",
};

type Measurement = {
  rows: number;
  seconds: number;
  rssBefore: number;
  peakRss: number;
  /** pg_database_size after the import: the in-memory database's own share of the RSS. */
  dbBytes?: number;
};

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

function highWaterMark(): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** Linux: `5` resets VmHWM to the current RSS, so it holds this phase's peak alone. */
function resetHighWaterMark(): boolean {
  try {
    fs.writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/** Peak RSS while `fn` runs: VmHWM when it can be reset, and samples every 50 ms in any case. */
async function measure(
  fn: () => Promise<{ rows: number; dbBytes?: number }>,
): Promise<Measurement> {
  const rssBefore = process.memoryUsage().rss;
  const exact = resetHighWaterMark();
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  try {
    const result = await fn();
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss, (exact && highWaterMark()) || 0);
    return { ...result, seconds, rssBefore, peakRss: peak };
  } finally {
    clearInterval(sampler);
  }
}

async function runChild(mode: Mode, file: string): Promise<Measurement> {
  const name = path.basename(file);
  if (mode === "parse-stream") {
    return measure(async () => {
      let rows = 0;
      for await (const batch of streamCountryRows(name, file)) rows += batch.length;
      return { rows };
    });
  }
  if (mode === "parse-whole") {
    return measure(() =>
      Promise.resolve({ rows: parseTop10Tsv(name, fs.readFileSync(file, "utf8")).rows.length }),
    );
  }
  const handle = await openDatabase("memory:");
  try {
    await migrateDatabase(handle);
    const dbSize = async () => {
      // both drivers answer raw SQL with { rows }
      const result = (await handle.db.execute<{ bytes: string }>(
        sql`select pg_database_size(current_database())::text as bytes`,
      )) as { rows: { bytes: string }[] };
      return Number(result.rows[0]?.bytes ?? 0);
    };
    const empty = await dbSize();
    const measured = await measure(async () => {
      const rows =
        mode === "import-stream"
          ? (
              await handle.db.transaction((tx) =>
                importCountriesStream(tx, streamCountryRows(name, file)),
              )
            ).rowsRead
          : (await importTop10(handle.db, name, parseTop10Tsv(name, fs.readFileSync(file, "utf8"))))
              .rowsRead;
      return { rows, dbBytes: (await dbSize()) - empty };
    });
    return measured;
  } finally {
    await handle.close();
  }
}

/** Netflix's format and order: by country, then week (newest first), category, rank. */
function generateCountries(file: string, targetBytes: number) {
  const countries = Array.from({ length: 94 }, (_, i) => [
    `Country ${i}`,
    String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)),
  ]);
  const week = (name: string, iso: string, w: number) => {
    const lines: string[] = [];
    for (const category of ["Films", "TV"]) {
      for (let rank = 1; rank <= 10; rank++) {
        const title = `${category === "Films" ? "Film" : "Show"} ${(w * 7 + rank * 13 + iso.charCodeAt(0)) % 900}`;
        const season = category === "Films" ? "N/A" : `${title}: Season 1`;
        lines.push(
          `\n${name}\t${iso}\t${addDays("2021-07-04", 7 * w)}\t${category}\t${rank}\t${title}\t${season}\t${1 + (rank % 5)}`,
        );
      }
    }
    return lines.join("");
  };
  const bytesPerWeek = countries.reduce((sum, [name, iso]) => sum + week(name!, iso!, 0).length, 0);
  const weeks = Math.max(1, Math.round(targetBytes / bytesPerWeek));
  const out = fs.openSync(file, "w");
  fs.writeSync(
    out,
    "country_name\tcountry_iso2\tweek\tcategory\tweekly_rank\tshow_title\tseason_title\tcumulative_weeks_in_top_10",
  );
  for (const [name, iso] of countries) {
    const lines: string[] = [];
    for (let w = weeks - 1; w >= 0; w--) lines.push(week(name!, iso!, w));
    fs.writeSync(out, lines.join(""));
  }
  fs.closeSync(out);
  return { rows: countries.length * weeks * 20, weeks, countries: countries.length };
}

function inChild(mode: Mode, file: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = fork(import.meta.filename, ["--child", mode, file], { stdio: "inherit" });
    let result: Measurement | null = null;
    child.on("message", (m) => (result = m as Measurement));
    child.on("error", reject);
    child.on("exit", (code) =>
      result ? resolve(result) : reject(new Error(`${mode} on ${file} exited with ${code}`)),
    );
  });
}

/** Peak over RSS before, at least 1 MB so a ratio stays finite. */
const growth = (m: Measurement) => Math.max(MB, m.peakRss - m.rssBefore);

async function bench(label: string, file: string) {
  const size = fs.statSync(file).size;
  console.log(`\n${label}: ${path.basename(file)}, ${mb(size)}`);
  const results = {} as Record<Mode, Measurement>;
  for (const mode of MODES) {
    const m = (results[mode] = await inChild(mode, file));
    console.log(
      [
        `  ${LABELS[mode]}:`.padEnd(58),
        `${m.rows.toLocaleString("en-US")} rows`.padEnd(13),
        `${m.seconds.toFixed(1)} s`.padStart(8),
        `  RSS before ${mb(m.rssBefore)}`.padEnd(20),
        `peak ${mb(m.peakRss)}`.padEnd(11),
        `(+${mb(m.peakRss - m.rssBefore)})`,
        m.dbBytes === undefined ? "" : `  database ${mb(m.dbBytes)}`,
      ].join(" "),
    );
  }
  const base = results["parse-stream"];
  const stream = results["import-stream"];
  const whole = results["import-whole"];
  console.log(
    [
      `  ratio streaming import / baseline: peak ${(stream.peakRss / base.peakRss).toFixed(2)}×,`,
      `growth ${(growth(stream) / growth(base)).toFixed(2)}×,`,
      `time ${(stream.seconds / base.seconds).toFixed(1)}×`,
    ].join(" "),
  );
  console.log(
    `  growth over RSS before, whole-file import / streaming import: ${(growth(whole) / growth(stream)).toFixed(2)}×`,
  );
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reelrank-bench-"));
  try {
    if (fs.existsSync(SAMPLE)) await bench("Netflix's 2022 sample", SAMPLE);
    else console.log(`${SAMPLE} is absent: only the generated file is measured.`);
    const generated = path.join(tmp, "all-weeks-countries.tsv");
    const shape = generateCountries(generated, Number(process.env.BENCH_COUNTRIES_MB ?? 30) * MB);
    await bench(
      `Generated: ${shape.countries} countries × ${shape.weeks} weeks × 2 categories × 10 ranks`,
      generated,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const [flag, mode, file] = process.argv.slice(2);
if (flag === "--child" && MODES.includes(mode as Mode) && file) {
  runChild(mode as Mode, file)
    .then((m) => process.send!(m, () => process.exit(0)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
