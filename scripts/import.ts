/**
 * `npm run import -- <file>...`: imports Netflix Top 10 files (global, countries, most-popular;
 * TSV or XLSX), "What We Watched" engagement workbooks and the netflix_titles.csv catalogue into the
 * database named by DATABASE_URL. Each file is one transaction. Exits
 * non-zero when any file is refused; problems are printed as `<file>:<line>: <what is wrong>`.
 */
import fs from "node:fs/promises";
import path from "node:path";
import readXlsxFile from "read-excel-file/node";
import { describeTarget, openDatabase } from "../db/index";
import { importCatalogue } from "../db/import/catalogue";
import { importEngagement, type EngagementSummary } from "../db/import/engagement";
import { importTop10, type ImportSummary } from "../db/import/top10";
import {
  EngagementParseError,
  isEngagementWorkbook,
  parseEngagementWorkbook,
} from "../lib/engagement/parse";
import { periodLabel } from "../lib/sources";
import { CatalogueParseError, parseCatalogueCsv } from "../lib/catalogue/parse";
import { migrateDatabase } from "../db/migrate";
import { formatInteger as n } from "../lib/format";
import { Top10ParseError } from "../lib/top10/parse";
import { readTop10File } from "../lib/top10/read-file";
import { notifyServer } from "../lib/notify-server";

const KIND_LABEL = {
  global: "global weekly lists",
  countries: "per-country weekly lists",
  "most-popular": "most popular lists",
};

function report(s: ImportSummary, seconds: number) {
  const lines = [
    `${s.file}: ${KIND_LABEL[s.kind]} — ${n(s.rowsRead)} rows read in ${seconds.toFixed(1)} s`,
    `  titles: ${n(s.titlesCreated)} created, ${n(s.titlesMatched)} matched`,
    `  weeks: ${n(s.weeksAdded)} added, ${n(s.weeksUpdated)} updated`,
    `  rows: ${n(s.rowsAdded)} added, ${n(s.rowsUpdated)} updated, ${n(s.rowsUnchanged)} unchanged`,
  ];
  if (s.ignoredColumns.length) lines.push(`  columns not used: ${s.ignoredColumns.join(", ")}`);
  for (const a of s.ambiguous) {
    lines.push(
      `  ${s.file}:${a.line}: "${a.title}" fits several titles (${a.candidates.join(", ")}): left unattached`,
    );
  }
  console.log(lines.join("\n"));
}

function reportEngagement(s: EngagementSummary, seconds: number) {
  const lines = [
    `${s.file}: What We Watched, ${periodLabel(s.period) ?? s.period} — ${n(s.rowsRead)} rows read in ${seconds.toFixed(1)} s`,
    `  attached: ${n(s.attached.high)} with runtime or year agreeing, ${n(s.attached.medium)} by a title unique on both sides; ${n(s.unmatched)} titles not in Reelrank`,
    `  facts added or corrected: ${n(s.filmsUpdated)} films, ${n(s.seasonsUpdated)} seasons`,
    `  rows: ${n(s.rowsAdded)} added, ${n(s.rowsUpdated)} updated, ${n(s.rowsUnchanged)} unchanged`,
  ];
  for (const i of s.issues) {
    lines.push(
      `  ${s.file}:${i.line}: "${i.title}" ${i.confidence === "ambiguous" ? "fits several titles" : "is a weak match for"} (${i.candidates.join(", ")}): left unattached`,
    );
  }
  console.log(lines.join("\n"));
}

/** Every sheet of a workbook, or null when it cannot be read (the Top 10 reader then says why). */
async function readWorkbook(file: string) {
  try {
    return await readXlsxFile(file);
  } catch {
    return null;
  }
}

function progressPrinter(file: string) {
  let lastShown = 0;
  return (done: number, total: number) => {
    if (total < 20_000) return;
    const now = Date.now();
    if (done < total && now - lastShown < 1000) return;
    lastShown = now;
    const text = `${file}: ${n(done)} / ${n(total)} rows (${Math.floor((100 * done) / total)} %)`;
    if (process.stderr.isTTY) process.stderr.write(`\r${text}${done === total ? "\n" : ""}`);
    else console.error(text);
  };
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("usage: npm run import -- <file>...  (Netflix Top 10 .tsv or .xlsx files)");
    process.exit(2);
  }
  const handle = await openDatabase();
  let refused = 0;
  const changed = {
    weeks: new Set<string>(),
    films: new Set<string>(),
    series: new Set<string>(),
    people: new Set<string>(),
  };
  try {
    await migrateDatabase(handle);
    console.log(`Importing into the ${describeTarget(handle.target)}.`);
    for (const file of files) {
      const started = performance.now();
      try {
        if (/\.csv$/i.test(file)) {
          const name = path.basename(file);
          const summary = await importCatalogue(
            handle.db,
            name,
            parseCatalogueCsv(name, await fs.readFile(file, "utf8")),
          );
          console.log(
            `${name}: Netflix titles catalogue — ${n(summary.rowsRead)} rows read in ${((performance.now() - started) / 1000).toFixed(1)} s\n` +
              `  charted films found: ${n(summary.titlesFound)}; ${n(summary.applied)} filled, ${n(summary.queued)} queued for editors, ${n(summary.unchanged)} unchanged`,
          );
          summary.changedFilms.forEach((f) => changed.films.add(f));
          summary.changedPeople.forEach((p) => changed.people.add(p));
          continue;
        }
        const workbook = /\.xlsx$/i.test(file) ? await readWorkbook(file) : null;
        if (workbook && isEngagementWorkbook(workbook)) {
          const summary = await importEngagement(
            handle.db,
            path.basename(file),
            parseEngagementWorkbook(path.basename(file), workbook),
          );
          reportEngagement(summary, (performance.now() - started) / 1000);
          summary.changedFilms.forEach((f) => changed.films.add(f));
          summary.changedSeries.forEach((f) => changed.series.add(f));
          continue;
        }
        const parsed = await readTop10File(file);
        const summary = await importTop10(
          handle.db,
          path.basename(file),
          parsed,
          progressPrinter(path.basename(file)),
        );
        report(summary, (performance.now() - started) / 1000);
        summary.changedWeeks.forEach((w) => changed.weeks.add(w));
        summary.changedFilms.forEach((f) => changed.films.add(f));
      } catch (error) {
        refused++;
        if (
          error instanceof Top10ParseError ||
          error instanceof EngagementParseError ||
          error instanceof CatalogueParseError
        )
          console.error(error.message);
        else console.error(`${path.basename(file)}:0: ${(error as Error).message}`);
        console.error(`${path.basename(file)}: refused, nothing written.`);
      }
    }
  } finally {
    await handle.close();
  }
  if (changed.weeks.size || changed.films.size || changed.series.size || changed.people.size)
    await notifyServer(changed);
  process.exit(refused ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
