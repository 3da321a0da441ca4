import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  EngagementParseError,
  isEngagementWorkbook,
  parseEngagementWorkbook,
  periodFromFileName,
  periodFromId,
  splitTitle,
  type EngagementReport,
  type EngagementRow,
  type EngagementSheet,
} from "./parse";
import { readEngagementFile } from "./read-file";

// Hand-made sheets shaped like read-excel-file's output: numbers for numeric cells, null for empty.
const FILE = "What_We_Watched_A_Netflix_Engagement_Report_2023Jul-Dec.xlsx";
const HEADER = ["Title", "Available Globally?", "Release Date", "Hours Viewed", "Runtime", "Views"];
const BALLERINA = ["Ballerina // 발레리나", "Yes", "2023-10-06", 56_700_000, "1:34", 36_200_000];
const BALLERINA_2016 = ["Ballerina (2016)", "No", null, 2_900_000, "1:29", 2_000_000];
const SQUID_GAME = [
  "Squid Game: Season 1 // 오징어 게임: 시즌 1",
  "Yes",
  "2021-09-17",
  9_800_000,
  "8:12",
  1_200_000,
];

function workbook({
  film = [BALLERINA],
  tv = [SQUID_GAME],
  header = HEADER,
  intro = [],
}: {
  film?: unknown[][];
  tv?: unknown[][];
  header?: unknown[];
  intro?: unknown[][];
} = {}): EngagementSheet[] {
  return [
    { sheet: "Film", data: [...intro, header, ...film] },
    { sheet: "TV", data: [...intro, header, ...tv] },
  ];
}

function errorOf(fn: () => unknown): EngagementParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EngagementParseError) return error;
    throw error;
  }
  throw new Error("expected an EngagementParseError");
}

const problemsOf = (sheets: EngagementSheet[], file = FILE) =>
  errorOf(() => parseEngagementWorkbook(file, sheets)).message.split("\n");

describe("periodFromFileName", () => {
  it("reads Netflix's names and renamed copies", () => {
    expect(periodFromFileName(FILE)).toEqual({
      id: "2023H2",
      start: "2023-07-01",
      end: "2023-12-31",
      label: "Jul–Dec 2023",
    });
    expect(
      periodFromFileName("What_We_Watched_A_Netflix_Engagement_Report_2024Jan-Jun.xlsx"),
    ).toEqual({ id: "2024H1", start: "2024-01-01", end: "2024-06-30", label: "Jan–Jun 2024" });
    for (const name of [
      "engagement_2023_Jul-Dec.xlsx",
      "engagement-2023-H2.xlsx",
      "2023H2.xlsx",
      "What We Watched Jul–Dec 2023.xlsx",
      "reports/2023 july-december.xlsx",
    ]) {
      expect(periodFromFileName(name)?.id, name).toBe("2023H2");
    }
  });
  it("gives null when no half-year, or two, are named", () => {
    expect(periodFromFileName("engagement.xlsx")).toBeNull();
    expect(periodFromFileName("engagement-2023.xlsx")).toBeNull();
    expect(periodFromFileName("2023Jan-Jun_2023Jul-Dec.xlsx")).toBeNull();
    expect(periodFromFileName("H2O 2023.xlsx")).toBeNull();
  });
  it("prefers the year-first reading when a name holds both orders", () => {
    expect(periodFromFileName("2023Jul-Dec_2024-01-15.xlsx")?.id).toBe("2023H2");
  });
  it("round-trips ids", () => {
    expect(periodFromId("2024H1")?.label).toBe("Jan–Jun 2024");
    expect(periodFromId("2024H3")).toBeNull();
  });
});

describe("splitTitle", () => {
  it("splits the English and original titles", () => {
    expect(splitTitle("Ballerina // 발레리나")).toEqual({
      englishTitle: "Ballerina",
      originalTitle: "발레리나",
      yearInTitle: null,
      originalLanguage: "ko",
    });
    expect(splitTitle("Leo")).toEqual({
      englishTitle: "Leo",
      originalTitle: null,
      yearInTitle: null,
      originalLanguage: null,
    });
  });
  it("keeps TV seasons", () => {
    expect(splitTitle("Squid Game: Season 1 // 오징어 게임: 시즌 1")).toMatchObject({
      englishTitle: "Squid Game: Season 1",
      originalTitle: "오징어 게임: 시즌 1",
    });
  });
  it("takes a trailing year off the English title only", () => {
    expect(splitTitle("Ballerina (2016)")).toMatchObject({
      englishTitle: "Ballerina",
      yearInTitle: 2016,
    });
    expect(splitTitle("Yowamushi Pedal (2020) // 弱虫ペダル")).toMatchObject({
      englishTitle: "Yowamushi Pedal",
      originalTitle: "弱虫ペダル",
      yearInTitle: 2020,
    });
    expect(splitTitle("Dr. Storks (2017) // コウノドリ (2017)")).toMatchObject({
      englishTitle: "Dr. Storks",
      originalTitle: "コウノドリ (2017)",
      yearInTitle: 2017,
    });
    // not trailing, or not a year
    expect(splitTitle("Vikings (2013): Season 1")).toMatchObject({
      englishTitle: "Vikings (2013): Season 1",
      yearInTitle: null,
    });
    expect(splitTitle("Blade Runner 2049")).toMatchObject({ yearInTitle: null });
    expect(splitTitle("Apollo (1201)")).toMatchObject({ englishTitle: "Apollo (1201)" });
  });
  it("tolerates stray spaces around the separator", () => {
    expect(splitTitle("Ushijima the Loan Shark The Final  // 闇金ウシジマくん")).toMatchObject({
      englishTitle: "Ushijima the Loan Shark The Final",
      originalTitle: "闇金ウシジマくん",
    });
  });
  it("keeps both Chinese forms as the original title", () => {
    expect(splitTitle("Zero to Hero // 媽媽的神奇小子 // 妈妈的神奇小子")).toMatchObject({
      englishTitle: "Zero to Hero",
      originalTitle: "媽媽的神奇小子 // 妈妈的神奇小子",
    });
  });
  it("names the language only when the script names one", () => {
    const language = (title: string) => splitTitle(title).originalLanguage;
    expect(language("Ballerina // 발레리나")).toBe("ko");
    expect(language("Spirited Away // 千と千尋の神隠し")).toBe("ja"); // kana with Han
    expect(language("Kingdom // キングダム")).toBe("ja");
    expect(language("Hunger // คนหิว เกมกระหาย")).toBe("th");
    expect(language("Fauda: Season 1 // פאודה: עונה 1")).toBe("he");
    expect(language("Kung Fu Hustle // 功夫")).toBeNull(); // Han alone: Chinese or Japanese
    expect(language("Major Grom // Майор Гром: Чумной Доктор")).toBeNull(); // Cyrillic: ru or uk
    expect(language("Jaane Jaan // जाने जान")).toBeNull(); // Devanagari: hi, mr…
    expect(language("Mosul // الموصل")).toBeNull(); // Arabic script: ar, fa, ur…
    expect(language("Forgotten Love // Znachor")).toBeNull(); // Latin
  });
});

describe("parseEngagementWorkbook", () => {
  it("reads rows with every field", () => {
    const report = parseEngagementWorkbook(FILE, workbook({ film: [BALLERINA, BALLERINA_2016] }));
    expect(report.period.id).toBe("2023H2");
    expect(report.rows).toEqual<EngagementRow[]>([
      {
        line: 2,
        kind: "film",
        title: "Ballerina // 발레리나",
        englishTitle: "Ballerina",
        originalTitle: "발레리나",
        yearInTitle: null,
        originalLanguage: "ko",
        availableGlobally: true,
        releaseDate: "2023-10-06",
        hoursViewed: 56_700_000,
        runtimeMinutes: 94,
        views: 36_200_000,
      },
      {
        line: 3,
        kind: "film",
        title: "Ballerina (2016)",
        englishTitle: "Ballerina",
        originalTitle: null,
        yearInTitle: 2016,
        originalLanguage: null,
        availableGlobally: false,
        releaseDate: null,
        hoursViewed: 2_900_000,
        runtimeMinutes: 89,
        views: 2_000_000,
      },
      {
        line: 2,
        kind: "tv",
        title: "Squid Game: Season 1 // 오징어 게임: 시즌 1",
        englishTitle: "Squid Game: Season 1",
        originalTitle: "오징어 게임: 시즌 1",
        yearInTitle: null,
        originalLanguage: "ko",
        availableGlobally: true,
        releaseDate: "2021-09-17",
        hoursViewed: 9_800_000,
        runtimeMinutes: 492,
        views: 1_200_000,
      },
    ]);
  });

  it("finds the header below introductory rows, in any column", () => {
    const intro = [
      ["What We Watched: A Netflix Engagement Report"],
      [null],
      ["Reporting period: Jul–Dec 2023", null, "Hours Viewed are rounded"],
      [],
    ];
    const shift = (row: unknown[]) => [null, ...row];
    const report = parseEngagementWorkbook(
      FILE,
      workbook({ intro, header: shift(HEADER), film: [shift(BALLERINA)], tv: [shift(SQUID_GAME)] }),
    );
    expect(report.rows.map((r) => [r.kind, r.line, r.title, r.runtimeMinutes])).toEqual([
      ["film", 6, "Ballerina // 발레리나", 94],
      ["tv", 6, "Squid Game: Season 1 // 오징어 게임: 시즌 1", 492],
    ]);
  });

  it("reads older editions without Runtime and Views, columns in any order", () => {
    const header = ["Hours Viewed", "Title", "Available Globally?", "Release Date"];
    const report = parseEngagementWorkbook(
      "What_We_Watched_A_Netflix_Engagement_Report_2023Jan-Jun.xlsx",
      workbook({
        header,
        film: [[812_100_000, "The Night Agent: Season 1", "Yes", "2023-03-23"]],
        tv: [],
      }),
    );
    expect(report.period.label).toBe("Jan–Jun 2023");
    expect(report.rows).toEqual([
      expect.objectContaining({
        title: "The Night Agent: Season 1",
        hoursViewed: 812_100_000,
        runtimeMinutes: null,
        views: null,
        releaseDate: "2023-03-23",
      }),
    ]);
  });

  it("lists film rows before TV rows whatever the sheet order", () => {
    const [film, tv] = workbook();
    const report = parseEngagementWorkbook(FILE, [tv!, film!]);
    expect(report.rows.map((r) => r.kind)).toEqual(["film", "tv"]);
  });

  it("accepts Dates, numeric titles, numbers as text, `*` runtimes and spacer rows", () => {
    const report = parseEngagementWorkbook(
      FILE,
      workbook({
        film: [
          [1917, "No", new Date(Date.UTC(2020, 0, 10)), "1,200,000", "1:59", "600000"],
          [null, null, null, null, null, null],
          ["Leo", true, null, 171_200_000, null, null],
        ],
        tv: [["Peppa Pig: Season 1", "No", null, 73_000_000, "*", 17_900_000]],
      }),
    );
    expect(
      report.rows.map((r) => [r.line, r.title, r.releaseDate, r.hoursViewed, r.views]),
    ).toEqual([
      [2, "1917", "2020-01-10", 1_200_000, 600_000],
      [4, "Leo", null, 171_200_000, null],
      [2, "Peppa Pig: Season 1", null, 73_000_000, 17_900_000],
    ]);
    expect(report.rows[2]!.runtimeMinutes).toBeNull();
  });

  it("refuses a file name without a half-year", () => {
    expect(problemsOf(workbook(), "engagement.xlsx")).toEqual([
      "engagement.xlsx:0: the file name names no half-year (expected e.g. What_We_Watched_A_Netflix_Engagement_Report_2023Jul-Dec.xlsx)",
    ]);
  });

  it("refuses a missing sheet", () => {
    const [film] = workbook();
    expect(problemsOf([film!, { sheet: "Notes", data: [] }])).toEqual([
      `${FILE}:0: no sheet named "TV" (sheets: "Film", "Notes")`,
    ]);
  });

  it("refuses a sheet without a header or without a required column", () => {
    const [film, tv] = workbook();
    expect(problemsOf([film!, { sheet: "TV", data: [["Leo", 1]] }])).toEqual([
      `${FILE}[TV]:1: no header row with "Title" and "Hours Viewed" in the first 20 rows`,
    ]);
    const noGlobal = ["Title", "Release Date", "Hours Viewed"];
    expect(problemsOf([{ sheet: "Film", data: [["intro"], noGlobal] }, tv!])).toEqual([
      `${FILE}[Film]:2: the header lacks "Available Globally?" (required columns: Title, Available Globally?, Hours Viewed)`,
    ]);
  });

  it("refuses bad cells with their sheet and row", () => {
    const row = (over: Record<number, unknown>) =>
      BALLERINA.map((v, i) => (i in over ? over[i] : v));
    expect(
      problemsOf(
        workbook({
          film: [
            row({ 0: "  " }),
            row({ 1: "Maybe" }),
            row({ 2: "06/10/2023" }),
            row({ 2: "2023-02-30" }),
            row({ 3: -5 }),
            row({ 3: "lots" }),
            row({ 3: null }),
            row({ 4: "94 min" }),
            row({ 4: 0.065 }),
            row({ 5: "many" }),
          ],
          tv: [[SQUID_GAME[0], null, null, 1, null, null]],
        }),
      ),
    ).toEqual([
      `${FILE}[Film]:2: Title is empty`,
      `${FILE}[Film]:3: Available Globally? "Maybe" is neither Yes nor No`,
      `${FILE}[Film]:4: Release Date "06/10/2023" is not a date (YYYY-MM-DD)`,
      `${FILE}[Film]:5: Release Date "2023-02-30" is not a date (YYYY-MM-DD)`,
      `${FILE}[Film]:6: Hours Viewed -5 is negative`,
      `${FILE}[Film]:7: Hours Viewed "lots" is not a number`,
      `${FILE}[Film]:8: Hours Viewed is empty`,
      `${FILE}[Film]:9: Runtime "94 min" is not a duration (H:MM)`,
      `${FILE}[Film]:10: Runtime 0.065 is not a duration (H:MM)`,
      `${FILE}[Film]:11: Views "many" is not a number`,
      `${FILE}[TV]:2: Available Globally? is empty`,
    ]);
  });

  it("reports every problem of a row, and at most 20 in all", () => {
    expect(problemsOf(workbook({ film: [[null, "?", "soon", -1, "long", -2]] }))).toEqual([
      `${FILE}[Film]:2: Title is empty`,
      `${FILE}[Film]:2: Available Globally? "?" is neither Yes nor No`,
      `${FILE}[Film]:2: Release Date "soon" is not a date (YYYY-MM-DD)`,
      `${FILE}[Film]:2: Hours Viewed -1 is negative`,
      `${FILE}[Film]:2: Runtime "long" is not a duration (H:MM)`,
      `${FILE}[Film]:2: Views -2 is negative`,
    ]);
    const bad = Array.from({ length: 50 }, () => ["Leo", "Yes", null, "none", null, null]);
    const error = errorOf(() => parseEngagementWorkbook(FILE, workbook({ film: bad, tv: bad })));
    expect(error.problems).toHaveLength(20);
    expect(error.problems.at(-1)).toEqual({
      sheet: "Film",
      line: 21,
      problem: 'Hours Viewed "none" is not a number',
    });
  });
});

describe("isEngagementWorkbook", () => {
  it("wants Film and TV sheets with a Title and Hours Viewed header", () => {
    expect(isEngagementWorkbook(workbook())).toBe(true);
    expect(isEngagementWorkbook(workbook({ intro: [["Netflix"], []] }))).toBe(true);
    expect(isEngagementWorkbook(workbook().slice(0, 1))).toBe(false);
    expect(isEngagementWorkbook(workbook({ header: ["Title", "Views"] }))).toBe(false);
    // a Top 10 workbook
    expect(
      isEngagementWorkbook([{ sheet: "Sheet1", data: [["week", "category", "show_title"]] }]),
    ).toBe(false);
  });
});

const DATA = path.resolve(import.meta.dirname, "../../../shared/data");
const REPORTS = path.join(DATA, "netflix-engagement");
const exists = fs.existsSync(REPORTS);

describe.skipIf(!exists)(`the real reports in ${REPORTS} (skipped when absent)`, () => {
  let h2: EngagementReport;
  let h1: EngagementReport;
  beforeAll(async () => {
    [h2, h1] = await Promise.all([
      readEngagementFile(
        path.join(REPORTS, "What_We_Watched_A_Netflix_Engagement_Report_2023Jul-Dec.xlsx"),
      ),
      readEngagementFile(
        path.join(REPORTS, "What_We_Watched_A_Netflix_Engagement_Report_2024Jan-Jun.xlsx"),
      ),
    ]);
  });

  it("reads every row of both sheets", () => {
    const count = (r: EngagementReport, kind: string) =>
      r.rows.filter((row) => row.kind === kind).length;
    expect(count(h2, "film")).toBe(9_395);
    expect(count(h2, "tv")).toBe(6_599);
    expect(count(h1, "film")).toBe(9_360);
    expect(count(h1, "tv")).toBe(6_802);
  });

  it("names the periods", () => {
    expect(h2.period.label).toBe("Jul–Dec 2023");
    expect(h1.period).toEqual({
      id: "2024H1",
      start: "2024-01-01",
      end: "2024-06-30",
      label: "Jan–Jun 2024",
    });
  });

  it("tells the two films called Ballerina apart", () => {
    const film = (title: string) => h2.rows.find((r) => r.kind === "film" && r.title === title);
    expect(film("Ballerina // 발레리나")).toMatchObject({
      englishTitle: "Ballerina",
      originalLanguage: "ko",
      releaseDate: "2023-10-06",
      runtimeMinutes: 94,
      views: 36_200_000,
      hoursViewed: 56_700_000,
      availableGlobally: true,
    });
    expect(film("Ballerina (2016)")).toMatchObject({
      englishTitle: "Ballerina",
      yearInTitle: 2016,
      availableGlobally: false,
      releaseDate: null,
      runtimeMinutes: 89,
    });
  });
});
