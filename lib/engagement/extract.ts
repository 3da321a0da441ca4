/**
 * A compact TSV of the engagement reports' title facts (release date, runtime, hours, views), small
 * enough to ship with the app instead of the workbooks. Titles are written exactly as printed, so
 * reading them back goes through the same title splitting as the workbooks.
 */
import { splitTsv } from "../top10/parse";
import { parseIsoDate } from "../top10/week";
import {
  EngagementParseError,
  MAX_PROBLEMS,
  periodFromId,
  splitTitle,
  type EngagementKind,
  type EngagementProblem,
  type EngagementReport,
  type EngagementRow,
} from "./parse";

const HEADER = [
  "period",
  "kind",
  "title",
  "release_date",
  "runtime_minutes",
  "available_globally",
  "hours_viewed",
  "views",
] as const;
type Column = (typeof HEADER)[number];

export function formatExtract(reports: EngagementReport[]): string {
  const seen = new Set<string>();
  const lines: string[] = [HEADER.join("\t")];
  for (const { period, rows } of reports) {
    // rows are grouped by period when read back, so a period given twice would not round-trip
    if (seen.has(period.id)) throw new Error(`period ${period.id} is given twice`);
    seen.add(period.id);
    for (const r of rows) {
      if (/[\t\r\n]/.test(r.title))
        throw new Error(
          `${period.id} ${r.kind} line ${r.line}: the title holds a tab or line break`,
        );
      const cells: Record<Column, string | number> = {
        period: period.id,
        kind: r.kind,
        title: r.title,
        release_date: r.releaseDate ?? "",
        runtime_minutes: r.runtimeMinutes ?? "",
        available_globally: r.availableGlobally ? "Yes" : "No",
        hours_viewed: r.hoursViewed,
        views: r.views ?? "",
      };
      lines.push(HEADER.map((c) => cells[c]).join("\t"));
    }
  }
  return `${lines.join("\n")}\n`;
}

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** Reads formatExtract's output back, one report per period in order of first appearance. */
export function parseExtract(text: string, fileName: string): EngagementReport[] {
  const table = splitTsv(text);
  const header = (table[0] ?? []).map((h) => h.trim());
  const missing = HEADER.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new EngagementParseError(fileName, [
      {
        line: 1,
        problem: `the header lacks ${missing.join(", ")} (expected ${HEADER.join(", ")})`,
      },
    ]);
  }
  const index = new Map(header.map((h, i) => [h, i]));
  const problems: EngagementProblem[] = [];
  const reports = new Map<string, EngagementReport>();

  for (let i = 1; i < table.length && problems.length < MAX_PROBLEMS; i++) {
    const cells = table[i]!;
    const line = i + 1;
    let failed = false;
    const fail = (problem: string) => {
      failed = true;
      problems.push({ line, problem });
      return null;
    };
    if (cells.length !== header.length) {
      fail(`expected ${header.length} columns, found ${cells.length}`);
      continue;
    }
    const cell = (c: Column) => cells[index.get(c)!]!.trim();

    const period =
      periodFromId(cell("period")) ?? fail(`period "${cell("period")}" is not like 2023H2`);
    const kind = cell("kind");
    if (kind !== "film" && kind !== "tv") fail(`kind "${kind}" is neither film nor tv`);
    const title = cell("title") || fail("title is empty");
    const date = cell("release_date");
    if (date && !parseIsoDate(date)) fail(`release_date "${date}" is not a date (YYYY-MM-DD)`);
    const runtime = cell("runtime_minutes");
    if (runtime && !WHOLE.test(runtime)) fail(`runtime_minutes "${runtime}" is not a whole number`);
    const global = cell("available_globally");
    if (global !== "Yes" && global !== "No")
      fail(`available_globally "${global}" is neither Yes nor No`);
    const hours = cell("hours_viewed");
    if (!DECIMAL.test(hours)) fail(`hours_viewed "${hours}" is not a number`);
    const views = cell("views");
    if (views && !DECIMAL.test(views)) fail(`views "${views}" is not a number`);
    if (failed || !period || !title) continue;

    const row: EngagementRow = {
      line,
      kind: kind as EngagementKind,
      title,
      ...splitTitle(title),
      availableGlobally: global === "Yes",
      releaseDate: date || null,
      hoursViewed: Number(hours),
      runtimeMinutes: runtime ? Number(runtime) : null,
      views: views ? Number(views) : null,
    };
    let report = reports.get(period.id);
    if (!report) reports.set(period.id, (report = { period, rows: [] }));
    report.rows.push(row);
  }
  if (problems.length > 0) throw new EngagementParseError(fileName, problems);
  return [...reports.values()];
}
