import fs from "node:fs";
import path from "node:path";
import { and, count, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTop10Tsv } from "../../lib/top10/parse";
import { readTop10File } from "../../lib/top10/read-file";
import type { DatabaseHandle } from "../index";
import { getChartHistoryByFilmId, getSeriesBySlug } from "../queries/charts";

import {
  chartEntries,
  chartRevisions,
  countryChartEntries,
  films,
  mostPopularEntries,
} from "../schema";
import { seedDemo } from "../seed/index";
import { createTestDatabase, testEngines } from "../testing";
import { importTop10 } from "./top10";

const H9 =
  "week\tcategory\tweekly_rank\tshow_title\tseason_title\tweekly_hours_viewed\truntime\tweekly_views\tcumulative_weeks_in_top_10";
const tsv = (...rows: string[]) => [H9, ...rows].join("\n");
const SHARED = path.resolve(import.meta.dirname, "../../../shared/data/netflix-top10");
const sharedFile = (name: string) => path.join(SHARED, name);
const haveShared = fs.existsSync(sharedFile("all-weeks-global.tsv"));

async function filmId(handle: DatabaseHandle, slug: string) {
  const [row] = await handle.db.select({ id: films.id }).from(films).where(eq(films.slug, slug));
  return row?.id;
}

async function snapshot(handle: DatabaseHandle) {
  const entries = await handle.db
    .select()
    .from(chartEntries)
    .orderBy(chartEntries.week, chartEntries.list, chartEntries.rank);
  const [filmCount] = await handle.db.select({ n: count() }).from(films);
  const [revisionCount] = await handle.db.select({ n: count() }).from(chartRevisions);
  return { entries, films: filmCount?.n, revisions: revisionCount?.n };
}

describe.each(testEngines())("importing Top 10 files on %s", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("attaches Netflix's Ballerina to the seeded Korean film, and the 2024 one to the other", async () => {
    // Weeks the demo seed has no rows for, so every row goes through matching.
    const file = parseTop10Tsv(
      "fixture.tsv",
      tsv(
        "2023-11-12\tFilms (Non-English)\t8\tBALLERINA\tN/A\t1900000\t1.5667\t1200000\t6",
        "2024-03-10\tFilms (English)\t9\tBallerina\tN/A\t4000000\t1.4833\t2700000\t2",
        "2024-03-10\tFilms (English)\t10\tA Film Nobody Seeded\tN/A\t4400000\t1.5\t2600000\t1",
      ),
    );
    const summary = await importTop10(handle.db, "fixture.tsv", file);
    expect(summary).toMatchObject({
      rowsRead: 3,
      titlesCreated: 1,
      titlesMatched: 2,
      ambiguous: [],
    });

    const korean = await getChartHistoryByFilmId(handle.db, {
      filmId: (await filmId(handle, "ballerina-2023"))!,
    });
    expect(korean.find((w) => w.week === "2023-11-12")).toMatchObject({
      rank: 8,
      views: 1_200_000,
    });
    expect(korean.some((w) => w.week.startsWith("2024"))).toBe(false);
    const animated = await getChartHistoryByFilmId(handle.db, {
      filmId: (await filmId(handle, "ballerina-2016"))!,
    });
    expect(animated.map((w) => [w.week, w.list, w.rank])).toEqual([
      ["2024-03-10", "films-english", 9],
    ]);

    const [created] = await handle.db
      .select()
      .from(films)
      .where(eq(films.slug, "a-film-nobody-seeded"));
    // the week it charted says nothing of when it came out: no year, and none in the slug
    expect(created).toMatchObject({
      title: "A Film Nobody Seeded",
      year: null,
      runtimeMinutes: 90,
      factSources: { runtimeMinutes: "netflix-top10" },
      needsReview: true,
    });
  });

  it("puts TV rows on a series and its seasons, with movement between weeks", async () => {
    const file = parseTop10Tsv(
      "tv.tsv",
      tsv(
        "2023-11-05\tTV (Non-English)\t2\tHarbour Lights\tHarbour Lights: Season 1\t9000000\t6.5\t1400000\t1",
        "2023-11-12\tTV (Non-English)\t1\tHarbour Lights\tHarbour Lights: Season 1\t12000000\t6.5\t1800000\t2",
        "2023-11-12\tTV (Non-English)\t7\tHarbour Lights\tHarbour Lights: Season 2\t3000000\t6.0\t500000\t1",
      ),
    );
    const summary = await importTop10(handle.db, "tv.tsv", file);
    expect(summary).toMatchObject({ titlesCreated: 1, rowsAdded: 3 });
    const show = await getSeriesBySlug(handle.db, { slug: "harbour-lights" });
    expect(show?.seasons).toEqual(["Harbour Lights: Season 1", "Harbour Lights: Season 2"]);
    expect(show?.chart.map((w) => [w.week, w.seasonTitle, w.rank, w.previousRank])).toEqual([
      ["2023-11-05", "Harbour Lights: Season 1", 2, null],
      ["2023-11-12", "Harbour Lights: Season 1", 1, 2],
      ["2023-11-12", "Harbour Lights: Season 2", 7, null],
    ]);
  });

  it("changes nothing when the same file comes again", async () => {
    const text = tsv(
      "2023-10-22\tFilms (Non-English)\t3\tBallerina\tN/A\t6600000\t1.5667\t4200000\t3",
    );
    await importTop10(handle.db, "a.tsv", parseTop10Tsv("a.tsv", text));
    const before = await snapshot(handle);
    const again = await importTop10(handle.db, "a.tsv", parseTop10Tsv("a.tsv", text));
    expect(again).toMatchObject({
      rowsAdded: 0,
      rowsUpdated: 0,
      rowsUnchanged: 1,
      titlesCreated: 0,
      weeksAdded: 0,
      weeksUpdated: 0,
    });
    expect(await snapshot(handle)).toEqual(before);
  });

  it("updates corrected figures and keeps the earlier value with its date", async () => {
    const week = "2023-10-29\tFilms (Non-English)\t10\tBallerina\tN/A";
    await importTop10(
      handle.db,
      "old.tsv",
      parseTop10Tsv("old.tsv", tsv(`${week}\t3100000\t1.5667\t2000000\t4`)),
    );
    const corrected = await importTop10(
      handle.db,
      "new.tsv",
      parseTop10Tsv("new.tsv", tsv(`${week}\t3200000\t1.5667\t2000000\t4`)),
    );
    expect(corrected).toMatchObject({ rowsUpdated: 1, weeksUpdated: 1 });
    const [entry] = await handle.db
      .select()
      .from(chartEntries)
      .where(
        and(
          eq(chartEntries.week, "2023-10-29"),
          eq(chartEntries.list, "films-non-english"),
          eq(chartEntries.rank, 10),
        ),
      );
    expect(entry?.hoursViewed).toBe(3_200_000);
    const revisions = await handle.db
      .select()
      .from(chartRevisions)
      .where(eq(chartRevisions.entryId, entry!.id));
    expect(revisions).toMatchObject([
      { field: "hoursViewed", oldValue: "3100000", newValue: "3200000", source: "new.tsv" },
    ]);
    expect(revisions[0]!.changedAt).toBeInstanceOf(Date);
  });

  it("writes nothing when an import fails half-way", async () => {
    const before = await snapshot(handle);
    const rows = Array.from(
      { length: 10 },
      (_, i) => `2019-01-06\tFilms (English)\t${i + 1}\tHalfway Film ${i}\tN/A\t100000\t\t\t1`,
    );
    const boom = () => {
      throw new Error("disk on fire");
    };
    await expect(
      importTop10(handle.db, "h.tsv", parseTop10Tsv("h.tsv", tsv(...rows)), boom),
    ).rejects.toThrow("disk on fire");
    expect(await snapshot(handle)).toEqual(before);
  });

  it("reports a title that fits two films and attaches it to neither", async () => {
    await handle.db.insert(films).values([
      { slug: "twin-2020", title: "Twin", year: 2020, runtimeMinutes: 100, originalLanguage: "ko" },
      { slug: "twin-2021", title: "Twin", year: 2021, runtimeMinutes: 102, originalLanguage: "ko" },
    ]);
    const summary = await importTop10(
      handle.db,
      "twin.tsv",
      parseTop10Tsv(
        "twin.tsv",
        tsv("2023-12-03\tFilms (Non-English)\t4\tTwin\tN/A\t5000000\t1.6667\t3000000\t1"),
      ),
    );
    expect(summary.ambiguous).toEqual([
      { line: 2, title: "Twin", candidates: ["twin-2020", "twin-2021"] },
    ]);
    const [entry] = await handle.db
      .select()
      .from(chartEntries)
      .where(eq(chartEntries.showTitle, "Twin"));
    expect(entry?.filmId).toBeNull();
  });
});

describe.skipIf(!haveShared).each(testEngines())("Netflix's published files on %s", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  it(
    "imports the whole global file and gets Ballerina's run exactly",
    { timeout: 120_000 },
    async () => {
      const parsed = await readTop10File(sharedFile("all-weeks-global.tsv"));
      const summary = await importTop10(handle.db, "all-weeks-global.tsv", parsed);
      expect(summary.rowsRead).toBe(parsed.rows.length);
      expect(summary.ambiguous).toEqual([]);

      const run = await getChartHistoryByFilmId(handle.db, {
        filmId: (await filmId(handle, "ballerina-2023"))!,
      });
      expect(
        run.map((w) => [w.week, w.list, w.rank, w.views, w.hoursViewed, w.cumulativeWeeks]),
      ).toEqual([
        ["2023-10-08", "films-non-english", 3, 10_100_000, 15_800_000, 1],
        ["2023-10-15", "films-non-english", 1, 14_700_000, 23_100_000, 2],
        ["2023-10-22", "films-non-english", 3, 4_200_000, 6_600_000, 3],
        ["2023-10-29", "films-non-english", 10, 2_000_000, 3_100_000, 4],
        ["2023-11-05", "films-non-english", 10, 1_300_000, 2_000_000, 5],
      ]);
      const other = await getChartHistoryByFilmId(handle.db, {
        filmId: (await filmId(handle, "ballerina-2016"))!,
      });
      expect(other.map((w) => [w.week, w.list])).toEqual([["2024-03-03", "films-english"]]);

      // No title the import created has a year: the week it charted is not when it came out.
      const [withYear] = await handle.db
        .select({ n: count() })
        .from(films)
        .where(and(eq(films.needsReview, true), isNotNull(films.year)));
      expect(withYear?.n).toBe(0);
      const [nineteen17] = await handle.db.select().from(films).where(eq(films.title, "1917"));
      expect(nineteen17).toMatchObject({ slug: "1917", year: null });

      const again = await importTop10(handle.db, "all-weeks-global.tsv", parsed);
      expect(again).toMatchObject({
        rowsAdded: 0,
        rowsUpdated: 0,
        rowsUnchanged: parsed.rows.length,
        titlesCreated: 0,
      });
    },
  );

  it("counts each title's countries from the per-country file", { timeout: 120_000 }, async () => {
    const parsed = await readTop10File(sharedFile("all-weeks-countries.2022-03-02.tsv"));
    if (parsed.kind !== "countries") throw new Error("expected a countries file");
    await importTop10(handle.db, "countries.tsv", parsed);
    const [stored] = await handle.db.select({ n: count() }).from(countryChartEntries);
    expect(stored?.n).toBe(parsed.rows.length);

    // Recount one week's number one from the file itself and compare.
    const [top] = await handle.db
      .select()
      .from(chartEntries)
      .where(
        and(
          eq(chartEntries.week, "2022-02-27"),
          eq(chartEntries.list, "films-english"),
          eq(chartEntries.rank, 1),
        ),
      );
    const expected = new Set(
      parsed.rows
        .filter(
          (r) =>
            r.week === "2022-02-27" && r.category === "films" && r.showTitle === top!.showTitle,
        )
        .map((r) => r.countryIso2),
    ).size;
    expect(expected).toBeGreaterThan(0);
    expect(top?.countries).toBe(expected);

    const again = await importTop10(handle.db, "countries.tsv", parsed);
    expect(again).toMatchObject({
      rowsAdded: 0,
      rowsUpdated: 0,
      rowsUnchanged: parsed.rows.length,
    });
  });

  it(
    "imports the most popular lists and the XLSX edition of the global file",
    { timeout: 120_000 },
    async () => {
      const popular = await readTop10File(sharedFile("most-popular.tsv"));
      await importTop10(handle.db, "most-popular.tsv", popular);
      const [stored] = await handle.db.select({ n: count() }).from(mostPopularEntries);
      expect(stored?.n).toBe(popular.rows.length);

      const xlsx = await readTop10File(sharedFile("all-weeks-global.xlsx"));
      expect(xlsx.kind).toBe("global");
      const summary = await importTop10(handle.db, "all-weeks-global.xlsx", xlsx);
      expect(summary.rowsRead).toBe(xlsx.rows.length);
      // The XLSX copy is a few weeks newer than the TSV: everything else is the same data.
      expect(summary.rowsUnchanged + summary.rowsUpdated + summary.rowsAdded).toBe(
        xlsx.rows.length,
      );
      expect(summary.rowsUnchanged).toBeGreaterThan(xlsx.rows.length * 0.9);
    },
  );
});
