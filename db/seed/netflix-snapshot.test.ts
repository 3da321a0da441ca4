import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../index";
import { getChartHistoryByFilmId } from "../queries/charts";
import { chartEntries, engagementEntries, films } from "../schema";
import { createTestDatabase, testEngines } from "../testing";
import { seedDemo } from "./index";
import { importNetflixSnapshot, readSnapshotManifest, SNAPSHOT_DIR } from "./netflix-snapshot";

describe("the shipped Netflix snapshot", () => {
  it("is what its manifest says: checksums, row counts and sources", async () => {
    const manifest = await readSnapshotManifest();
    expect(manifest.files.map((f) => f.kind).sort()).toEqual([
      "engagement-extract",
      "global",
      "most-popular",
    ]);
    for (const file of manifest.files) {
      const text = gunzipSync(fs.readFileSync(path.join(SNAPSHOT_DIR, file.name)));
      expect(createHash("sha256").update(text).digest("hex"), file.name).toBe(file.sha256);
      expect(file.source).toMatch(/Netflix/);
      expect(file.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const lines = text.toString("utf8").split("\n").filter(Boolean).length;
      expect(lines - 1, file.name).toBe(file.rows);
    }
  });
});

describe.each(testEngines())("starting from the snapshot on %s", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
    await importNetflixSnapshot(handle.db);
  }, 180_000);
  afterAll(async () => {
    await handle?.close();
  });

  it("has every week's four lists complete", async () => {
    const manifest = await readSnapshotManifest();
    const global = manifest.files.find((f) => f.kind === "global")!;
    const perWeek = await handle.db
      .select({ week: chartEntries.week, n: count() })
      .from(chartEntries)
      .groupBy(chartEntries.week)
      .orderBy(chartEntries.week);
    expect(perWeek.every((w) => w.n === 40)).toBe(true);
    expect(perWeek[0]?.week).toBe(global.weeks![0]);
    expect(perWeek.at(-1)?.week).toBe(global.weeks![1]);
    expect(perWeek.length * 40).toBe(global.rows);
    const [unattached] = await handle.db
      .select({ n: count() })
      .from(chartEntries)
      .where(sql`${chartEntries.filmId} is null and ${chartEntries.seasonId} is null`);
    expect(unattached?.n).toBe(0);
  });

  it("matches the hand-written films instead of duplicating them", async () => {
    const ballerinas = await handle.db
      .select({ slug: films.slug, needsReview: films.needsReview })
      .from(films)
      .where(eq(films.title, "Ballerina"))
      .orderBy(films.slug);
    expect(ballerinas).toEqual([
      { slug: "ballerina-2016", needsReview: false },
      { slug: "ballerina-2023", needsReview: false },
    ]);
    const [korean] = await handle.db.select().from(films).where(eq(films.slug, "ballerina-2023"));
    const run = await getChartHistoryByFilmId(handle.db, { filmId: korean!.id });
    expect(run.map((w) => [w.week, w.rank, w.views, w.hoursViewed])).toEqual([
      ["2023-10-08", 3, 10_100_000, 15_800_000],
      ["2023-10-15", 1, 14_700_000, 23_100_000],
      ["2023-10-22", 3, 4_200_000, 6_600_000],
      ["2023-10-29", 10, 2_000_000, 3_100_000],
      ["2023-11-05", 10, 1_300_000, 2_000_000],
    ]);
    // the curated facts stay; the report adds what the catalogue lacked
    expect(korean).toMatchObject({
      runtimeMinutes: 92,
      originalTitle: "발레리나",
      netflixReleaseDate: "2023-10-06",
      factSources: { runtimeMinutes: "editors", netflixReleaseDate: "netflix-engagement:2023H2" },
    });
    const figures = await handle.db
      .select({ period: engagementEntries.period, views: engagementEntries.views })
      .from(engagementEntries)
      .where(eq(engagementEntries.filmId, korean!.id))
      .orderBy(engagementEntries.period);
    expect(figures).toEqual([
      { period: "2023H2", views: 36_200_000 },
      { period: "2024H1", views: 9_100_000 },
    ]);
  });

  it("gives a year only where a source states one", async () => {
    const rows = await handle.db
      .select({ title: films.title, year: films.year, sources: films.factSources })
      .from(films)
      .where(sql`${films.year} is not null`);
    for (const row of rows) expect(row.sources.year, row.title).toBeDefined();
    const [nineteen17] = await handle.db.select().from(films).where(eq(films.title, "1917"));
    expect(nineteen17).toMatchObject({ slug: "1917", year: null });
    // Netflix prints "Dune (2021)" in its engagement report: that year is stated, not guessed
    const [dune] = await handle.db.select().from(films).where(eq(films.title, "Dune"));
    expect(dune).toMatchObject({ slug: "dune-2021", year: 2021 });
  });

  it("changes nothing when imported again", { timeout: 120_000 }, async () => {
    const again = await importNetflixSnapshot(handle.db);
    for (const s of again.top10) {
      expect(s).toMatchObject({ rowsAdded: 0, rowsUpdated: 0, titlesCreated: 0 });
    }
    for (const s of again.engagement) {
      expect(s).toMatchObject({ rowsAdded: 0, rowsUpdated: 0, filmsUpdated: 0, seasonsUpdated: 0 });
    }
  });
});
