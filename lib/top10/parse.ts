/**
 * Parses Netflix's published Top 10 files (formats and their history in the README's data notes):
 * the global weekly lists, the per-country lists and the all-time most popular lists. Columns are
 * looked up by header name, never by position, because Netflix has changed them several times.
 */
import { listByCategory, type ListSlug } from "./lists";
import { isSunday, parseIsoDate } from "./week";

export type GlobalRow = {
  line: number;
  week: string;
  list: ListSlug;
  rank: number;
  showTitle: string;
  seasonTitle: string | null;
  hoursViewed: number;
  runtimeHours: number | null;
  views: number | null;
  cumulativeWeeks: number;
};

export type CountryRow = {
  line: number;
  countryName: string;
  countryIso2: string;
  week: string;
  category: "films" | "tv";
  rank: number;
  showTitle: string;
  seasonTitle: string | null;
  cumulativeWeeks: number;
};

export type MostPopularRow = {
  line: number;
  list: ListSlug;
  rank: number;
  showTitle: string;
  seasonTitle: string | null;
  hoursViewed: number;
  runtimeHours: number | null;
  views: number | null;
  /** 28 before June 2023 (hours only), 91 since. */
  windowDays: 28 | 91;
};

export type ParsedTop10File =
  | { kind: "global"; rows: GlobalRow[]; ignoredColumns: string[] }
  | { kind: "countries"; rows: CountryRow[]; ignoredColumns: string[] }
  | { kind: "most-popular"; rows: MostPopularRow[]; ignoredColumns: string[] };

export type Top10FileKind = ParsedTop10File["kind"];

export class Top10ParseError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { line: number; problem: string }[],
  ) {
    super(problems.map((p) => `${file}:${p.line}: ${p.problem}`).join("\n"));
    this.name = "Top10ParseError";
  }
}

export type Top10Row = GlobalRow | CountryRow | MostPopularRow;

const GLOBAL_REQUIRED = [
  "week",
  "category",
  "weekly_rank",
  "show_title",
  "season_title",
  "weekly_hours_viewed",
  "cumulative_weeks_in_top_10",
];
const GLOBAL_OPTIONAL = [
  "runtime",
  "weekly_views",
  "is_staggered_launch",
  "episode_launch_details",
  "runtime_override_flag",
  "episode_launch_dtls",
];
const COUNTRY_REQUIRED = [
  "country_name",
  "country_iso2",
  "week",
  "category",
  "weekly_rank",
  "show_title",
  "season_title",
  "cumulative_weeks_in_top_10",
];
const POPULAR_REQUIRED = ["category", "rank", "show_title", "season_title"];
const POPULAR_OPTIONAL = [
  "hours_viewed_first_91_days",
  "hours_viewed_first_28_days",
  "runtime",
  "views_first_91_days",
];

/** The columns each kind of file cannot do without (most-popular also needs one hours column). */
export const REQUIRED_COLUMNS: Record<Top10FileKind, readonly string[]> = {
  global: GLOBAL_REQUIRED,
  countries: COUNTRY_REQUIRED,
  "most-popular": POPULAR_REQUIRED,
};

/** Problems kept for the message: past this many, more would not help whoever fixes the file. */
export const MAX_PROBLEMS = 20;

export function detectKind(header: string[]): { kind: Top10FileKind; known: string[] } | null {
  const has = (cols: string[]) => cols.every((c) => header.includes(c));
  if (has(COUNTRY_REQUIRED)) return { kind: "countries", known: COUNTRY_REQUIRED };
  if (has(GLOBAL_REQUIRED))
    return { kind: "global", known: [...GLOBAL_REQUIRED, ...GLOBAL_OPTIONAL] };
  if (
    has(POPULAR_REQUIRED) &&
    (header.includes("hours_viewed_first_91_days") || header.includes("hours_viewed_first_28_days"))
  ) {
    return { kind: "most-popular", known: [...POPULAR_REQUIRED, ...POPULAR_OPTIONAL] };
  }
  return null;
}

/** Splits TSV text into rows of cells: tolerates a BOM, CRLF and a missing final newline. */
export function splitTsv(text: string): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => l.split("\t"));
}

export class RowReader {
  problems: { line: number; problem: string }[] = [];
  /** Every failure, counted even past the ones kept for the message. */
  failures = 0;
  constructor(
    private readonly columns: Map<string, number>,
    private cells: string[] = [],
    public line = 0,
  ) {}
  at(cells: string[], line: number) {
    this.cells = cells;
    this.line = line;
    return this;
  }
  fail(problem: string) {
    this.failures++;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ line: this.line, problem });
    return null;
  }
  /** The header name of column `i` (0-based). */
  columnName(i: number): string {
    for (const [name, j] of this.columns) if (j === i) return name;
    return `column ${i + 1}`;
  }
  raw(name: string): string | undefined {
    const i = this.columns.get(name);
    return i === undefined ? undefined : this.cells[i]?.trim();
  }
  text(name: string): string | null {
    const v = this.raw(name);
    return v ? v : this.fail(`${name} is empty`);
  }
  week(): string | null {
    const v = this.raw("week") ?? "";
    if (!parseIsoDate(v)) return this.fail(`week "${v}" is not a date (YYYY-MM-DD)`);
    if (!isSunday(v)) return this.fail(`week ${v} is not a Sunday (Netflix weeks end on Sunday)`);
    return v;
  }
  integer(name: string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number | null {
    const v = this.raw(name) ?? "";
    if (!/^\d+(\.0+)?$/.test(v)) return this.fail(`${name} "${v}" is not a whole number`);
    const n = Number(v);
    if (n < min || n > max) return this.fail(`${name} ${n} is outside ${min}–${max}`);
    return n;
  }
  optionalInteger(name: string): number | null | undefined {
    const v = this.raw(name);
    if (v === undefined || v === "") return null;
    return this.integer(name) ?? undefined;
  }
  optionalDecimal(name: string): number | null | undefined {
    const v = this.raw(name);
    if (v === undefined || v === "") return null;
    if (!/^\d+(\.\d+)?$/.test(v)) {
      this.fail(`${name} "${v}" is not a number`);
      return undefined;
    }
    return Number(v);
  }
  season(): string | null {
    const v = this.raw("season_title") ?? "";
    return v === "" || v === "N/A" ? null : v;
  }
}

/**
 * Reads the header row. `only`: it is the file's only row, which makes a lone `null` or an empty
 * cell a failed download rather than an unknown header.
 */
export function readHeader(file: string, first: string[] | undefined, only: boolean) {
  if (!first || (only && first.length === 1 && first[0]?.trim() === "")) {
    throw new Top10ParseError(file, [{ line: 1, problem: "the file is empty" }]);
  }
  if (only && first.length === 1 && first[0]?.trim() === "null") {
    throw new Top10ParseError(file, [
      { line: 1, problem: 'the file holds "null" instead of data (a failed download?)' },
    ]);
  }
  const header = first.map((h) => h.trim());
  const detected = detectKind(header);
  if (!detected) {
    throw new Top10ParseError(file, [
      {
        line: 1,
        problem: `unknown header "${header.join("\t")}": not a Netflix Top 10 global, countries or most-popular file`,
      },
    ]);
  }
  return {
    kind: detected.kind,
    width: header.length,
    columns: new Map(header.map((h, i) => [h, i])),
    ignoredColumns: header.filter((h) => !detected.known.includes(h)),
  };
}

/** Reads one data row of `width` cells; null, with the problem noted in `r`, when it is not valid. */
export function readLine(
  kind: Top10FileKind,
  r: RowReader,
  cells: string[],
  line: number,
  width: number,
): Top10Row | null {
  r.at(cells, line);
  if (cells.length === 1 && cells[0]!.trim() === "") return r.fail("empty line");
  if (cells.length !== width) {
    return r.fail(
      `expected ${width} columns, found ${cells.length}${cells.length < width ? " (a truncated row?)" : ""}`,
    );
  }
  // PostgreSQL refuses NUL in text: a title holding one would fail the import's transaction
  // with a database error instead of this line's problem
  const nul = cells.findIndex((c) => c.includes("\u0000"));
  if (nul !== -1) return r.fail(`${r.columnName(nul)} holds a NUL character (not a text file?)`);
  return readRow(kind, r, line);
}

export const duplicateProblem = (rank: number, earlier: number) =>
  `rank ${rank} appears twice for the same list and week (also on line ${earlier})`;

/** Parses a table whose first row is the header; row i is on line i + 1. */
export function parseTop10Table(file: string, table: string[][]): ParsedTop10File {
  const { kind, width, columns, ignoredColumns } = readHeader(file, table[0], table.length === 1);
  const r = new RowReader(columns);
  const seen = new Map<string, number>();
  const rows: Top10Row[] = [];

  for (let i = 1; i < table.length; i++) {
    const line = i + 1;
    const row = readLine(kind, r, table[i]!, line, width);
    if (!row) continue;
    const key =
      kind === "countries"
        ? `${(row as CountryRow).countryIso2} ${(row as CountryRow).week} ${(row as CountryRow).category} ${row.rank}`
        : kind === "global"
          ? `${(row as GlobalRow).week} ${(row as GlobalRow).list} ${row.rank}`
          : `${(row as MostPopularRow).list} ${row.rank}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      r.fail(duplicateProblem(row.rank, earlier));
      continue;
    }
    seen.set(key, line);
    rows.push(row);
    if (r.problems.length >= MAX_PROBLEMS) break;
  }
  if (r.problems.length > 0) throw new Top10ParseError(file, r.problems);
  return { kind, rows, ignoredColumns } as ParsedTop10File;
}

function readRow(kind: Top10FileKind, r: RowReader, line: number): Top10Row | null {
  const before = r.failures;
  if (kind === "global") {
    const categoryText = r.raw("category") ?? "";
    const list = listByCategory(categoryText);
    if (!list) return r.fail(`unknown category "${categoryText}"`);
    const row: GlobalRow = {
      line,
      week: r.week() ?? "",
      list: list.slug,
      rank: r.integer("weekly_rank", { min: 1, max: 10 }) ?? 0,
      showTitle: r.text("show_title") ?? "",
      seasonTitle: list.kind === "film" ? null : r.season(),
      hoursViewed: r.integer("weekly_hours_viewed") ?? 0,
      runtimeHours: r.optionalDecimal("runtime") ?? null,
      views: r.optionalInteger("weekly_views") ?? null,
      cumulativeWeeks: r.integer("cumulative_weeks_in_top_10", { min: 1 }) ?? 0,
    };
    return r.failures === before ? row : null;
  }
  if (kind === "countries") {
    const categoryText = r.raw("category") ?? "";
    if (categoryText !== "Films" && categoryText !== "TV")
      return r.fail(`unknown category "${categoryText}" (expected Films or TV)`);
    const iso = r.raw("country_iso2") ?? "";
    if (!/^[A-Z]{2}$/.test(iso))
      return r.fail(`country_iso2 "${iso}" is not a two-letter country code`);
    const row: CountryRow = {
      line,
      countryName: r.text("country_name") ?? "",
      countryIso2: iso,
      week: r.week() ?? "",
      category: categoryText === "Films" ? "films" : "tv",
      rank: r.integer("weekly_rank", { min: 1, max: 10 }) ?? 0,
      showTitle: r.text("show_title") ?? "",
      seasonTitle: categoryText === "Films" ? null : r.season(),
      cumulativeWeeks: r.integer("cumulative_weeks_in_top_10", { min: 1 }) ?? 0,
    };
    return r.failures === before ? row : null;
  }
  const categoryText = r.raw("category") ?? "";
  const list = listByCategory(categoryText);
  if (!list) return r.fail(`unknown category "${categoryText}"`);
  const windowDays = r.raw("hours_viewed_first_91_days") !== undefined ? 91 : 28;
  const row: MostPopularRow = {
    line,
    list: list.slug,
    rank: r.integer("rank", { min: 1, max: 10 }) ?? 0,
    showTitle: r.text("show_title") ?? "",
    seasonTitle: list.kind === "film" ? null : r.season(),
    hoursViewed:
      r.integer(windowDays === 91 ? "hours_viewed_first_91_days" : "hours_viewed_first_28_days") ??
      0,
    runtimeHours: r.optionalDecimal("runtime") ?? null,
    views: r.optionalInteger("views_first_91_days") ?? null,
    windowDays,
  };
  return r.failures === before ? row : null;
}

export function parseTop10Tsv(file: string, text: string): ParsedTop10File {
  return parseTop10Table(file, splitTsv(text));
}
