import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatExtract, parseExtract } from "./extract";
import {
  EngagementParseError,
  periodFromId,
  splitTitle,
  type EngagementKind,
  type EngagementReport,
  type EngagementRow,
} from "./parse";
import { readEngagementFile } from "./read-file";

function row(
  kind: EngagementKind,
  title: string,
  facts: Partial<EngagementRow> = {},
): EngagementRow {
  return {
    line: 0,
    kind,
    title,
    ...splitTitle(title),
    availableGlobally: true,
    releaseDate: null,
    hoursViewed: 100_000,
    runtimeMinutes: null,
    views: null,
    ...facts,
  };
}

const REPORTS: EngagementReport[] = [
  {
    period: periodFromId("2023H2")!,
    rows: [
      row("film", "Ballerina // 발레리나", {
        releaseDate: "2023-10-06",
        hoursViewed: 56_700_000,
        runtimeMinutes: 94,
        views: 36_200_000,
      }),
      row("film", "Ballerina (2016)", { availableGlobally: false, runtimeMinutes: 89 }),
      row("film", "1917", { hoursViewed: 0 }),
      row("tv", "Squid Game: Season 1 // 오징어 게임: 시즌 1", { runtimeMinutes: 492 }),
      row("tv", "Zero to Hero // 媽媽的神奇小子 // 妈妈的神奇小子"),
    ],
  },
  {
    period: periodFromId("2024H1")!,
    rows: [row("tv", "Peppa Pig: Season 1", { availableGlobally: false, views: 19_500_000 })],
  },
];

const withoutLines = (reports: EngagementReport[]) =>
  reports.map((r) => ({ ...r, rows: r.rows.map((row) => ({ ...row, line: 0 })) }));

function problemsOf(text: string): string[] {
  try {
    parseExtract(text, "x.tsv");
  } catch (error) {
    if (error instanceof EngagementParseError) return error.message.split("\n");
    throw error;
  }
  throw new Error("expected an EngagementParseError");
}

const HEADER =
  "period\tkind\ttitle\trelease_date\truntime_minutes\tavailable_globally\thours_viewed\tviews";

describe("formatExtract / parseExtract", () => {
  it("writes one TSV line per row, titles as printed", () => {
    const lines = formatExtract(REPORTS).split("\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines[1]).toBe(
      "2023H2\tfilm\tBallerina // 발레리나\t2023-10-06\t94\tYes\t56700000\t36200000",
    );
    expect(lines[2]).toBe("2023H2\tfilm\tBallerina (2016)\t\t89\tNo\t100000\t");
    expect(lines).toHaveLength(1 + 6 + 1); // header, rows, final newline
  });

  it("reads back what it wrote", () => {
    const parsed = parseExtract(formatExtract(REPORTS), "x.tsv");
    expect(withoutLines(parsed)).toEqual(withoutLines(REPORTS));
    expect(parsed[0]!.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    expect(parsed[1]!.rows[0]!.line).toBe(7);
  });

  it("reads an extract with CRLF, no final newline and columns in another order", () => {
    const text = [
      "views\tperiod\tkind\ttitle\trelease_date\truntime_minutes\tavailable_globally\thours_viewed",
      "9100000\t2024H1\tfilm\tBallerina // 발레리나\t2023-10-06\t94\tYes\t14200000",
    ].join("\r\n");
    const [report] = parseExtract(text, "x.tsv");
    expect(report!.period.label).toBe("Jan–Jun 2024");
    expect(report!.rows[0]).toMatchObject({
      englishTitle: "Ballerina",
      originalLanguage: "ko",
      views: 9_100_000,
      hoursViewed: 14_200_000,
    });
  });

  it("refuses what TSV cannot carry", () => {
    expect(() => formatExtract([{ ...REPORTS[0]!, rows: [row("film", "A\tB")] }])).toThrow(
      /tab or line break/,
    );
    expect(() => formatExtract([REPORTS[0]!, REPORTS[0]!])).toThrow("period 2023H2 is given twice");
  });

  it("refuses a file without the header", () => {
    expect(problemsOf("")).toEqual([
      "x.tsv:1: the header lacks period, kind, title, release_date, runtime_minutes, available_globally, hours_viewed, views (expected period, kind, title, release_date, runtime_minutes, available_globally, hours_viewed, views)",
    ]);
    expect(problemsOf("period\tkind\ttitle\n")[0]).toMatch(
      /^x\.tsv:1: the header lacks release_date,/,
    );
  });

  it("refuses malformed lines with their line numbers", () => {
    const text = [
      HEADER,
      "2023H2\tfilm\tLeo\t2023-11-21\t107\tYes\t171200000\t96000000",
      "2023H3\tfilm\tLeo\t\t\tYes\t1\t",
      "2023H2\tshort\tLeo\t\t\tYes\t1\t",
      "2023H2\tfilm\t \t\t\tYes\t1\t",
      "2023H2\tfilm\tLeo\t2023-13-01\t\tYes\t1\t",
      "2023H2\tfilm\tLeo\t\t1:47\tYes\t1\t",
      "2023H2\tfilm\tLeo\t\t\ttrue\t1\t",
      "2023H2\tfilm\tLeo\t\t\tYes\t-1\t",
      "2023H2\tfilm\tLeo\t\t\tYes\t1\tmany",
      "2023H2\tfilm\tLeo\tYes\t1",
      "",
      "2023H2\tfilm\tLeo\t\t\tYes\t1\t",
    ].join("\n");
    expect(problemsOf(text)).toEqual([
      'x.tsv:3: period "2023H3" is not like 2023H2',
      'x.tsv:4: kind "short" is neither film nor tv',
      "x.tsv:5: title is empty",
      'x.tsv:6: release_date "2023-13-01" is not a date (YYYY-MM-DD)',
      'x.tsv:7: runtime_minutes "1:47" is not a whole number',
      'x.tsv:8: available_globally "true" is neither Yes nor No',
      'x.tsv:9: hours_viewed "-1" is not a number',
      'x.tsv:10: views "many" is not a number',
      "x.tsv:11: expected 8 columns, found 5",
      "x.tsv:12: expected 8 columns, found 1",
    ]);
  });

  it("stops at 20 problems", () => {
    const text = [HEADER, ...Array.from({ length: 30 }, () => "2023H2\tfilm\tLeo")].join("\n");
    expect(problemsOf(text)).toHaveLength(20);
  });
});

const REPORT_DIR = path.resolve(import.meta.dirname, "../../../shared/data/netflix-engagement");

describe.skipIf(!fs.existsSync(REPORT_DIR))(
  `round trip of the real reports in ${REPORT_DIR} (skipped when absent)`,
  () => {
    it("reads back every row of both reports", async () => {
      const reports = await Promise.all(
        ["2023Jul-Dec", "2024Jan-Jun"].map((p) =>
          readEngagementFile(
            path.join(REPORT_DIR, `What_We_Watched_A_Netflix_Engagement_Report_${p}.xlsx`),
          ),
        ),
      );
      const parsed = parseExtract(formatExtract(reports), "real.tsv");
      expect(withoutLines(parsed)).toEqual(withoutLines(reports));
    });
  },
);
