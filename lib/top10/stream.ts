/**
 * Reads a Top 10 file line by line, for the per-country file (about 30 MB and 600,000 rows live):
 * the same header and row checks as `parseTop10Tsv`, with the same `file:line: what` problems, but
 * rows come in batches and only a compact key per row is kept (to find a rank given twice).
 */
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import {
  duplicateProblem,
  MAX_PROBLEMS,
  readHeader,
  readLine,
  RowReader,
  Top10ParseError,
  type CountryRow,
  type GlobalRow,
  type MostPopularRow,
  type ParsedTop10File,
  type Top10FileKind,
  type Top10Row,
} from "./parse";

export type Top10RowOf<K extends Top10FileKind> = Extract<
  ParsedTop10File,
  { kind: K }
>["rows"][number];

export type StreamOptions = {
  /** Rows per batch (default 2,000); the last batch may be smaller. */
  batchSize?: number;
};

/** A file path, or a stream of its bytes (a Node Readable is one). */
export type Top10Source = string | AsyncIterable<Buffer | string>;

const KIND_NAMES: Record<Top10FileKind, string> = {
  global: "the global weekly lists",
  countries: "the per-country weekly lists",
  "most-popular": "the most popular lists",
};

/** `the global weekly lists`, for messages. */
export const describeTop10Kind = (kind: Top10FileKind) => KIND_NAMES[kind];

/**
 * The lines of a text, split exactly as `splitTsv` splits them: a leading BOM dropped, `\n` or
 * `\r\n` between lines, and no empty last line for a final newline.
 */
export async function* readLines(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let started = false;
  for await (const chunk of source) {
    let text = rest + (typeof chunk === "string" ? chunk : decoder.write(chunk));
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      yield text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest !== "") yield rest;
}

/**
 * A number per (country, week, category, rank): a few bytes a row where a string key would cost
 * dozens, which matters at 600,000 rows. Weeks are validated Sundays, so days / 7 is exact.
 */
function countryKey(row: CountryRow): number {
  const week = Math.floor(Date.parse(row.week) / 86_400_000 / 7);
  const iso = (row.countryIso2.charCodeAt(0) - 65) * 26 + (row.countryIso2.charCodeAt(1) - 65);
  return ((week * 676 + iso) * 2 + (row.category === "tv" ? 1 : 0)) * 10 + row.rank - 1;
}

function rowKey(kind: Top10FileKind, row: Top10Row): number | string {
  if (kind === "countries") return countryKey(row as CountryRow);
  const { list, rank } = row as GlobalRow | MostPopularRow;
  return kind === "global" ? `${(row as GlobalRow).week} ${list} ${rank}` : `${list} ${rank}`;
}

/**
 * Yields the rows of a Top 10 file of the given kind in batches. A file of another kind, or any
 * invalid line, throws a `Top10ParseError` listing the problems (up to 20, as `parseTop10Tsv`
 * does) once the file has been read that far. Batches before the first problem have already been
 * yielded by then, so a caller writing them must do so in a transaction the error rolls back.
 */
export async function* streamTop10Rows<K extends Top10FileKind>(
  file: string,
  source: Top10Source,
  kind: K,
  { batchSize = 2000 }: StreamOptions = {},
): AsyncGenerator<Top10RowOf<K>[], void, undefined> {
  const input =
    typeof source === "string"
      ? fs.createReadStream(source, { highWaterMark: 256 * 1024 })
      : source;
  const lines = readLines(input);
  try {
    const first = await lines.next();
    let next = first.done ? first : await lines.next();
    const header = readHeader(file, first.done ? [""] : first.value.split("\t"), !!next.done);
    if (header.kind !== kind) {
      throw new Top10ParseError(file, [
        {
          line: 1,
          problem: `this file holds ${describeTop10Kind(header.kind)}, not ${describeTop10Kind(kind)}`,
        },
      ]);
    }
    const r = new RowReader(header.columns);
    const seen = new Map<number | string, number>();
    let batch: Top10RowOf<K>[] = [];
    for (let line = 2; !next.done; line++, next = await lines.next()) {
      const row = readLine(kind, r, next.value.split("\t"), line, header.width);
      if (row) {
        const key = rowKey(kind, row);
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          r.fail(duplicateProblem(row.rank, earlier));
        } else {
          seen.set(key, line);
          // after a problem the file is only read on to report the others
          if (r.problems.length === 0) batch.push(row as Top10RowOf<K>);
        }
      }
      if (r.problems.length >= MAX_PROBLEMS) break;
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (r.problems.length > 0) throw new Top10ParseError(file, r.problems);
    if (batch.length > 0) yield batch;
  } finally {
    // closes the file when the caller stops early or a problem ends the read
    await lines.return(undefined);
  }
}

/** The per-country file's rows in batches; any other kind of file is refused at line 1. */
export function streamCountryRows(
  file: string,
  source: Top10Source,
  options?: StreamOptions,
): AsyncGenerator<CountryRow[], void, undefined> {
  return streamTop10Rows(file, source, "countries", options);
}
