import fs from "node:fs";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEngagementWorkbook, type EngagementReport } from "../../lib/engagement/parse";
import { readEngagementFile } from "../../lib/engagement/read-file";
import { parseTop10Tsv } from "../../lib/top10/parse";
import type { DatabaseHandle } from "../index";
import { getCurrentSlug } from "../queries/redirects";
import { engagementEntries, films, seasons, series } from "../schema";
import { seedDemo } from "../seed/index";
import { createTestDatabase, testEngines } from "../testing";
import { importEngagement, seriesOriginalTitle } from "./engagement";
import { importTop10 } from "./top10";

const HEADER = ["Title", "Available Globally?", "Release Date", "Hours Viewed", "Runtime", "Views"];
const FILE = "What_We_Watched_A_Netflix_Engagement_Report_2023Jul-Dec.xlsx";
const report = (film: unknown[][], tv: unknown[][] = [], file = FILE): EngagementReport =>
  parseEngagementWorkbook(file, [
    { sheet: "Film", data: [HEADER, ...film] },
    { sheet: "TV", data: [HEADER, ...tv] },
  ]);

const H9 =
  "week\tcategory\tweekly_rank\tshow_title\tseason_title\tweekly_hours_viewed\truntime\tweekly_views\tcumulative_weeks_in_top_10";
// Titles the chart importer creates: no year, Netflix's runtime where the file has one.
const CHARTS = [
  H9,
  "2024-01-07\tFilms (English)\t1\tCode 8\tN/A\t9000000\t1.65\t5400000\t1",
  "2024-01-07\tFilms (English)\t2\tHellboy\tN/A\t4000000\t2.0\t2000000\t1",
  "2024-01-07\tFilms (English)\t3\tQuiet Harbour\tN/A\t3000000\t\t\t1",
  "2024-01-07\tFilms (English)\t4\tEchoes\tN/A\t2000000\t\t\t1",
  "2024-01-07\tFilms (Non-English)\t1\tEchoes\tN/A\t2500000\t\t\t1",
  "2024-01-07\tTV (Non-English)\t1\tHarbour Lights\tHarbour Lights: Season 1\t9000000\t6.5\t1400000\t1",
].join("\n");

const SHARED = path.resolve(import.meta.dirname, "../../../shared/data/netflix-engagement");
const haveShared = fs.existsSync(path.join(SHARED, FILE));

async function film(handle: DatabaseHandle, where: { slug?: string; title?: string }) {
  const [row] = await handle.db
    .select()
    .from(films)
    .where(where.slug ? eq(films.slug, where.slug) : eq(films.title, where.title!));
  return row;
}

describe.each(testEngines())("importing engagement reports on %s", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
    await importTop10(handle.db, "charts.tsv", parseTop10Tsv("charts.tsv", CHARTS));
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("tells the two Ballerinas apart and keeps what editors wrote", async () => {
    const summary = await importEngagement(
      handle.db,
      FILE,
      report([
        ["Ballerina // 발레리나", "Yes", "2023-10-06", 56_700_000, "1:34", 36_200_000],
        ["Ballerina (2016)", "No", null, 2_900_000, "1:29", 2_000_000],
      ]),
    );
    expect(summary.attached.high).toBe(2);
    const korean = await film(handle, { slug: "ballerina-2023" });
    expect(korean).toMatchObject({
      originalTitle: "발레리나",
      runtimeMinutes: 92, // the editors' figure stays; Netflix counts 94
      netflixReleaseDate: "2023-10-06",
      availableGlobally: true,
    });
    expect(korean?.factSources).toMatchObject({
      runtimeMinutes: "editors",
      netflixReleaseDate: "netflix-engagement:2023H2",
    });
    const animated = await film(handle, { slug: "ballerina-2016" });
    expect(animated).toMatchObject({
      year: 2016,
      netflixReleaseDate: null,
      availableGlobally: false,
    });
    const figures = await handle.db
      .select({ filmId: engagementEntries.filmId, views: engagementEntries.views })
      .from(engagementEntries)
      .where(eq(engagementEntries.period, "2023H2"));
    expect(figures).toEqual(
      expect.arrayContaining([
        { filmId: korean!.id, views: 36_200_000 },
        { filmId: animated!.id, views: 2_000_000 },
      ]),
    );
  });

  it("gives a title the year Netflix prints in it, and its old address redirects", async () => {
    const before = await film(handle, { title: "Code 8" });
    expect(before).toMatchObject({ slug: "code-8", year: null });
    const summary = await importEngagement(
      handle.db,
      FILE,
      report([["Code 8 (2019)", "No", null, 5_900_000, "1:39", 3_600_000]]),
    );
    expect(summary.attached.high).toBe(1);
    expect(summary.changedFilms).toEqual(["code-8", "code-8-2019"]);
    const after = await film(handle, { title: "Code 8" });
    expect(after).toMatchObject({ slug: "code-8-2019", year: 2019 });
    expect(after?.factSources.year).toBe("netflix-engagement:2023H2");
    expect(await getCurrentSlug(handle.db, { kind: "film", slug: "code-8" })).toBe("code-8-2019");
  });

  it("never takes a year from Netflix's premiere date", async () => {
    await importEngagement(
      handle.db,
      FILE,
      report([["Quiet Harbour", "Yes", "2024-01-04", 1_000_000, "1:50", 500_000]]),
    );
    expect(await film(handle, { title: "Quiet Harbour" })).toMatchObject({
      year: null,
      slug: "quiet-harbour",
      netflixReleaseDate: "2024-01-04",
    });
  });

  it("leaves namesakes it cannot tell apart unattached and says why", async () => {
    const summary = await importEngagement(
      handle.db,
      FILE,
      report([
        // both agree with the one Hellboy on the charts (Netflix: 2.0 hours), which has no year
        ["Hellboy (2004)", "No", null, 1_000_000, "2:00", 500_000],
        ["Hellboy (2019)", "No", null, 1_200_000, "2:00", 600_000],
        // two films called Echoes charted (English and non-English lists); the report has no original title
        ["Echoes", "No", null, 800_000, "1:40", 480_000],
      ]),
    );
    expect(summary.issues.map((i) => [i.title, i.confidence])).toEqual(
      expect.arrayContaining([
        ["Hellboy (2004)", "ambiguous"],
        ["Hellboy (2019)", "ambiguous"],
        ["Echoes", "ambiguous"],
      ]),
    );
    expect(await film(handle, { title: "Hellboy" })).toMatchObject({ year: null, slug: "hellboy" });
    const [attached] = await handle.db
      .select({ n: count() })
      .from(engagementEntries)
      .where(and(eq(engagementEntries.period, "2023H2"), eq(engagementEntries.title, "Echoes")));
    expect(attached?.n).toBe(1);
    const [echo] = await handle.db
      .select({ filmId: engagementEntries.filmId, confidence: engagementEntries.matchConfidence })
      .from(engagementEntries)
      .where(eq(engagementEntries.title, "Echoes"));
    expect(echo).toEqual({ filmId: null, confidence: "ambiguous" });
  });

  it("gives a season and its series their original titles", async () => {
    await importEngagement(
      handle.db,
      FILE,
      report(
        [],
        [
          [
            "Harbour Lights: Season 1 // 항구의 불빛: 시즌 1",
            "Yes",
            "2023-12-01",
            9_000_000,
            "6:30",
            1_400_000,
          ],
        ],
      ),
    );
    const [season] = await handle.db
      .select()
      .from(seasons)
      .where(eq(seasons.title, "Harbour Lights: Season 1"));
    expect(season).toMatchObject({
      originalTitle: "항구의 불빛: 시즌 1",
      netflixReleaseDate: "2023-12-01",
    });
    const [show] = await handle.db.select().from(series).where(eq(series.id, season!.seriesId));
    expect(show).toMatchObject({
      originalTitle: "항구의 불빛",
      originalLanguage: "ko",
      year: null,
    });
  });

  it("changes nothing when the same report comes again", async () => {
    const again = report([
      ["Ballerina // 발레리나", "Yes", "2023-10-06", 56_700_000, "1:34", 36_200_000],
      ["Ballerina (2016)", "No", null, 2_900_000, "1:29", 2_000_000],
      ["Code 8 (2019)", "No", null, 5_900_000, "1:39", 3_600_000],
    ]);
    const first = await importEngagement(handle.db, FILE, again);
    expect(first).toMatchObject({ filmsUpdated: 0, rowsAdded: 0, rowsUpdated: 0 });
  });

  it("a newer report's figures for the same film are kept apart, by period", async () => {
    const newer = report(
      [["Ballerina // 발레리나", "Yes", "2023-10-06", 14_200_000, "1:34", 9_100_000]],
      [],
      "What_We_Watched_A_Netflix_Engagement_Report_2024Jan-Jun.xlsx",
    );
    await importEngagement(handle.db, "2024.xlsx", newer);
    const korean = await film(handle, { slug: "ballerina-2023" });
    const rows = await handle.db
      .select({ period: engagementEntries.period, views: engagementEntries.views })
      .from(engagementEntries)
      .where(eq(engagementEntries.filmId, korean!.id))
      .orderBy(engagementEntries.period);
    expect(rows).toEqual([
      { period: "2023H2", views: 36_200_000 },
      { period: "2024H1", views: 9_100_000 },
    ]);
  });
});

describe("a series' original title from its season's", () => {
  it("splits where the English title splits", () => {
    expect(seriesOriginalTitle("Squid Game", "Squid Game: Season 1", "오징어 게임: 시즌 1")).toBe(
      "오징어 게임",
    );
    expect(seriesOriginalTitle("Beef", "Beef", "Beef")).toBe("Beef");
    expect(seriesOriginalTitle("Lupin", "Arsène: Part 1", "ルパン: 1")).toBeNull();
  });
});

describe.skipIf(!haveShared)(
  "Netflix's published workbooks (skipped when ../shared/data is absent)",
  () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await createTestDatabase("pglite");
      await seedDemo(handle.db);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it(
      "attaches both Ballerinas in the whole Jul–Dec 2023 report",
      { timeout: 120_000 },
      async () => {
        const parsed = await readEngagementFile(path.join(SHARED, FILE));
        const summary = await importEngagement(handle.db, FILE, parsed);
        expect(summary.rowsRead).toBe(parsed.rows.length);
        expect(await film(handle, { slug: "ballerina-2023" })).toMatchObject({
          originalTitle: "발레리나",
          netflixReleaseDate: "2023-10-06",
        });
        expect(await film(handle, { slug: "ballerina-2016" })).toMatchObject({ year: 2016 });
        const again = await importEngagement(handle.db, FILE, parsed);
        expect(again).toMatchObject({ rowsAdded: 0, rowsUpdated: 0, filmsUpdated: 0 });
      },
    );
  },
);
