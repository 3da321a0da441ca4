import { describe, expect, it } from "vitest";
import { parseTop10Tsv, splitTsv, Top10ParseError, type GlobalRow } from "./parse";

// Hand-made fixtures in each header generation Netflix has published; titles are invented.
const tsv = (...lines: string[][]) => lines.map((l) => l.join("\t")).join("\n");

const H7 = [
  "week",
  "category",
  "weekly_rank",
  "show_title",
  "season_title",
  "weekly_hours_viewed",
  "cumulative_weeks_in_top_10",
];
const H9 = [
  "week",
  "category",
  "weekly_rank",
  "show_title",
  "season_title",
  "weekly_hours_viewed",
  "runtime",
  "weekly_views",
  "cumulative_weeks_in_top_10",
];
const H11 = [...H9, "is_staggered_launch", "episode_launch_details"];
const H12 = [...H9, "is_staggered_launch", "runtime_override_flag", "episode_launch_dtls"];

function errorOf(fn: () => unknown): Top10ParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof Top10ParseError) return error;
    throw error;
  }
  throw new Error("expected a Top10ParseError");
}

describe("global weekly lists", () => {
  it("reads the 7-column generation (hours only)", () => {
    const file = parseTop10Tsv(
      "g7.tsv",
      tsv(H7, ["2022-01-02", "Films (English)", "1", "Winter Tale", "N/A", "52190000", "2"]),
    );
    expect(file.kind).toBe("global");
    expect(file.rows[0]).toEqual<GlobalRow>({
      line: 2,
      week: "2022-01-02",
      list: "films-english",
      rank: 1,
      showTitle: "Winter Tale",
      seasonTitle: null,
      hoursViewed: 52_190_000,
      runtimeHours: null,
      views: null,
      cumulativeWeeks: 2,
    });
  });

  it("reads the 9-column generation, with empty runtime and views before June 2023", () => {
    const file = parseTop10Tsv(
      "g9.tsv",
      tsv(
        H9,
        [
          "2023-10-15",
          "Films (Non-English)",
          "1",
          "Paper Crane",
          "N/A",
          "23100000",
          "1.5667",
          "14700000",
          "2",
        ],
        [
          "2023-06-11",
          "TV (Non-English)",
          "4",
          "Harbour Lights",
          "Harbour Lights: Season 2",
          "9000000",
          "",
          "",
          "1",
        ],
      ),
    );
    expect(file.rows).toMatchObject([
      {
        list: "films-non-english",
        rank: 1,
        hoursViewed: 23_100_000,
        runtimeHours: 1.5667,
        views: 14_700_000,
      },
      {
        list: "tv-non-english",
        seasonTitle: "Harbour Lights: Season 2",
        runtimeHours: null,
        views: null,
      },
    ]);
  });

  it("reads the 11- and 12-column generations and ignores nothing it needs", () => {
    const r11 = parseTop10Tsv(
      "g11.tsv",
      tsv(H11, [
        "2024-03-03",
        "TV (English)",
        "2",
        "Lakeside",
        "Lakeside: Limited Series",
        "31000000",
        "5.1",
        "6100000",
        "1",
        "False",
        "",
      ]),
    );
    expect(r11.rows[0]).toMatchObject({ list: "tv-english", views: 6_100_000, runtimeHours: 5.1 });
    expect(r11.ignoredColumns).toEqual([]);
    const r12 = parseTop10Tsv(
      "g12.tsv",
      tsv(H12, [
        "2025-01-05",
        "Films (English)",
        "3",
        "North Road",
        "N/A",
        "12000000",
        "1.9",
        "6300000",
        "1",
        "false",
        "false",
        "[{is_staggered_launch=0, is_live_title=0}]",
      ]),
    );
    expect(r12.rows[0]).toMatchObject({ rank: 3, views: 6_300_000 });
  });

  it("takes columns by name, in any order", () => {
    const shuffled = [
      "show_title",
      "week",
      "weekly_rank",
      "category",
      "cumulative_weeks_in_top_10",
      "season_title",
      "weekly_hours_viewed",
    ];
    const file = parseTop10Tsv(
      "s.tsv",
      tsv(shuffled, ["Winter Tale", "2022-01-02", "7", "Films (English)", "1", "N/A", "100000"]),
    );
    expect(file.rows[0]).toMatchObject({ showTitle: "Winter Tale", rank: 7, week: "2022-01-02" });
  });

  it("tolerates a BOM, CRLF line ends and no final newline", () => {
    const text =
      "\ufeff" +
      tsv(H7, ["2022-01-02", "Films (English)", "1", "Winter Tale", "N/A", "100", "1"]).replace(
        /\n/g,
        "\r\n",
      ) +
      "\r\n";
    expect(parseTop10Tsv("crlf.tsv", text).rows).toHaveLength(1);
    expect(splitTsv("a\tb\r\nc\td")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
});

describe("countries and most-popular files", () => {
  it("reads the per-country lists", () => {
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
    const file = parseTop10Tsv(
      "c.tsv",
      tsv(
        header,
        ["South Korea", "KR", "2023-10-15", "Films", "1", "Paper Crane", "N/A", "2"],
        ["Réunion", "RE", "2023-10-15", "TV", "3", "Lakeside", "Lakeside: Season 1", "1"],
      ),
    );
    expect(file.kind).toBe("countries");
    expect(file.rows).toMatchObject([
      { countryIso2: "KR", category: "films", rank: 1, seasonTitle: null },
      { countryName: "Réunion", category: "tv", seasonTitle: "Lakeside: Season 1" },
    ]);
  });

  it("reads both generations of the most-popular list", () => {
    const now = parseTop10Tsv(
      "mp.tsv",
      tsv(
        [
          "category",
          "rank",
          "show_title",
          "season_title",
          "hours_viewed_first_91_days",
          "runtime",
          "views_first_91_days",
        ],
        ["Films (English)", "1", "Star Drum", "N/A", "541800000", "1.6667", "325100000"],
      ),
    );
    expect(now.kind).toBe("most-popular");
    expect(now.rows[0]).toMatchObject({ windowDays: 91, views: 325_100_000 });
    const before = parseTop10Tsv(
      "mp28.tsv",
      tsv(
        ["category", "rank", "show_title", "season_title", "hours_viewed_first_28_days"],
        ["TV (English)", "1", "Lakeside", "Lakeside: Season 1", "1000000"],
      ),
    );
    expect(before.rows[0]).toMatchObject({ windowDays: 28, views: null, hoursViewed: 1_000_000 });
  });
});

describe("bad input fails with file:line: what is wrong", () => {
  const good = ["2023-10-15", "Films (English)", "1", "Winter Tale", "N/A", "100", "1"];
  it.each([
    ["an unknown header", tsv(["title", "rank"], ["x", "1"]), 1, /unknown header/],
    [
      "a non-numeric rank",
      tsv(
        H7,
        good.map((c, i) => (i === 2 ? "first" : c)),
      ),
      2,
      /weekly_rank "first" is not a whole number/,
    ],
    [
      "a rank outside 1–10",
      tsv(
        H7,
        good.map((c, i) => (i === 2 ? "11" : c)),
      ),
      2,
      /weekly_rank 11 is outside 1–10/,
    ],
    [
      "a rank of 0",
      tsv(
        H7,
        good.map((c, i) => (i === 2 ? "0" : c)),
      ),
      2,
      /outside 1–10/,
    ],
    [
      "a week that is not a Sunday",
      tsv(
        H7,
        good.map((c, i) => (i === 0 ? "2023-10-14" : c)),
      ),
      2,
      /2023-10-14 is not a Sunday/,
    ],
    [
      "an impossible date",
      tsv(
        H7,
        good.map((c, i) => (i === 0 ? "2023-02-30" : c)),
      ),
      2,
      /not a date/,
    ],
    [
      "a truncated row",
      tsv(H7, good, good.slice(0, 4)),
      3,
      /expected 7 columns, found 4 \(a truncated row\?\)/,
    ],
    [
      "an unknown category",
      tsv(
        H7,
        good.map((c, i) => (i === 1 ? "Films (Klingon)" : c)),
      ),
      2,
      /unknown category/,
    ],
    [
      "negative hours",
      tsv(
        H7,
        good.map((c, i) => (i === 5 ? "-5" : c)),
      ),
      2,
      /weekly_hours_viewed "-5" is not a whole number/,
    ],
    [
      "a NUL byte in a title (PostgreSQL cannot store it)",
      tsv(
        H7,
        good.map((c, i) => (i === 3 ? "Bad\u0000Title" : c)),
      ),
      2,
      /show_title holds a NUL character/,
    ],
    ["a rank twice in one list and week", tsv(H7, good, good), 3, /appears twice .*line 2/],
    ["the file Netflix once served as null", "null", 1, /"null" instead of data/],
    ["an empty file", "", 1, /empty/],
  ])("%s", (_name, text, line, message) => {
    const error = errorOf(() => parseTop10Tsv("bad.tsv", text));
    expect(error.problems[0]?.line).toBe(line);
    expect(error.message).toMatch(new RegExp(`^bad\\.tsv:${line}: `));
    expect(error.message).toMatch(message);
  });

  it("lists several problems at once, but not endlessly", () => {
    const rows = Array.from({ length: 50 }, () => good.map((c, i) => (i === 2 ? "x" : c)));
    const error = errorOf(() => parseTop10Tsv("many.tsv", tsv(H7, ...rows)));
    expect(error.problems.length).toBe(20);
  });
});
