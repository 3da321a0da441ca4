/**
 * Import benchmark: the whole global file (../shared when present, else a generated one of the
 * same shape) and a generated ~30 MB per-country file, each into a fresh embedded database, first
 * import and re-import. The baseline, measured in the same run, is a plain bulk insert of the same
 * rows into a bare table: the ratio is what matching, change detection and the revision log cost.
 *
 *   npm run bench:import
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { importTop10 } from "../db/import/top10";
import { openDatabase, type DatabaseHandle } from "../db/index";
import { migrateDatabase } from "../db/migrate";
import { seedDemo } from "../db/seed/index";
import { readTop10File } from "../lib/top10/read-file";
import { addDays } from "../lib/top10/week";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reelrank-bench-"));
const SHARED_GLOBAL = path.resolve(
  import.meta.dirname,
  "../../shared/data/netflix-top10/all-weeks-global.tsv",
);

function generateCountries(file: string, targetBytes: number): number {
  const countries = Array.from({ length: 94 }, (_, i) => [
    `Country ${i}`,
    String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)),
  ]);
  let bytes = 0;
  let rows = 0;
  const header =
    "country_name\tcountry_iso2\tweek\tcategory\tweekly_rank\tshow_title\tseason_title\tcumulative_weeks_in_top_10\n";
  const lines: string[] = [header];
  bytes += header.length;
  for (let w = 0; bytes < targetBytes; w++) {
    const week = addDays("2021-07-04", 7 * w);
    for (const [name, iso] of countries) {
      for (const category of ["Films", "TV"]) {
        for (let rank = 1; rank <= 10; rank++) {
          const title = `${category === "Films" ? "Film" : "Show"} ${(w * 7 + rank * 13 + iso!.charCodeAt(0)) % 900}`;
          const season = category === "Films" ? "N/A" : `${title}: Season 1`;
          const line = `${name}\t${iso}\t${week}\t${category}\t${rank}\t${title}\t${season}\t${1 + (rank % 5)}\n`;
          lines.push(line);
          bytes += Buffer.byteLength(line);
          rows++;
        }
      }
    }
  }
  fs.writeFileSync(file, lines.join(""));
  return rows;
}

function generateGlobal(file: string): void {
  const lines = [
    "week\tcategory\tweekly_rank\tshow_title\tseason_title\tweekly_hours_viewed\truntime\tweekly_views\tcumulative_weeks_in_top_10",
  ];
  const categories = ["Films (English)", "Films (Non-English)", "TV (English)", "TV (Non-English)"];
  for (let w = 0; w < 264; w++) {
    const week = addDays("2021-07-04", 7 * w);
    for (const category of categories) {
      for (let rank = 1; rank <= 10; rank++) {
        const title = `${category} title ${(w * 3 + rank) % 2000}`;
        const season = category.startsWith("TV") ? `${title}: Season 1` : "N/A";
        lines.push(
          `${week}\t${category}\t${rank}\t${title}\t${season}\t${(11 - rank) * 1_000_000}\t1.5\t${(11 - rank) * 600_000}\t1`,
        );
      }
    }
  }
  fs.writeFileSync(file, lines.join("\n"));
}

async function freshDb(name: string): Promise<DatabaseHandle> {
  const handle = await openDatabase(`file:${path.join(tmp, name)}`);
  await migrateDatabase(handle);
  await seedDemo(handle.db);
  return handle;
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, (performance.now() - start) / 1000];
}

/** The baseline: the same number of rows, bulk-inserted into a bare table with no checks. */
async function baselineInsert(
  handle: DatabaseHandle,
  rows: number,
  columns: number,
): Promise<number> {
  await handle.db.execute(
    sql.raw(
      `create table bench_raw (${Array.from({ length: columns }, (_, i) => `c${i} text`).join(", ")})`,
    ),
  );
  const values = Array.from({ length: columns }, (_, i) => `value ${i}`);
  const [, seconds] = await time(async () => {
    await handle.db.transaction(async (tx) => {
      const perBatch = Math.floor(8000 / columns);
      for (let done = 0; done < rows; done += perBatch) {
        const n = Math.min(perBatch, rows - done);
        const params = Array.from(
          { length: n },
          () =>
            sql`(${sql.join(
              values.map((v) => sql`${v}`),
              sql`, `,
            )})`,
        );
        await tx.execute(sql`insert into bench_raw values ${sql.join(params, sql`, `)}`);
      }
    });
  });
  return seconds;
}

async function bench(label: string, file: string) {
  const parsedAt = performance.now();
  const parsed = await readTop10File(file);
  const parseSeconds = (performance.now() - parsedAt) / 1000;
  const handle = await freshDb(label.replace(/\W+/g, "-"));
  try {
    const [first, firstSeconds] = await time(() =>
      importTop10(handle.db, path.basename(file), parsed),
    );
    const [again, againSeconds] = await time(() =>
      importTop10(handle.db, path.basename(file), parsed),
    );
    const columns = parsed.kind === "countries" ? 8 : 11;
    const baseline = await baselineInsert(handle, parsed.rows.length, columns);
    const mb = fs.statSync(file).size / 1024 / 1024;
    console.log(
      [
        `${label}: ${parsed.rows.length.toLocaleString("en-US")} rows, ${mb.toFixed(1)} MB`,
        `  parse ${parseSeconds.toFixed(1)} s`,
        `  first import ${firstSeconds.toFixed(1)} s (${first.rowsAdded.toLocaleString("en-US")} rows added, ${first.titlesCreated} titles created)`,
        `  re-import ${againSeconds.toFixed(1)} s (${again.rowsUnchanged.toLocaleString("en-US")} unchanged)`,
        `  baseline: bare bulk insert of the same rows ${baseline.toFixed(1)} s`,
        `  ratio first import / baseline: ${(firstSeconds / baseline).toFixed(2)}×`,
      ].join("\n"),
    );
  } finally {
    await handle.close();
  }
}

async function main() {
  let global = SHARED_GLOBAL;
  if (!fs.existsSync(global)) {
    console.log(
      "../shared/data is absent: benchmarking a generated global file of the same shape.",
    );
    global = path.join(tmp, "all-weeks-global.tsv");
    generateGlobal(global);
  }
  await bench("global weekly lists", global);
  const countries = path.join(tmp, "all-weeks-countries.tsv");
  generateCountries(countries, Number(process.env.BENCH_COUNTRIES_MB ?? 30) * 1024 * 1024);
  await bench("per-country lists (generated)", countries);
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
