/**
 * Parses netflix_titles.csv, the 2021 Kaggle catalogue snapshot (format in the shared data's
 * SOURCE.md): one row per film or show, with comma-separated director, cast, country and genre
 * lists. Columns are looked up by header name, never by position, because re-saved copies of the
 * file circulate with columns moved or added.
 */
import { CsvError, parse } from "csv-parse/sync";
import type { CastFacts, FilmFacts, PersonFacts } from "../enrich/types";
import { parseIsoDate } from "../top10/week";

export type CatalogueRow = {
  /** 1-based line the row starts on (a quoted description may run over several lines). */
  line: number;
  /** `s1` … `s8807`: the dataset's row id, not a Netflix title id. */
  showId: string;
  kind: "film" | "tv";
  title: string;
  directors: string[];
  cast: string[];
  /** Production countries as printed: `South Korea`, `West Germany`. */
  countries: string[];
  /** ISO 3166-1 alpha-2 of those that still have one (see countryCode), without repeats. */
  countryCodes: string[];
  /** YYYY-MM-DD, the day the title was added to Netflix. */
  dateAdded: string | null;
  releaseYear: number | null;
  /** Maturity rating: `TV-MA`, `PG-13`, `NR`… */
  rating: string | null;
  /** Films only: `90 min` → 90. */
  runtimeMinutes: number | null;
  /** TV only: `2 Seasons` → 2. */
  seasons: number | null;
  /** Netflix's genre labels (`listed_in`). */
  genres: string[];
  description: string | null;
};

export class CatalogueParseError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { line: number; problem: string }[],
  ) {
    super(problems.map((p) => `${file}:${p.line}: ${p.problem}`).join("\n"));
    this.name = "CatalogueParseError";
  }
}

/** Problems kept for the message; a file with this many is not read further. */
export const MAX_PROBLEMS = 20;

export const CATALOGUE_COLUMNS = [
  "show_id",
  "type",
  "title",
  "director",
  "cast",
  "country",
  "date_added",
  "release_year",
  "rating",
  "duration",
  "listed_in",
  "description",
] as const;
type Column = (typeof CATALOGUE_COLUMNS)[number];

// ─── Countries ──────────────────────────────────────────────────────────────────────────────────

/**
 * Country names the file uses that Intl.DisplayNames (English) does not print. `null`: a country
 * that no longer exists and has no ISO 3166-1 code of its own; its successor is not assumed.
 */
export const COUNTRY_OVERRIDES: Readonly<Record<string, string | null>> = {
  "Czech Republic": "CZ", // CLDR: Czechia
  Turkey: "TR", // CLDR 42+: Türkiye
  "East Germany": null,
  "West Germany": null,
  "Soviet Union": null,
};

/**
 * Codes CLDR names that are not assigned ISO 3166-1 countries: exceptionally reserved (`EU`,
 * `UN`, `AC`…) and user-assigned (`AA`, `QM`–`QZ`, `XA`–`XZ` such as Kosovo's `XK`, `ZZ`).
 */
const NOT_ISO = new Set(["AA", "AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "TA", "UN", "ZZ"]);

let intlCodes: Map<string, string> | undefined;

/** English name → code for every current region code, in the long and short styles. */
function intlCountryCodes(): Map<string, string> {
  if (intlCodes) return intlCodes;
  intlCodes = new Map();
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (const style of ["long", "short"] as const) {
    const names = new Intl.DisplayNames("en", { type: "region", style, fallback: "none" });
    for (const a of letters) {
      for (const b of letters) {
        const code = a + b;
        if (a === "X" || (a === "Q" && b >= "M") || NOT_ISO.has(code)) continue;
        // withdrawn codes (SU, DD, YU) are aliases of their successors: skip them, so that
        // `Russia` reads as RU and not as SU
        if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
        const name = names.of(code);
        if (name && !intlCodes.has(name.toLowerCase())) intlCodes.set(name.toLowerCase(), code);
      }
    }
  }
  return intlCodes;
}

/**
 * ISO 3166-1 alpha-2 for a country name as the file prints it (`South Korea` → KR); null for a
 * former country in COUNTRY_OVERRIDES; undefined for a name neither Intl nor the overrides know.
 */
export function countryCode(name: string): string | null | undefined {
  const key = name.trim();
  if (Object.hasOwn(COUNTRY_OVERRIDES, key)) return COUNTRY_OVERRIDES[key];
  return intlCountryCodes().get(key.toLowerCase());
}

// ─── Cells ──────────────────────────────────────────────────────────────────────────────────────

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const DATE_ADDED = /^([A-Za-z]+) (\d{1,2}), (\d{4})$/;
const MINUTES = /^(\d+) min$/;
const SEASONS = /^(\d+) Seasons?$/;

/** `a, b,` → [a, b]; the file has stray leading and trailing commas (`, South Korea`). */
const list = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

type Fail = (problem: string) => null;

/** `September 25, 2021` (88 rows start with a space) → 2021-09-25. */
function dateAdded(value: string, fail: Fail): string | null {
  if (value === "") return null;
  const m = DATE_ADDED.exec(value);
  const month = m ? MONTHS.indexOf(m[1]!.toLowerCase()) + 1 : 0;
  const iso = m ? `${m[3]}-${String(month).padStart(2, "0")}-${m[2]!.padStart(2, "0")}` : "";
  if (month === 0 || !parseIsoDate(iso)) {
    return fail(`date_added "${value}" is not a date (Month D, YYYY)`);
  }
  return iso;
}

function releaseYear(value: string, fail: Fail): number | null {
  if (value === "") return null;
  if (!/^\d{4}$/.test(value)) return fail(`release_year "${value}" is not a year`);
  const year = Number(value);
  // the first films date from the late 1880s
  if (year < 1880 || year > 2100) return fail(`release_year ${year} is outside 1880–2100`);
  return year;
}

type Duration = Pick<CatalogueRow, "runtimeMinutes" | "seasons">;

function duration(kind: CatalogueRow["kind"], value: string, fail: Fail): Duration | null {
  if (value === "") return { runtimeMinutes: null, seasons: null };
  const minutes = MINUTES.exec(value);
  const seasons = SEASONS.exec(value);
  if (kind === "film" && minutes) return { runtimeMinutes: Number(minutes[1]), seasons: null };
  if (kind === "tv" && seasons) return { runtimeMinutes: null, seasons: Number(seasons[1]) };
  return fail(
    kind === "film"
      ? `duration "${value}" is not a film runtime (NN min)`
      : `duration "${value}" is not a number of seasons (N Season or N Seasons)`,
  );
}

// ─── Rows ───────────────────────────────────────────────────────────────────────────────────────

type CsvRecord = { line: number; cells: string[] };

/** Turns csv-parse's error into a problem at the line where it happened. */
function syntaxProblem(error: CsvError, lastLine: number): { line: number; problem: string } {
  const at = typeof error.lines === "number" ? error.lines : lastLine + 1;
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      // csv-parse reports the end of the file; the quote opened in the row after the last good one
      return {
        line: lastLine + 1,
        problem: "a quoted field in this row is never closed (unterminated quotes)",
      };
    case "CSV_INVALID_CLOSING_QUOTE":
      return {
        line: at,
        problem: "a closing quote is followed by something other than a comma or a line end",
      };
    case "INVALID_OPENING_QUOTE":
      return {
        line: at,
        problem: 'a quote inside an unquoted field (quote the whole field and write " as "")',
      };
    default:
      return { line: at, problem: error.message };
  }
}

/** RFC 4180 records, each with the line it starts on; throws CatalogueParseError on bad quoting. */
function readRecords(fileName: string, text: string): CsvRecord[] {
  // with CRLF inside quoted fields csv-parse miscounts lines; LF alone counts right
  const body = text.replace(/\r\n/g, "\n");
  const records: CsvRecord[] = [];
  let lastLine = 0;
  try {
    parse(body, {
      bom: true,
      relax_column_count: true, // a row of the wrong width is reported later, with its line
      on_record: (cells, context) => {
        // context.lines is the line the record ends on; quoted fields may hold line breaks
        const breaks = cells.reduce((n, c) => n + c.split("\n").length - 1, 0);
        records.push({ line: context.lines - breaks, cells });
        lastLine = context.lines;
        return null; // kept above, with its line
      },
    });
    return records;
  } catch (error) {
    if (error instanceof CsvError) {
      throw new CatalogueParseError(fileName, [syntaxProblem(error, lastLine)]);
    }
    throw error;
  }
}

/**
 * Reads the whole catalogue. Throws a CatalogueParseError listing up to MAX_PROBLEMS problems
 * (`file:line: what`) when a column is missing, a row is malformed or a value is not what the
 * format says.
 */
export function parseCatalogueCsv(fileName: string, text: string): CatalogueRow[] {
  const records = readRecords(fileName, text);
  const isBlank = (r: CsvRecord) => r.cells.length === 1 && r.cells[0]!.trim() === "";
  while (records.length > 0 && isBlank(records[records.length - 1]!)) records.pop();

  const first = records[0];
  if (!first) throw new CatalogueParseError(fileName, [{ line: 1, problem: "the file is empty" }]);
  const header = first.cells.map((h) => h.trim());
  const missing = CATALOGUE_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new CatalogueParseError(fileName, [
      {
        line: first.line,
        problem: `the header lacks ${missing.map((c) => `"${c}"`).join(", ")} (required columns: ${CATALOGUE_COLUMNS.join(", ")})`,
      },
    ]);
  }
  const index = new Map(CATALOGUE_COLUMNS.map((c) => [c, header.indexOf(c)]));

  const problems: { line: number; problem: string }[] = [];
  const seen = new Map<string, number>();
  const rows: CatalogueRow[] = [];
  for (const { line, cells } of records.slice(1)) {
    if (problems.length >= MAX_PROBLEMS) break;
    let failed = false;
    const fail: Fail = (problem) => {
      failed = true;
      if (problems.length < MAX_PROBLEMS) problems.push({ line, problem });
      return null;
    };
    if (cells.length === 1 && cells[0]!.trim() === "") {
      fail("empty line");
      continue;
    }
    if (cells.length !== header.length) {
      fail(`expected ${header.length} columns, found ${cells.length}`);
      continue;
    }
    const cell = (column: Column) => cells[index.get(column)!]!.trim();

    const showId = cell("show_id");
    if (showId === "") fail("show_id is empty");
    const earlier = seen.get(showId);
    if (showId !== "" && earlier !== undefined) {
      fail(`show_id ${showId} appears twice (also on line ${earlier})`);
    }
    if (showId !== "" && earlier === undefined) seen.set(showId, line);

    const type = cell("type");
    const kind = type === "Movie" ? "film" : type === "TV Show" ? "tv" : null;
    if (!kind) fail(`type "${type}" is neither Movie nor TV Show`);
    const title = cell("title");
    if (title === "") fail("title is empty");

    // In three rows the duration slipped into the rating column (`74 min`, duration empty).
    let rating: string | null = cell("rating") || null;
    let durationText = cell("duration");
    if (durationText === "" && rating && (MINUTES.test(rating) || SEASONS.test(rating))) {
      durationText = rating;
      rating = null;
    }
    const countries = list(cell("country"));
    const row = {
      line,
      showId,
      kind: kind ?? "film",
      title,
      directors: list(cell("director")),
      cast: list(cell("cast")),
      countries,
      countryCodes: [
        ...new Set(countries.map(countryCode).filter((c): c is string => typeof c === "string")),
      ],
      dateAdded: dateAdded(cell("date_added"), fail),
      releaseYear: releaseYear(cell("release_year"), fail),
      rating,
      ...(kind
        ? (duration(kind, durationText, fail) ?? { runtimeMinutes: null, seasons: null })
        : { runtimeMinutes: null, seasons: null }),
      genres: list(cell("listed_in")),
      description: cell("description") || null,
    } satisfies CatalogueRow;
    if (!failed) rows.push(row);
  }
  if (problems.length > 0) throw new CatalogueParseError(fileName, problems);
  return rows;
}

// ─── Facts ──────────────────────────────────────────────────────────────────────────────────────

/**
 * FilmFacts as the catalogue gives them. Not assignable to FilmFacts: the file has no page to
 * link to, so `url` is null.
 */
export type CatalogueFacts = FilmFacts & { url: null };

const person = (name: string): PersonFacts => ({ name, nativeName: null, sourceId: null });

/** The row in the enrichment pipeline's shape; the file has no original title, language or date. */
export function catalogueFacts(row: CatalogueRow): CatalogueFacts {
  return {
    sourceId: `netflix-titles:${row.showId}`,
    url: null,
    title: row.title,
    originalTitle: null,
    originalLanguage: null,
    year: row.releaseYear,
    releaseDate: null,
    runtimeMinutes: row.runtimeMinutes,
    countries: row.countryCodes,
    directors: row.directors.map(person),
    writers: [],
    cast: row.cast.map((name): CastFacts => ({ ...person(name), character: null })),
    synopsis: row.description,
    genres: row.genres,
    maturityRating: row.rating,
  };
}
