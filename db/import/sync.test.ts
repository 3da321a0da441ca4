import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DownloadOptions } from "../../lib/netflix/download";
import { startFakeNetflix, type FakeNetflix } from "../../lib/netflix/fake-server";
import { addDays } from "../../lib/top10/week";
import { openDatabase, type Database, type DatabaseHandle } from "../index";
import {
  chartEntries,
  chartRevisions,
  countryChartEntries,
  mostPopularEntries,
  netflixFiles,
  netflixSyncLog,
} from "../schema";
import { createTestDatabase, testEngines } from "../testing";
import {
  getSyncStatus,
  isSyncRunning,
  syncNetflix,
  type SyncOptions,
  type SyncProgress,
} from "./sync";

const GLOBAL = "all-weeks-global.tsv";
const COUNTRIES = "all-weeks-countries.tsv";
const POPULAR = "most-popular.tsv";

// Small files in Netflix's formats (lib/../shared SOURCE.md), built row by row; titles invented.
const FIRST_WEEK = "2024-01-07";
const weekOf = (i: number) => addDays(FIRST_WEEK, 7 * i);
const CATEGORIES = ["Films (English)", "Films (Non-English)", "TV (English)", "TV (Non-English)"];
const GLOBAL_HEADER = [
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
/** The title at a rank in a week: a dozen titles per list come and go, so weeks share titles. */
const titleOf = (category: string, week: number, rank: number) =>
  `${category.startsWith("TV") ? "Show" : "Film"} ${category.includes("Non") ? "N" : "E"}${(week + rank) % 12}`;

function globalFile(weeks: number, { without }: { without?: string } = {}): string {
  const rows = [GLOBAL_HEADER];
  for (let w = 0; w < weeks; w++) {
    for (const category of CATEGORIES) {
      for (let rank = 1; rank <= 10; rank++) {
        const title = titleOf(category, w, rank);
        const hours = (11 - rank) * 1_000_000 + w * 1000;
        rows.push([
          weekOf(w),
          category,
          String(rank),
          title,
          category.startsWith("TV") ? `${title}: Season 1` : "N/A",
          String(hours),
          "1.5",
          String(Math.round(hours / 1.5 / 100_000) * 100_000),
          String(1 + (w % 3)),
        ]);
      }
    }
  }
  const drop = without === undefined ? -1 : GLOBAL_HEADER.indexOf(without);
  return rows.map((r) => r.filter((_, i) => i !== drop).join("\t")).join("\n");
}

function countriesFile(countries: number, weeks: number, { badRow }: { badRow?: number } = {}) {
  const lines = [
    "country_name\tcountry_iso2\tweek\tcategory\tweekly_rank\tshow_title\tseason_title\tcumulative_weeks_in_top_10",
  ];
  for (let c = 0; c < countries; c++) {
    const iso = String.fromCharCode(65 + Math.floor(c / 26), 65 + (c % 26));
    // Netflix's order: by country, then week, newest first
    for (let w = weeks - 1; w >= 0; w--) {
      for (const category of ["Films", "TV"]) {
        for (let rank = 1; rank <= 10; rank++) {
          // the English lists' titles, so the global entries get their countries counted
          const title = titleOf(category === "TV" ? "TV (English)" : "Films (English)", w, rank);
          const season = category === "TV" ? `${title}: Season 1` : "N/A";
          lines.push(
            `Country ${iso}\t${iso}\t${weekOf(w)}\t${category}\t${rank}\t${title}\t${season}\t${1 + (w % 4)}`,
          );
        }
      }
    }
  }
  if (badRow !== undefined) lines[badRow] = lines[badRow]!.replace("\tFilms\t", "\tMovies\t");
  return lines.join("\n");
}

function popularFile(): string {
  const lines = [
    "category\trank\tshow_title\tseason_title\thours_viewed_first_91_days\truntime\tviews_first_91_days",
  ];
  for (const category of CATEGORIES) {
    for (let rank = 1; rank <= 10; rank++) {
      const title = `${titleOf(category, 0, rank)} Classic`;
      const season = category.startsWith("TV") ? `${title}: Season 1` : "N/A";
      lines.push(
        `${category}\t${rank}\t${title}\t${season}\t${(11 - rank) * 50_000_000}\t2.0\t${(11 - rank) * 25_000_000}`,
      );
    }
  }
  return lines.join("\n");
}

/** Everything a sync may change; nothing a refused or failed sync leaves different. */
async function snapshot(db: Database) {
  return {
    charts: await db.select().from(chartEntries).orderBy(chartEntries.id),
    revisions: await db.select().from(chartRevisions).orderBy(chartRevisions.id),
    countries: await db.select().from(countryChartEntries).orderBy(countryChartEntries.id),
    popular: await db.select().from(mostPopularEntries).orderBy(mostPopularEntries.id),
    files: await db.select().from(netflixFiles).orderBy(netflixFiles.name),
  };
}

async function lastLog(db: Database) {
  return (await getSyncStatus(db, { logLimit: 1 })).log[0];
}

describe.each(testEngines())("syncing Netflix's Top 10 files on %s", (engine) => {
  let handle: DatabaseHandle;
  let netflix: FakeNetflix;
  let sleeps: number[];

  beforeEach(async () => {
    handle = await createTestDatabase(engine);
    sleeps = [];
  });
  afterEach(async () => {
    await netflix?.close();
    await handle?.close();
  });

  async function serve(files: Record<string, string>) {
    netflix = await startFakeNetflix({ files });
  }

  /** One sync against the fake server: no retries and no real waits unless a test asks. */
  function sync(options: Partial<SyncOptions> = {}, download: Partial<DownloadOptions> = {}) {
    return syncNetflix(handle.db, {
      trigger: "cli",
      baseUrl: netflix.url,
      ...options,
      download: {
        retries: 0,
        timeoutMs: 5000,
        sleep: (ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        },
        ...download,
      },
    });
  }

  const serverEtag = async (name: string) =>
    (await fetch(netflix.url + name, { method: "HEAD" })).headers.get("etag");

  it("imports all three files on the first sync and records their ETags", async () => {
    await serve({
      [GLOBAL]: globalFile(3),
      [COUNTRIES]: countriesFile(3, 3),
      [POPULAR]: popularFile(),
    });
    const phases: SyncProgress[] = [];
    const outcome = await sync({ onProgress: (p) => phases.push(p) });

    expect(outcome.results.map((r) => [r.file, r.outcome, r.message])).toEqual([
      [GLOBAL, "imported", "imported: 120 rows read, 3 weeks added, 120 rows added"],
      [COUNTRIES, "imported", "imported: 180 rows read, 3 weeks added, 180 rows added"],
      [POPULAR, "imported", "imported: 40 rows read, 40 rows added"],
    ]);
    expect(outcome.changedWeeks).toEqual([weekOf(0), weekOf(1), weekOf(2)]);
    expect(outcome.changedFilms.length).toBeGreaterThan(0);
    expect(netflix.requests.map((r) => [r.name, r.status, r.headers["if-none-match"]])).toEqual([
      [GLOBAL, 200, undefined],
      [COUNTRIES, 200, undefined],
      [POPULAR, 200, undefined],
    ]);
    expect(phases.filter((p) => p.phase === "done").map((p) => p.file)).toEqual([
      GLOBAL,
      COUNTRIES,
      POPULAR,
    ]);
    expect(phases).toContainEqual(
      expect.objectContaining({ file: COUNTRIES, phase: "importing", rows: 180 }),
    );

    expect(await handle.db.$count(chartEntries)).toBe(120);
    expect(await handle.db.$count(countryChartEntries)).toBe(180);
    expect(await handle.db.$count(mostPopularEntries)).toBe(40);
    // the per-country lists counted into the global ones: each English title charted in 3 countries
    const [top] = await handle.db
      .select({ countries: chartEntries.countries })
      .from(chartEntries)
      .where(eq(chartEntries.list, "films-english"))
      .limit(1);
    expect(top?.countries).toBe(3);

    const status = await getSyncStatus(handle.db);
    expect(status.files.map((f) => f.name)).toEqual([GLOBAL, COUNTRIES, POPULAR]);
    for (const file of status.files) {
      expect(file.etag).toBe(await serverEtag(file.name));
      expect(file.lastModified).toMatch(/GMT$/);
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(file.url).toBe(netflix.url + file.name);
      expect(file.checkedAt).toBeInstanceOf(Date);
      expect(file.importedAt).toEqual(file.checkedAt);
    }
    expect(status.files[0]).toMatchObject({ rows: 120, weeksAdded: 3 });
    expect(status.log.map((l) => [l.file, l.outcome, l.trigger, l.rowsAdded])).toEqual([
      [POPULAR, "imported", "cli", 40],
      [COUNTRIES, "imported", "cli", 180],
      [GLOBAL, "imported", "cli", 120],
    ]);
    expect(isSyncRunning(handle.db)).toBe(false);
  });

  it("asks with If-None-Match the next time, and a 304 changes nothing but checked_at", async () => {
    await serve({
      [GLOBAL]: globalFile(3),
      [COUNTRIES]: countriesFile(3, 3),
      [POPULAR]: popularFile(),
    });
    await sync();
    const before = await snapshot(handle.db);
    netflix.requests.length = 0;

    const outcome = await sync();

    expect(outcome.results.map((r) => [r.outcome, r.message])).toEqual([
      ["up-to-date", "up to date"],
      ["up-to-date", "up to date"],
      ["up-to-date", "up to date"],
    ]);
    expect(outcome.changedWeeks).toEqual([]);
    expect(netflix.requests.map((r) => r.status)).toEqual([304, 304, 304]);
    for (const request of netflix.requests) {
      const file = before.files.find((f) => f.name === request.name)!;
      expect(request.headers["if-none-match"]).toBe(file.etag);
      expect(request.headers["if-modified-since"]).toBe(file.lastModified);
    }
    const after = await snapshot(handle.db);
    const withoutChecked = (s: typeof before) => ({
      ...s,
      files: s.files.map(({ checkedAt: _, ...f }) => f),
    });
    expect(withoutChecked(after)).toEqual(withoutChecked(before));
    for (const [i, file] of after.files.entries()) {
      expect(file.checkedAt!.getTime()).toBeGreaterThanOrEqual(
        before.files[i]!.checkedAt!.getTime(),
      );
    }
    const { log } = await getSyncStatus(handle.db);
    expect(log).toHaveLength(6);
    expect(log.slice(0, 3).map((l) => [l.outcome, l.message, l.rowsRead])).toEqual([
      ["up-to-date", "up to date", null],
      ["up-to-date", "up to date", null],
      ["up-to-date", "up to date", null],
    ]);
  });

  it("adds exactly the one week a newer global file brings", async () => {
    await serve({
      [GLOBAL]: globalFile(3),
      [COUNTRIES]: countriesFile(2, 3),
      [POPULAR]: popularFile(),
    });
    await sync();
    const before = await snapshot(handle.db);
    netflix.setFile(GLOBAL, globalFile(4));

    const outcome = await sync();

    expect(outcome.results[0]).toMatchObject({
      file: GLOBAL,
      outcome: "imported",
      message: "imported: 160 rows read, 1 week added, 40 rows added",
      rowsRead: 160,
      weeksAdded: 1,
      rowsAdded: 40,
      rowsUpdated: 0,
      changedWeeks: [weekOf(3)],
    });
    expect(outcome.results.slice(1).map((r) => r.outcome)).toEqual(["up-to-date", "up-to-date"]);
    expect(outcome.changedWeeks).toEqual([weekOf(3)]);
    const after = await snapshot(handle.db);
    expect(after.charts.slice(0, 120)).toEqual(before.charts);
    expect(after.charts.slice(120).map((e) => e.week)).toEqual(Array(40).fill(weekOf(3)));
    expect(after.revisions).toEqual([]);
    const global = after.files.find((f) => f.name === GLOBAL);
    expect(global).toMatchObject({ name: GLOBAL, rows: 160, weeksAdded: 1 });
    expect(global!.etag).toBe(await serverEtag(GLOBAL));
    expect(global!.etag).not.toBe(before.files.find((f) => f.name === GLOBAL)!.etag);

    // Netflix corrects a figure: the earlier value is kept, dated and named by file and day
    netflix.setFile(GLOBAL, globalFile(4).replace("\t10000000\t", "\t10100000\t"));
    const corrected = await sync({ files: [GLOBAL] });
    expect(corrected.results[0]).toMatchObject({
      message: "imported: 160 rows read, 0 weeks added, 0 rows added, 1 row updated",
      changedWeeks: [weekOf(0)],
    });
    const revisions = await handle.db.select().from(chartRevisions);
    expect(revisions.map((r) => [r.field, r.oldValue, r.newValue])).toEqual([
      ["hoursViewed", "10000000", "10100000"],
    ]);
    expect(revisions[0]!.source).toMatch(/^all-weeks-global\.tsv \(Netflix, \d{4}-\d\d-\d\d\)$/);
  });

  const refusals: [string, (n: FakeNetflix) => void, Partial<DownloadOptions>, RegExp][] = [
    [
      "an HTML page",
      (n) => n.behave(GLOBAL, { kind: "html" }),
      {},
      /^refused: the server sent an HTML page, not a Top 10 file; nothing changed$/,
    ],
    [
      "the literal null",
      (n) => n.behave(GLOBAL, { kind: "null" }),
      {},
      /^refused: the server sent "null" instead of the file; nothing changed$/,
    ],
    [
      "a cut-off download",
      (n) => n.behave(GLOBAL, { kind: "truncated" }),
      {},
      /^refused: .*\(truncated\); nothing changed$/,
    ],
    [
      "a file cut off mid-line",
      (n) => n.setFile(GLOBAL, globalFile(4).slice(0, -20)),
      {},
      /^refused: line 161: expected 9 columns, found \d \(a truncated row\?\); nothing changed$/,
    ],
    [
      "a file over the size limit",
      (n) => n.behave(GLOBAL, { kind: "oversize", bytes: 200_000 }),
      { maxBytes: 64 * 1024 },
      /^refused: the server sent more than the 64 KB limit; nothing changed$/,
    ],
    [
      "a header without a required column",
      (n) => n.setFile(GLOBAL, globalFile(4, { without: "weekly_hours_viewed" })),
      {},
      /^refused: the header lacks weekly_hours_viewed, so this is not the global weekly lists; nothing changed$/,
    ],
    [
      "the per-country file under the global name",
      (n) => n.setFile(GLOBAL, countriesFile(2, 4)),
      {},
      /^refused: the server sent the per-country weekly lists, not the global weekly lists; nothing changed$/,
    ],
  ];

  it("refuses what is not a global Top 10 file, changes nothing, and tries again next time", async () => {
    const good = globalFile(3);
    await serve({ [GLOBAL]: good });
    await sync({ files: [GLOBAL] });
    const before = await snapshot(handle.db);

    // one database for all the cases (a fresh one costs seconds): each must leave it as it was
    for (const [what, spoil, download, message] of refusals) {
      const beforeCase = await snapshot(handle.db);
      spoil(netflix);
      const outcome = await sync({ files: [GLOBAL] }, download);

      expect(outcome.results, what).toHaveLength(1);
      expect(outcome.results[0]!.outcome, what).toBe("refused");
      expect(outcome.results[0]!.message, what).toMatch(message);
      expect(outcome.changedWeeks, what).toEqual([]);
      expect(await snapshot(handle.db), what).toEqual(beforeCase);
      expect(await lastLog(handle.db), what).toMatchObject({
        file: GLOBAL,
        outcome: "refused",
        message: outcome.results[0]!.message,
      });

      // the stored ETag is still the good file's, so once the server has it back: a 304
      netflix.behave(GLOBAL, { kind: "normal" });
      netflix.setFile(GLOBAL, good);
      netflix.requests.length = 0;
      expect((await sync({ files: [GLOBAL] })).results[0]!.message, what).toBe("up to date");
      expect(netflix.requests[0]!.headers["if-none-match"], what).toBe(before.files[0]!.etag);
    }
    const { log } = await getSyncStatus(handle.db);
    expect(log.filter((l) => l.outcome === "refused")).toHaveLength(refusals.length);
  });

  it("reports a server that never answers as failed, after the time limit", async () => {
    await serve({ [GLOBAL]: globalFile(3) });
    netflix.behave(GLOBAL, { kind: "hang" });
    const outcome = await sync({ files: [GLOBAL] }, { timeoutMs: 300 });
    expect(outcome.results).toEqual([
      {
        file: GLOBAL,
        outcome: "failed",
        message: "no answer for 300 ms; nothing changed",
        changedWeeks: [],
        changedFilms: [],
      },
    ]);
    expect(await handle.db.$count(netflixFiles)).toBe(0);
    expect(await handle.db.$count(chartEntries)).toBe(0);
    expect(await lastLog(handle.db)).toMatchObject({ outcome: "failed", rowsRead: null });
  });

  it("waits as long as a 429's Retry-After asks, then imports", async () => {
    await serve({ [GLOBAL]: globalFile(2) });
    netflix.behave(GLOBAL, { kind: "status", status: 429, retryAfter: "7", times: 1 });
    const outcome = await sync({ files: [GLOBAL] }, { retries: 2 });
    expect(sleeps).toEqual([7000]);
    expect(netflix.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(outcome.results[0]).toMatchObject({ outcome: "imported", rowsAdded: 80 });
  });

  it("writes nothing of a per-country file with a bad line after several batches", async () => {
    await serve({ [COUNTRIES]: countriesFile(3, 3) });
    await sync({ files: [COUNTRIES] });
    const before = await snapshot(handle.db);
    // 40 countries × 10 weeks × 20 rows = 8,000 rows; the bad one comes after 3 batches of 2,000
    netflix.setFile(COUNTRIES, countriesFile(40, 10, { badRow: 7001 }));
    const imported: number[] = [];

    const outcome = await sync({
      files: [COUNTRIES],
      onProgress: (p) => p.phase === "importing" && imported.push(p.rows ?? 0),
    });

    expect(Math.max(...imported)).toBe(6000);
    expect(outcome.results[0]).toMatchObject({
      outcome: "refused",
      message:
        'refused: line 7002: unknown category "Movies" (expected Films or TV); nothing changed',
      problems: [`${COUNTRIES}:7002: unknown category "Movies" (expected Films or TV)`],
    });
    expect(await snapshot(handle.db)).toEqual(before);
  });

  it("treats the same content under a new ETag as up to date and keeps the new ETag", async () => {
    await serve({ [GLOBAL]: globalFile(3) });
    await sync({ files: [GLOBAL] });
    // as if the server had lost its ETags: the stored one no longer matches
    await handle.db
      .update(netflixFiles)
      .set({ etag: '"before-the-move"', lastModified: null })
      .where(eq(netflixFiles.name, GLOBAL));
    const before = await snapshot(handle.db);

    const outcome = await sync({ files: [GLOBAL] });

    expect(netflix.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(outcome.results[0]).toMatchObject({
      outcome: "up-to-date",
      message: "up to date (the content is unchanged)",
    });
    const after = await snapshot(handle.db);
    expect({ ...after, files: [] }).toEqual({ ...before, files: [] });
    expect(after.files[0]!.etag).toBe(await serverEtag(GLOBAL));
    expect(after.files[0]!.importedAt).toEqual(before.files[0]!.importedAt);
    expect(after.files[0]!.sha256).toBe(before.files[0]!.sha256);
  });

  it("lets one sync run at a time", async () => {
    await serve({ [GLOBAL]: globalFile(2) });
    netflix.behave(GLOBAL, { kind: "hang" });
    const first = sync({ files: [GLOBAL] }, { timeoutMs: 1000 });
    await expect.poll(() => netflix.requests.length).toBe(1);
    expect(isSyncRunning(handle.db)).toBe(true);

    // on PostgreSQL, another instance: its own connection pool to the same database
    const other =
      handle.target.kind === "postgres" ? await openDatabase(handle.target.url) : handle;
    try {
      const second = await syncNetflix(other.db, { trigger: "admin:ada", baseUrl: netflix.url });
      expect(second.results.map((r) => [r.file, r.outcome, r.message])).toEqual([
        [GLOBAL, "failed", "another sync is running"],
        [COUNTRIES, "failed", "another sync is running"],
        [POPULAR, "failed", "another sync is running"],
      ]);
      expect((await first).results[0]).toMatchObject({ outcome: "failed" });
      expect(isSyncRunning()).toBe(false);

      netflix.behave(GLOBAL, { kind: "normal" });
      const third = await syncNetflix(other.db, {
        trigger: "admin:ada",
        baseUrl: netflix.url,
        files: [GLOBAL],
      });
      expect(third.results[0]).toMatchObject({ outcome: "imported", rowsAdded: 80 });
    } finally {
      if (other !== handle) await other.close();
    }
    const { log } = await getSyncStatus(handle.db);
    expect(log.filter((l) => l.trigger === "admin:ada").map((l) => l.outcome)).toEqual([
      "imported",
      "failed",
      "failed",
      "failed",
    ]);
    expect(await handle.db.$count(netflixSyncLog)).toBe(5);
  });
});
