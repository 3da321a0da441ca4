import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseTop10Tsv, Top10ParseError, type Top10FileKind } from "./parse";
import { readLines, streamCountryRows, streamTop10Rows } from "./stream";

const SAMPLE = path.resolve(
  import.meta.dirname,
  "../../../shared/data/netflix-top10/all-weeks-countries.2022-03-02.tsv",
);

const HC =
  "country_name\tcountry_iso2\tweek\tcategory\tweekly_rank\tshow_title\tseason_title\tcumulative_weeks_in_top_10";
const HG =
  "week\tcategory\tweekly_rank\tshow_title\tseason_title\tweekly_hours_viewed\truntime\tweekly_views\tcumulative_weeks_in_top_10";

function countryLines(countries: number, weeks: number): string[] {
  const lines: string[] = [];
  for (let c = 0; c < countries; c++) {
    const iso = String.fromCharCode(65 + Math.floor(c / 26), 65 + (c % 26));
    for (let w = 0; w < weeks; w++) {
      const week = new Date(Date.UTC(2022, 0, 2 + 7 * w)).toISOString().slice(0, 10);
      for (const category of ["Films", "TV"]) {
        for (let rank = 1; rank <= 10; rank++) {
          const season = category === "TV" ? `Série ${rank}: Saison 1` : "N/A";
          lines.push(
            `Réunion ${c}\t${iso}\t${week}\t${category}\t${rank}\tTitre ${rank}\t${season}\t${w + 1}`,
          );
        }
      }
    }
  }
  return lines;
}

/** The bytes of `text` in chunks of `size`, splitting lines, CRLFs and multi-byte characters. */
const chunked = (text: string, size: number) => {
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
};

async function collect(kind: Top10FileKind, text: string, chunk = 7, batchSize = 3) {
  const batches = [];
  for await (const batch of streamTop10Rows("f.tsv", chunked(text, chunk), kind, { batchSize })) {
    batches.push(batch);
  }
  return batches;
}

async function outcome(kind: Top10FileKind, text: string) {
  try {
    return { rows: (await collect(kind, text)).flat() };
  } catch (error) {
    if (error instanceof Top10ParseError) return { error: error.message };
    throw error;
  }
}

function expected(text: string) {
  try {
    return { rows: parseTop10Tsv("f.tsv", text).rows };
  } catch (error) {
    if (error instanceof Top10ParseError) return { error: error.message };
    throw error;
  }
}

describe("reading lines", () => {
  it.each([
    ["", []],
    ["\n", [""]],
    ["a\tb", ["a\tb"]],
    ["a\nb\n", ["a", "b"]],
    ["\ufeffa\r\nb\r\n\r\nc", ["a", "b", "", "c"]],
    ["a\rb\n", ["a\rb"]],
  ])("splits %j as splitTsv does", async (text, lines) => {
    for (const size of [1, 2, 3, 64]) {
      const out = [];
      for await (const line of readLines(chunked(text, size))) out.push(line);
      expect(out).toEqual(lines);
    }
  });
});

describe("streaming a Top 10 file", () => {
  const rows = countryLines(2, 2);
  const valid = [HC, ...rows].join("\n");
  const replace = (i: number, line: string) =>
    [HC, ...rows.map((r, j) => (j === i ? line : r))].join("\n");

  it.each([
    ["a valid file", valid],
    ["a BOM, CRLF and a final newline", `\ufeff${[HC, ...rows].join("\r\n")}\r\n`],
    ["an empty file", ""],
    ["a lone newline", "\n"],
    ["null", "null"],
    ["null and a newline", "null\n"],
    ["an unknown header", "country\tweek\nX\t2022-01-02"],
    ["a header alone", HC],
    ["a truncated last line", `${valid}\n${rows[0]!.split("\t").slice(0, 4).join("\t")}`],
    ["an empty line in the middle", replace(10, "")],
    ["a bad week", replace(3, rows[3]!.replace("2022-01-02", "2022-01-03"))],
    ["a bad country code", replace(5, rows[5]!.replace("\tAA\t", "\tA1\t"))],
    ["a rank given twice", replace(12, rows[11]!)],
    [
      "more than 20 problems",
      [HC, ...rows.map((r, i) => (i % 2 ? r.replace("\tFilms\t", "\tMovies\t") : r))].join("\n"),
    ],
  ])("reads %s exactly as parseTop10Tsv does", async (_, text) => {
    const want = expected(text);
    expect(await outcome("countries", text)).toEqual(want);
  });

  it("reads the global lists too, and refuses a file of another kind at line 1", async () => {
    const global = [HG, "2023-10-15\tFilms (English)\t1\tPaper Crane\tN/A\t231000\t1.5\t147000\t2"];
    expect(await outcome("global", global.join("\n"))).toEqual(expected(global.join("\n")));
    expect(await outcome("countries", global.join("\n"))).toEqual({
      error: "f.tsv:1: this file holds the global weekly lists, not the per-country weekly lists",
    });
  });

  it("yields batches of the requested size", async () => {
    const text = [HC, ...countryLines(3, 3)].join("\n");
    const batches = await collect("countries", text, 4096, 50);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 50, 30]);
  });

  it("yields the batches before a bad line, then throws", async () => {
    const lines = countryLines(3, 3);
    lines[120] = "broken";
    const seen: number[] = [];
    const read = async () => {
      for await (const batch of streamTop10Rows(
        "f.tsv",
        chunked([HC, ...lines].join("\n"), 512),
        "countries",
        { batchSize: 50 },
      )) {
        seen.push(batch.length);
      }
    };
    await expect(read()).rejects.toThrow("f.tsv:122: expected 8 columns, found 1");
    expect(seen).toEqual([50, 50]);
  });

  it("reads a file from its path and closes it when the reader stops early", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reelrank-stream-"));
    try {
      const file = path.join(dir, "c.tsv");
      fs.writeFileSync(file, [HC, ...countryLines(2, 4)].join("\n"));
      let rows = 0;
      for await (const batch of streamCountryRows("c.tsv", file, { batchSize: 40 })) {
        rows += batch.length;
        if (rows >= 80) break;
      }
      expect(rows).toBe(80);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!fs.existsSync(SAMPLE))(
    "reads Netflix's 2022 per-country file exactly as parseTop10Tsv does",
    async () => {
      const parsed = parseTop10Tsv(path.basename(SAMPLE), fs.readFileSync(SAMPLE, "utf8"));
      const streamed = [];
      for await (const batch of streamCountryRows(path.basename(SAMPLE), SAMPLE)) {
        expect(batch.length).toBeLessThanOrEqual(2000);
        streamed.push(...batch);
      }
      expect(streamed).toHaveLength(65_800);
      expect(streamed).toEqual(parsed.rows);
    },
  );
});
