/**
 * Properties of the Top 10 file parsers: valid rows written in Netflix's format read back as they
 * were, in any column order; a hostile cell is refused as `file:line: what`; any text at all is
 * either parsed or refused with a Top10ParseError; and the streaming reader agrees with the
 * whole-file one however the bytes arrive.
 */
import { Readable } from "node:stream";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { checkProperty, hostileString, printRunSummary } from "../property-testing";
import { LISTS } from "./lists";
import { parseTop10Tsv, Top10ParseError, type CountryRow, type GlobalRow } from "./parse";
import { streamTop10Rows } from "./stream";
import { addDays } from "./week";
import { parseRetryAfter, top10BaseUrl } from "../netflix/download";

const FILE = "all-weeks-global.tsv";

/** Text a cell can hold: no tab or line break, no NUL, trimmed, not empty. */
const cellText = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 30 })
  .map((s) => s.replace(/[\t\r\n\u0000]/g, " ").trim())
  .filter((s) => s.length > 0);
const week = fc.integer({ min: 0, max: 300 }).map((i) => addDays("2021-07-04", 7 * i));
const count = fc.oneof(fc.nat({ max: 1000 }), fc.nat());

type Expected = Omit<GlobalRow, "line">;
const globalRow: fc.Arbitrary<Expected> = fc
  .record({
    week,
    list: fc.constantFrom(...LISTS),
    rank: fc.integer({ min: 1, max: 10 }),
    showTitle: cellText,
    season: fc.option(cellText.filter((s) => s !== "N/A")),
    hoursViewed: count,
    runtimeHours: fc.option(fc.integer({ min: 0, max: 10_000 }).map((n) => n / 10)),
    views: fc.option(count),
    cumulativeWeeks: fc.integer({ min: 1, max: 200 }),
  })
  .map(({ list, season, ...r }) => ({
    ...r,
    list: list.slug,
    seasonTitle: list.kind === "film" ? null : season,
  }));

const GLOBAL_COLUMNS = [
  "week",
  "category",
  "weekly_rank",
  "show_title",
  "season_title",
  "weekly_hours_viewed",
  "runtime",
  "weekly_views",
  "cumulative_weeks_in_top_10",
] as const;

function globalCell(row: Expected, column: (typeof GLOBAL_COLUMNS)[number]): string {
  switch (column) {
    case "week":
      return row.week;
    case "category":
      return LISTS.find((l) => l.slug === row.list)!.category;
    case "weekly_rank":
      return String(row.rank);
    case "show_title":
      return row.showTitle;
    case "season_title":
      return row.seasonTitle ?? "N/A";
    case "weekly_hours_viewed":
      return String(row.hoursViewed);
    case "runtime":
      return row.runtimeHours == null ? "" : String(row.runtimeHours);
    case "weekly_views":
      return row.views == null ? "" : String(row.views);
    case "cumulative_weeks_in_top_10":
      return String(row.cumulativeWeeks);
  }
}

/** A global file as Netflix might write it: any column order, extra columns, BOM, CRLF. */
const globalFile = fc
  .record({
    rows: fc.uniqueArray(globalRow, {
      maxLength: 25,
      selector: (r) => `${r.week} ${r.list} ${r.rank}`,
    }),
    columns: fc.shuffledSubarray([...GLOBAL_COLUMNS], { minLength: GLOBAL_COLUMNS.length }),
    extra: fc.uniqueArray(fc.stringMatching(/^x_[a-z]{1,6}$/), { maxLength: 2 }),
    bom: fc.boolean(),
    eol: fc.constantFrom("\n", "\r\n"),
    finalNewline: fc.boolean(),
  })
  .map(({ rows, columns, extra, bom, eol, finalNewline }) => {
    const header = [...columns, ...extra];
    const lines = [
      header.join("\t"),
      ...rows.map((r) =>
        header
          .map((c) =>
            c.startsWith("x_") ? "extra" : globalCell(r, c as (typeof GLOBAL_COLUMNS)[number]),
          )
          .join("\t"),
      ),
    ];
    return {
      rows,
      extra,
      header,
      text: (bom ? "\uFEFF" : "") + lines.join(eol) + (finalNewline ? eol : ""),
      eol,
    };
  });

/** What the importer shows: a Top10ParseError; anything else is a crash. */
function parseOutcome(text: string) {
  try {
    return { rows: parseTop10Tsv(FILE, text).rows };
  } catch (error) {
    if (error instanceof Top10ParseError) return { error: error.message };
    throw error;
  }
}

/** Every number a column takes must read back; these cells cannot be read as the column's value. */
const badCell: Record<string, fc.Arbitrary<string>> = {
  week: fc.oneof(
    hostileString({ huge: false }),
    fc.constantFrom("2023-10-14", "2023-02-30", "2023-10-15T00:00", "15/10/2023"),
  ),
  category: hostileString({ huge: false }),
  weekly_rank: fc.oneof(
    hostileString({ huge: false }),
    fc.constantFrom("0", "11", "-1", "1.5", "1e1", "NaN", "Infinity", "99999999999999999999"),
  ),
  show_title: fc.constantFrom(
    "",
    "   ",
    "\u0000",
    "Ballerina\u0000",
    "\u0000'; drop table films; --",
  ),
  weekly_hours_viewed: fc.oneof(
    hostileString({ huge: false }),
    fc.constantFrom("-5", "1.5", "NaN", "Infinity", "1e9", "0x10"),
  ),
  cumulative_weeks_in_top_10: fc.oneof(
    hostileString({ huge: false }),
    fc.constantFrom("0", "-1", "2.5", "Infinity"),
  ),
};
/** Whether a cell, as the parser reads it (trimmed), would be a valid value of the column. */
const acceptable: Record<string, (v: string) => boolean> = {
  week: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).getUTCDay() === 0,
  category: (v) => LISTS.some((l) => l.category === v),
  weekly_rank: (v) => /^\d+(\.0+)?$/.test(v) && Number(v) >= 1 && Number(v) <= 10,
  show_title: (v) => v !== "" && !v.includes("\u0000"),
  weekly_hours_viewed: (v) => /^\d+(\.0+)?$/.test(v) && Number(v) <= Number.MAX_SAFE_INTEGER,
  cumulative_weeks_in_top_10: (v) =>
    /^\d+(\.0+)?$/.test(v) && Number(v) >= 1 && Number(v) <= Number.MAX_SAFE_INTEGER,
};

async function streamOutcome(text: string, cuts: number[]) {
  const bytes = Buffer.from(text);
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  const rows: GlobalRow[] = [];
  try {
    for await (const batch of streamTop10Rows(FILE, Readable.from(chunks), "global", {
      batchSize: 7,
    }))
      rows.push(...batch);
    return { rows };
  } catch (error) {
    if (error instanceof Top10ParseError) return { error: error.message };
    throw error;
  }
}

afterAll(() => printRunSummary("Top 10 and Netflix parsers"));

describe("Top 10 file parsing, by property", () => {
  it("reads back every valid global row as written, in any column order", async () => {
    await checkProperty(
      "global rows round-trip through the TSV format",
      fc.property(globalFile, ({ rows, text, extra }) => {
        const parsed = parseTop10Tsv(FILE, text);
        expect(parsed.kind).toBe("global");
        expect(parsed.ignoredColumns).toEqual(extra);
        expect(parsed.rows).toEqual(rows.map((r, i) => ({ line: i + 2, ...r })));
      }),
      { numRuns: 500 },
    );
  });

  it("refuses a hostile cell with the file, line and column, never a crash", async () => {
    const mutated = globalFile
      .filter((f) => f.rows.length > 0)
      .chain((f) =>
        fc.record({
          file: fc.constant(f),
          row: fc.nat({ max: f.rows.length - 1 }),
          column: fc.constantFrom(...Object.keys(badCell)),
        }),
      )
      .chain(({ file, row, column }) =>
        fc.record({
          file: fc.constant(file),
          row: fc.constant(row),
          column: fc.constant(column),
          value: badCell[column]!.filter((v) => !acceptable[column]!(v.trim())),
        }),
      );
    await checkProperty(
      "a hostile cell in a global file is refused at its line",
      fc.property(mutated, ({ file, row, column, value }) => {
        const lines = file.text.replace(/^\uFEFF/, "").split(file.eol);
        const cells = lines[row + 1]!.split("\t");
        cells[file.header.indexOf(column)] = value;
        lines[row + 1] = cells.join("\t");
        const outcome = parseOutcome(lines.join(file.eol));
        expect(outcome.error, "a bad cell must not parse").toBeDefined();
        // a tab or line break inside the value reshapes the row; otherwise the message says where
        if (!/[\t\r\n]/.test(value)) {
          expect(outcome.error).toContain(`${FILE}:${row + 2}: `);
          const problem = outcome
            .error!.split("\n")
            .find((p) => p.startsWith(`${FILE}:${row + 2}: `));
          expect(problem).toMatch(column === "category" ? /category/ : new RegExp(column));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("parses any text or refuses it with a Top10ParseError", async () => {
    const header = GLOBAL_COLUMNS.join("\t");
    const anyText = fc.oneof(
      hostileString(),
      fc
        .array(
          fc.array(hostileString({ huge: false, maxLength: 12 }), {
            minLength: 1,
            maxLength: GLOBAL_COLUMNS.length + 1,
          }),
          { maxLength: 8 },
        )
        .map((rows) => [header, ...rows.map((r) => r.join("\t"))].join("\n")),
    );
    await checkProperty(
      "any text is parsed or refused with file:line",
      fc.property(anyText, (text) => {
        const outcome = parseOutcome(text);
        if (outcome.error) expect(outcome.error).toMatch(new RegExp(`^${FILE}:\\d+: `));
        else for (const row of outcome.rows ?? []) expect(row.showTitle).not.toContain("\u0000");
      }),
      { numRuns: 1000 },
    );
  });

  it("streams the same rows, or the same refusal, as the whole-file parser", async () => {
    const text = fc.oneof(
      globalFile.map((f) => f.text),
      globalFile.chain((f) =>
        fc
          .tuple(fc.nat({ max: Math.max(0, f.text.length - 1) }), hostileString({ huge: false }))
          .map(([at, s]) => f.text.slice(0, at) + s + f.text.slice(at)),
      ),
    );
    await checkProperty(
      "the streaming reader agrees with parseTop10Tsv",
      fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 6 }), async (written, cuts) => {
        // a file is bytes: text read from it holds no lone surrogates (they become U+FFFD)
        const t = Buffer.from(written).toString();
        const whole = parseOutcome(t);
        const streamed = await streamOutcome(t, cuts);
        // the stream refuses a file of another kind at line 1; only compare global files
        if (whole.rows || !/this file holds/.test(streamed.error ?? "")) {
          expect(streamed).toEqual(whole);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reads per-country rows back as written", async () => {
    const countryRow = fc.record({
      countryName: cellText,
      countryIso2: fc.stringMatching(/^[A-Z]{2}$/),
      week,
      category: fc.constantFrom("films" as const, "tv" as const),
      rank: fc.integer({ min: 1, max: 10 }),
      showTitle: cellText,
      season: fc.option(cellText.filter((s) => s !== "N/A")),
      cumulativeWeeks: fc.integer({ min: 1, max: 200 }),
    });
    const rowsArb = fc.uniqueArray(countryRow, {
      maxLength: 20,
      selector: (r) => `${r.countryIso2} ${r.week} ${r.category} ${r.rank}`,
    });
    await checkProperty(
      "per-country rows round-trip through the TSV format",
      fc.property(rowsArb, (rows) => {
        const header = [
          "country_name",
          "country_iso2",
          "week",
          "category",
          "weekly_rank",
          "show_title",
          "season_title",
          "cumulative_weeks_in_top_10",
        ];
        const text = [
          header.join("\t"),
          ...rows.map((r) =>
            [
              r.countryName,
              r.countryIso2,
              r.week,
              r.category === "films" ? "Films" : "TV",
              r.rank,
              r.showTitle,
              r.season ?? "",
              r.cumulativeWeeks,
            ].join("\t"),
          ),
        ].join("\n");
        const parsed = parseTop10Tsv("all-weeks-countries.tsv", text);
        const expected: CountryRow[] = rows.map(({ season, ...r }, i) => ({
          line: i + 2,
          ...r,
          seasonTitle: r.category === "films" ? null : season,
        }));
        expect(parsed.rows).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("Netflix download settings, by property", () => {
  it("reads any Retry-After as a wait within bounds, or none", async () => {
    await checkProperty(
      "Retry-After parses to a bounded wait or nothing",
      fc.property(
        fc.oneof(
          hostileString(),
          fc.nat().map(String),
          fc.date().map((d) => d.toUTCString()),
        ),
        (value) => {
          const ms = parseRetryAfter(value, Date.UTC(2025, 0, 1));
          if (ms !== undefined) expect(ms).toBeGreaterThanOrEqual(0);
          if (ms !== undefined) expect(Number.isFinite(ms)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("takes any NETFLIX_TOP10_URL as a folder address or refuses it by name", async () => {
    await checkProperty(
      "NETFLIX_TOP10_URL is a folder URL or a clear error",
      fc.property(fc.oneof(hostileString(), fc.webUrl({ withQueryParameters: true })), (raw) => {
        try {
          const url = top10BaseUrl({ NETFLIX_TOP10_URL: raw });
          expect(url).toMatch(/^https?:\/\/.*\/$/);
        } catch (error) {
          expect((error as Error).message).toMatch(/^NETFLIX_TOP10_URL "/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
