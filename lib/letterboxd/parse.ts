/**
 * Parses the CSV files of a Letterboxd export. Columns are looked up by header name, never by
 * position; a file whose header lacks a column is refused as not Letterboxd's, and a bad value
 * is reported as `file:line: what`.
 */
import { CsvError, parse } from "csv-parse/sync";
import { starsToHalfStars } from "../rating";
import { reviewToText } from "./html";
import { LetterboxdError, type LetterboxdFile } from "./read";

type Base = {
  /** 1-based line the row starts on (a review may run over several lines). */
  line: number;
  /** YYYY-MM-DD: when the row was logged, rated or added. */
  date: string;
  name: string;
  year: number | null;
  uri: string;
};
export type DiaryRow = Base & {
  /** Half stars 1–10. */
  rating: number | null;
  rewatch: boolean;
  tags: string[];
  watchedDate: string | null;
};
export type RatingRow = Base & { rating: number };
export type ReviewRow = DiaryRow & { review: string };
export type WatchedRow = Base;
export type WatchlistRow = Base;

export type LetterboxdExport = {
  diary: DiaryRow[];
  ratings: RatingRow[];
  reviews: ReviewRow[];
  watched: WatchedRow[];
  watchlist: WatchlistRow[];
};

export const emptyExport = (): LetterboxdExport => ({
  diary: [],
  ratings: [],
  reviews: [],
  watched: [],
  watchlist: [],
});

/** The columns Letterboxd writes to each file, in its order. */
export const LETTERBOXD_COLUMNS = {
  "diary.csv": [
    "Date",
    "Name",
    "Year",
    "Letterboxd URI",
    "Rating",
    "Rewatch",
    "Tags",
    "Watched Date",
  ],
  "ratings.csv": ["Date", "Name", "Year", "Letterboxd URI", "Rating"],
  "reviews.csv": [
    "Date",
    "Name",
    "Year",
    "Letterboxd URI",
    "Rating",
    "Rewatch",
    "Review",
    "Tags",
    "Watched Date",
  ],
  "watched.csv": ["Date", "Name", "Year", "Letterboxd URI"],
  "watchlist.csv": ["Date", "Name", "Year", "Letterboxd URI"],
} as const satisfies Record<LetterboxdFile, readonly string[]>;

/** Problems kept for the message; a file with this many is not read further. */
export const MAX_PROBLEMS = 20;
/** Reelrank keeps at most this many tags on a diary entry; Letterboxd's extra ones are dropped. */
export const MAX_TAGS = 20;

const isRealDate = (d: string) => {
  const ms = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
};

/** Parses one CSV file of the export; throws LetterboxdError with line-numbered problems. */
export function parseLetterboxdCsv<F extends LetterboxdFile>(
  file: F,
  text: string,
  today: string = new Date().toISOString().slice(0, 10),
): LetterboxdExport[keyof LetterboxdExport] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse<{ record: Record<string, string>; info: { lines: number } }>(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim()),
      skip_empty_lines: true,
      relax_column_count: false,
      info: true,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new LetterboxdError([`${file}:${line ?? 1}: ${error.message}`]);
    }
    throw error;
  }
  const required = LETTERBOXD_COLUMNS[file];
  const header = records[0] ? Object.keys(records[0].record) : firstLine(text);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length)
    throw new LetterboxdError([
      `${file}: expected columns ${required.join(", ")} — this doesn't look like a Letterboxd export (missing ${missing.join(", ")}).`,
    ]);

  const problems: string[] = [];
  const rows = [];
  // tomorrow: a date logged late in the day somewhere east of here is not "in the future"
  const latest = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  for (const { record, info } of records) {
    if (problems.length >= MAX_PROBLEMS) break;
    // info.lines is the line the record ends on; a review over several lines starts earlier
    const line = info.lines - countLineBreaks(record);
    const problem = (what: string) => problems.push(`${file}:${line}: ${what}`);
    const get = (c: string) => (record[c] ?? "").trim();
    const date = (column: string, optional: boolean): string | null => {
      const v = get(column);
      if (!v) {
        if (!optional) problem(`${column} is empty.`);
        return null;
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || !isRealDate(v)) {
        problem(`${column} "${v}" is not a date (YYYY-MM-DD).`);
        return null;
      }
      if (v > latest) {
        problem(`${column} ${v} is in the future.`);
        return null;
      }
      return v;
    };
    const rating = (optional: boolean): number | null => {
      const v = get("Rating");
      if (!v) {
        if (!optional) problem("Rating is empty.");
        return null;
      }
      const half = starsToHalfStars(v);
      if (half == null) problem(`Rating "${v}" is not 0.5 to 5 stars in half stars.`);
      return half;
    };

    const name = record["Name"] ?? "";
    if (!name.trim()) problem("Name is empty.");
    const yearText = get("Year");
    let year: number | null = null;
    if (yearText) {
      if (/^\d{4}$/.test(yearText)) year = Number(yearText);
      else problem(`Year "${yearText}" is not a year.`);
    }
    const base = {
      line,
      date: date("Date", false) ?? "",
      name: name.trim(),
      year,
      uri: get("Letterboxd URI"),
    };
    if (file === "ratings.csv") {
      rows.push({ ...base, rating: rating(false) ?? 0 });
    } else if (file === "diary.csv" || file === "reviews.csv") {
      const rewatch = get("Rewatch");
      if (rewatch !== "" && rewatch !== "Yes" && rewatch !== "No")
        problem(`Rewatch "${rewatch}" is neither Yes nor empty.`);
      const diary = {
        ...base,
        rating: rating(true),
        rewatch: rewatch === "Yes",
        tags: splitTags(get("Tags")),
        watchedDate: date("Watched Date", true),
      };
      rows.push(
        file === "reviews.csv" ? { ...diary, review: reviewToText(record["Review"] ?? "") } : diary,
      );
    } else {
      rows.push(base);
    }
  }
  if (problems.length) throw new LetterboxdError(problems);
  return rows as LetterboxdExport[keyof LetterboxdExport];
}

function firstLine(text: string): string[] {
  return (text.replace(/^\ufeff/, "").split(/\r?\n/, 1)[0] ?? "").split(",").map((h) => h.trim());
}

function countLineBreaks(record: Record<string, string>): number {
  let n = 0;
  for (const v of Object.values(record)) n += (v.match(/\r\n|\r|\n/g) ?? []).length;
  return n;
}

/** `"horror, favourites,  2024"` → `["horror", "favourites", "2024"]`, without repeats. */
export function splitTags(text: string): string[] {
  const tags = [
    ...new Set(
      text
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
  return tags.slice(0, MAX_TAGS);
}

const KEYS = {
  "diary.csv": "diary",
  "ratings.csv": "ratings",
  "reviews.csv": "reviews",
  "watched.csv": "watched",
  "watchlist.csv": "watchlist",
} as const satisfies Record<LetterboxdFile, keyof LetterboxdExport>;

/** Parses every file of an upload; the problems of all files are reported together. */
export function parseExport(files: Map<LetterboxdFile, string>, today?: string): LetterboxdExport {
  const out = emptyExport();
  const problems: string[] = [];
  for (const [file, text] of files) {
    try {
      (out[KEYS[file]] as unknown[]) = parseLetterboxdCsv(file, text, today);
    } catch (error) {
      if (error instanceof LetterboxdError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length) throw new LetterboxdError(problems.slice(0, MAX_PROBLEMS));
  return out;
}

/** Rows in the export, all files together: what an import goes through. */
export const rowCount = (e: LetterboxdExport) =>
  e.diary.length + e.ratings.length + e.reviews.length + e.watched.length + e.watchlist.length;
