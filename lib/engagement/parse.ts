/**
 * Parses Netflix's twice-yearly engagement reports ("What We Watched"): one workbook per
 * half-year with a `Film` and a `TV` sheet (format in the shared data's SOURCE.md). Netflix's own
 * editions put a few introductory rows above the header and the oldest lack Runtime and Views, so
 * the header is searched for and columns are looked up by name, never by position.
 */
import { langForText } from "../script";
import { normalizeTitle } from "../top10/match";
import { parseIsoDate } from "../top10/week";

export type EngagementKind = "film" | "tv";

export type EngagementRow = {
  /** 1-based row in the sheet (or line in an extract). */
  line: number;
  kind: EngagementKind;
  /** Exactly as printed: `Ballerina // 발레리나`, `Squid Game: Season 1 // 오징어 게임: 시즌 1`. */
  title: string;
  /** The part before ` // `, without a trailing ` (YYYY)`. TV titles keep their season. */
  englishTitle: string;
  /** The part after ` // `; Chinese titles carry a second ` // ` (traditional // simplified). */
  originalTitle: string | null;
  /** From a trailing ` (2016)` on the English part, which Netflix adds to tell namesakes apart. */
  yearInTitle: number | null;
  /** ISO 639-1, only when the original title's script names one language. */
  originalLanguage: string | null;
  availableGlobally: boolean;
  /** YYYY-MM-DD; Netflix's premiere date, usually empty for licensed titles. */
  releaseDate: string | null;
  hoursViewed: number;
  runtimeMinutes: number | null;
  views: number | null;
};

export type EngagementPeriod = {
  /** `2023H2` */
  id: string;
  /** `2023-07-01` */
  start: string;
  /** `2023-12-31` */
  end: string;
  /** `Jul–Dec 2023` */
  label: string;
};

export type EngagementSheet = { sheet: string; data: unknown[][] };

export type EngagementReport = { period: EngagementPeriod; rows: EngagementRow[] };

export type EngagementProblem = { sheet?: string; line: number; problem: string };

/** `file[sheet]:line: what` per problem; line 0 is the workbook as a whole. */
export class EngagementParseError extends Error {
  constructor(
    readonly file: string,
    readonly problems: EngagementProblem[],
  ) {
    super(
      problems
        .map((p) => `${file}${p.sheet === undefined ? "" : `[${p.sheet}]`}:${p.line}: ${p.problem}`)
        .join("\n"),
    );
    this.name = "EngagementParseError";
  }
}

export const MAX_PROBLEMS = 20;

// ─── Periods ────────────────────────────────────────────────────────────────────────────────────

const HALVES = {
  1: { months: "Jan–Jun", start: "01-01", end: "06-30" },
  2: { months: "Jul–Dec", start: "07-01", end: "12-31" },
} as const;

export function engagementPeriod(year: number, half: 1 | 2): EngagementPeriod {
  const h = HALVES[half];
  return {
    id: `${year}H${half}`,
    start: `${year}-${h.start}`,
    end: `${year}-${h.end}`,
    label: `${h.months} ${year}`,
  };
}

/** `2023H2` → Jul–Dec 2023; anything else → null. */
export function periodFromId(id: string): EngagementPeriod | null {
  const m = /^(\d{4})H([12])$/.exec(id);
  return m ? engagementPeriod(Number(m[1]), m[2] === "1" ? 1 : 2) : null;
}

const YEAR = String.raw`(?<!\d)(20\d\d)(?!\d)`;
const HALF = String.raw`(?<![a-z])(jan(?:uary)?[\s_.–-]*(?:to[\s_.-]*)?june?|july?[\s_.–-]*(?:to[\s_.-]*)?dec(?:ember)?|h[12])(?![a-z])`;
const YEAR_THEN_HALF = new RegExp(`${YEAR}[\\s_.-]*${HALF}`, "g");
const HALF_THEN_YEAR = new RegExp(`${HALF}[\\s_.-]*${YEAR}`, "g");

function periodsIn(name: string, pattern: RegExp, yearFirst: boolean): Set<string> {
  const ids = new Set<string>();
  for (const m of name.matchAll(pattern)) {
    const [year, half] = yearFirst ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
    ids.add(`${year}H${/^(jul|h2)/.test(half) ? 2 : 1}`);
  }
  return ids;
}

/**
 * Netflix names its workbooks `..._2023Jul-Dec.xlsx`; copies get renamed (`2023_Jul-Dec`,
 * `2023-H2`, `Jul-Dec 2023`). Year-first wins when a name holds both orders (`2023Jul-Dec_2024…`).
 * Null when no half-year, or more than one, is named.
 */
export function periodFromFileName(name: string): EngagementPeriod | null {
  const base = name.replace(/^.*[\\/]/, "").toLowerCase();
  for (const [pattern, yearFirst] of [
    [YEAR_THEN_HALF, true],
    [HALF_THEN_YEAR, false],
  ] as const) {
    const ids = periodsIn(base, pattern, yearFirst);
    if (ids.size === 1) return periodFromId([...ids][0]!);
    if (ids.size > 1) return null;
  }
  return null;
}

// ─── Titles ─────────────────────────────────────────────────────────────────────────────────────

const SEPARATOR = /\s+\/\/\s+/;
const TRAILING_YEAR = /\s+\(((?:18|19|20)\d\d)\)$/;
/**
 * langForText's answers that pin down one language. Han without kana may be Chinese or Japanese,
 * Cyrillic Russian or Ukrainian (both occur), Devanagari Hindi or Marathi, Arabic script Arabic,
 * Persian or Urdu: those stay unknown rather than guessed.
 */
const UNAMBIGUOUS_SCRIPTS = new Set(["ko", "ja", "th", "he"]);

export type TitleParts = Pick<
  EngagementRow,
  "englishTitle" | "originalTitle" | "yearInTitle" | "originalLanguage"
>;

export function splitTitle(title: string): TitleParts {
  const at = SEPARATOR.exec(title);
  const english = (at ? title.slice(0, at.index) : title).trim();
  const original = at ? title.slice(at.index + at[0].length).trim() || null : null;
  const year = TRAILING_YEAR.exec(english);
  const language = langForText(original);
  return {
    englishTitle: year ? english.slice(0, year.index) : english,
    originalTitle: original,
    yearInTitle: year ? Number(year[1]) : null,
    originalLanguage: language && UNAMBIGUOUS_SCRIPTS.has(language) ? language : null,
  };
}

// ─── Sheets ─────────────────────────────────────────────────────────────────────────────────────

const SHEETS: { kind: EngagementKind; name: string; pattern: RegExp }[] = [
  { kind: "film", name: "Film", pattern: /^films?$/i },
  { kind: "tv", name: "TV", pattern: /^tv$/i },
];
const HEADER_SEARCH_ROWS = 20;
const COLUMN = {
  title: "Title",
  global: "Available Globally?",
  releaseDate: "Release Date",
  hours: "Hours Viewed",
  runtime: "Runtime",
  views: "Views",
} as const;
type Column = keyof typeof COLUMN;
const REQUIRED: Column[] = ["title", "global", "hours"];

/** Header cells compared without case, spacing or punctuation: `Available Globally?` = `AVAILABLE GLOBALLY`. */
const headerKey = (value: unknown) =>
  typeof value === "string" ? value.toLowerCase().replace(/[^a-z0-9]+/g, "") : "";
const KEY = Object.fromEntries(
  Object.entries(COLUMN).map(([column, label]) => [column, headerKey(label)]),
) as Record<Column, string>;

type Header = { index: number; columns: Partial<Record<Column, number>> };

function findHeader(data: unknown[][]): Header | null {
  for (let i = 0; i < Math.min(HEADER_SEARCH_ROWS, data.length); i++) {
    const keys = (data[i] ?? []).map(headerKey);
    if (!keys.includes(KEY.title) || !keys.includes(KEY.hours)) continue;
    const columns: Header["columns"] = {};
    for (const column of Object.keys(COLUMN) as Column[]) {
      const at = keys.indexOf(KEY[column]);
      if (at >= 0) columns[column] = at;
    }
    return { index: i, columns };
  }
  return null;
}

function findSheet(sheets: EngagementSheet[], pattern: RegExp): EngagementSheet | undefined {
  return sheets.find((s) => pattern.test(s.sheet.trim()));
}

export function isEngagementWorkbook(sheets: EngagementSheet[]): boolean {
  return SHEETS.every(({ pattern }) => {
    const sheet = findSheet(sheets, pattern);
    return sheet !== undefined && findHeader(sheet.data) !== null;
  });
}

const isBlank = (value: unknown) =>
  value === null || value === undefined || (typeof value === "string" && value.trim() === "");

const show = (value: unknown) =>
  value instanceof Date ? value.toISOString() : (JSON.stringify(value) ?? String(value));

class Problems {
  list: EngagementProblem[] = [];
  constructor(private readonly file: string) {}
  add(problem: EngagementProblem) {
    if (this.list.length < MAX_PROBLEMS) this.list.push(problem);
  }
  get full() {
    return this.list.length >= MAX_PROBLEMS;
  }
  throwIfAny() {
    if (this.list.length > 0) throw new EngagementParseError(this.file, this.list);
  }
}

function readSheet(
  kind: EngagementKind,
  sheet: EngagementSheet,
  problems: Problems,
): EngagementRow[] {
  const at = (line: number, problem: string) => problems.add({ sheet: sheet.sheet, line, problem });
  const header = findHeader(sheet.data);
  if (!header) {
    at(
      1,
      `no header row with "${COLUMN.title}" and "${COLUMN.hours}" in the first ${HEADER_SEARCH_ROWS} rows`,
    );
    return [];
  }
  const missing = REQUIRED.filter((c) => header.columns[c] === undefined);
  if (missing.length > 0) {
    at(
      header.index + 1,
      `the header lacks ${missing.map((c) => `"${COLUMN[c]}"`).join(", ")} (required columns: ${REQUIRED.map((c) => COLUMN[c]).join(", ")})`,
    );
    return [];
  }

  const rows: EngagementRow[] = [];
  for (let i = header.index + 1; i < sheet.data.length && !problems.full; i++) {
    const cells = sheet.data[i] ?? [];
    // Spacer rows carry nothing; read-excel-file already drops the trailing ones.
    if (cells.every(isBlank)) continue;
    const line = i + 1;
    let failed = false;
    const fail = (problem: string) => {
      failed = true;
      at(line, problem);
      return null;
    };
    const cell = (column: Column): unknown => {
      const index = header.columns[column];
      return index === undefined ? null : cells[index];
    };

    const titleCell = cell("title");
    const title =
      typeof titleCell === "string"
        ? titleCell.trim()
        : typeof titleCell === "number" // a title like `1917` may be stored as a number
          ? String(titleCell)
          : "";
    if (!title) fail(`${COLUMN.title} is empty`);
    const row: EngagementRow = {
      line,
      kind,
      title,
      ...splitTitle(title),
      availableGlobally: yesNo(cell("global"), fail) ?? false,
      releaseDate: isoDate(cell("releaseDate"), fail),
      hoursViewed: count(cell("hours"), COLUMN.hours, fail) ?? 0,
      runtimeMinutes: runtime(cell("runtime"), fail),
      views: isBlank(cell("views")) ? null : count(cell("views"), COLUMN.views, fail),
    };
    if (!failed) rows.push(row);
  }
  return rows;
}

type Fail = (problem: string) => null;

function yesNo(value: unknown, fail: Fail): boolean | null {
  if (typeof value === "boolean") return value;
  if (isBlank(value)) return fail(`${COLUMN.global} is empty`);
  const text = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (text === "yes") return true;
  if (text === "no") return false;
  return fail(`${COLUMN.global} ${show(value)} is neither Yes nor No`);
}

function isoDate(value: unknown, fail: Fail): string | null {
  if (isBlank(value)) return null;
  // read-excel-file turns date-formatted cells into Dates at UTC midnight
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? fail(`${COLUMN.releaseDate} is an invalid date`)
      : value.toISOString().slice(0, 10);
  }
  const text = typeof value === "string" ? value.trim() : "";
  if (!parseIsoDate(text))
    return fail(`${COLUMN.releaseDate} ${show(value)} is not a date (YYYY-MM-DD)`);
  return text;
}

const NUMBER = /^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;

function count(value: unknown, name: string, fail: Fail): number | null {
  if (isBlank(value)) return fail(`${name} is empty`);
  let n: number | null = null;
  if (typeof value === "number") n = value;
  else if (typeof value === "string" && NUMBER.test(value.trim()))
    n = Number(value.trim().replace(/,/g, ""));
  if (n === null || !Number.isFinite(n)) return fail(`${name} ${show(value)} is not a number`);
  if (n < 0) return fail(`${name} ${n} is negative`);
  return n;
}

/**
 * `1:34` → 94; `7:34:30` → 455. Netflix prints runtimes as text, hours over 24 included, and `*`
 * for some TV seasons it gives no single runtime for (their views are given all the same).
 */
function runtime(value: unknown, fail: Fail): number | null {
  if (isBlank(value) || (typeof value === "string" && value.trim() === "*")) return null;
  const m =
    typeof value === "string" ? /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(value.trim()) : null;
  if (!m) return fail(`${COLUMN.runtime} ${show(value)} is not a duration (H:MM)`);
  return Math.round(Number(m[1]) * 60 + Number(m[2]) + Number(m[3] ?? 0) / 60);
}

/**
 * Reads both sheets of one report. Rows come film first, then TV, whatever the sheet order.
 * Throws an EngagementParseError listing up to MAX_PROBLEMS problems when anything is wrong.
 */
export function parseEngagementWorkbook(
  fileName: string,
  sheets: EngagementSheet[],
): EngagementReport {
  const problems = new Problems(fileName);
  const period = periodFromFileName(fileName);
  if (!period) {
    problems.add({
      line: 0,
      problem:
        "the file name names no half-year (expected e.g. What_We_Watched_A_Netflix_Engagement_Report_2023Jul-Dec.xlsx)",
    });
  }
  const rows: EngagementRow[] = [];
  for (const { kind, name, pattern } of SHEETS) {
    const sheet = findSheet(sheets, pattern);
    if (!sheet) {
      problems.add({
        line: 0,
        problem: `no sheet named "${name}" (sheets: ${sheets.map((s) => `"${s.sheet}"`).join(", ") || "none"})`,
      });
      continue;
    }
    rows.push(...readSheet(kind, sheet, problems));
  }
  problems.throwIfAny();
  return { period: period!, rows }; // a missing period was reported above
}

/**
 * The keys (normalised titles) a row may be printed under in the Top 10 files: with and without
 * its year, since the Top 10 prints some titles with one (`Death Wish (2018)`,
 * `Hunter X Hunter (2011): Season 5`) and most without (`Ballerina`; `Suits: Season 1` for the
 * report's `Suits (2011): Season 1`).
 */
export function titleKeys(row: Pick<EngagementRow, "englishTitle" | "yearInTitle">): string[] {
  const keys = [row.englishTitle];
  if (row.yearInTitle !== null) keys.push(`${row.englishTitle} (${row.yearInTitle})`);
  const withoutSeasonYear = row.englishTitle.replace(/\s+\((?:18|19|20)\d\d\)(?=:)/, "");
  if (withoutSeasonYear !== row.englishTitle) keys.push(withoutSeasonYear);
  return [...new Set(keys.map(normalizeTitle))];
}
