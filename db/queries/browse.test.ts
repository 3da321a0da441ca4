import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../index";
import { chartEntries, filmRatingStats, films, seasons, series } from "../schema";
import { createCatalogueTestDatabase, testEngines } from "../testing";
import type { BrowseFilters, BrowseSort } from "../../lib/browse";
import { getCatalogueFacets, listCatalogue, type BrowseRow } from "./browse";

/** A title and its run, worked out here from plain rows, independently of the query. */
type Expected = {
  key: string;
  kind: "film" | "series";
  year: number | null;
  lang: string | null;
  best: number | null;
  weeks: number;
  weeksAtBest: number;
  views: number | null;
  english: boolean;
  nonEnglish: boolean;
  ratings: number;
  average: number | null;
  lastWeek: string | null;
};

const keyOf = (r: Pick<BrowseRow, "kind" | "slug">) => `${r.kind}:${r.slug}`;

describe.each(testEngines())("browsing the catalogue on %s", (engine) => {
  let handle: DatabaseHandle;
  let expected: Expected[];

  beforeAll(async () => {
    handle = await createCatalogueTestDatabase(engine);
    const db = handle.db;
    const [entries, seasonRows, filmRows, seriesRows, stats] = await Promise.all([
      db.select().from(chartEntries),
      db.select().from(seasons),
      db.select().from(films),
      db.select().from(series),
      db.select().from(filmRatingStats),
    ]);
    const seriesOfSeason = new Map(seasonRows.map((s) => [s.id, s.seriesId]));
    const runs = new Map<string, (typeof entries)[number][]>();
    for (const e of entries) {
      const key =
        e.filmId != null
          ? `film:${e.filmId}`
          : e.seasonId != null
            ? `series:${seriesOfSeason.get(e.seasonId)}`
            : null;
      if (!key) continue;
      runs.set(key, [...(runs.get(key) ?? []), e]);
    }
    const statsOf = new Map(stats.map((s) => [s.filmId, s]));
    const describeRun = (id: string) => {
      const run = runs.get(id) ?? [];
      const byWeek = new Map<string, number>();
      for (const e of run) byWeek.set(e.week, Math.min(byWeek.get(e.week) ?? 99, e.rank));
      const best = run.length ? Math.min(...run.map((e) => e.rank)) : null;
      const withViews = run.filter((e) => e.views != null);
      return {
        best,
        weeks: byWeek.size,
        weeksAtBest: [...byWeek.values()].filter((r) => r === best).length,
        views: withViews.length ? withViews.reduce((s, e) => s + e.views!, 0) : null,
        english: run.some((e) => e.list === "films-english" || e.list === "tv-english"),
        nonEnglish: run.some((e) => e.list === "films-non-english" || e.list === "tv-non-english"),
        lastWeek: run.length
          ? run
              .map((e) => e.week)
              .sort()
              .at(-1)!
          : null,
      };
    };
    expected = [
      ...filmRows.map((f) => {
        const s = statsOf.get(f.id);
        return {
          key: `film:${f.slug}`,
          kind: "film" as const,
          year: f.year,
          lang: f.originalLanguage,
          ratings: s?.count ?? 0,
          average: s && s.count > 0 ? s.sum / s.count / 2 : null,
          ...describeRun(`film:${f.id}`),
        };
      }),
      ...seriesRows.map((s) => ({
        key: `series:${s.slug}`,
        kind: "series" as const,
        year: s.year,
        lang: s.originalLanguage,
        ratings: 0,
        average: null,
        ...describeRun(`series:${s.id}`),
      })),
    ];
  }, 180_000);
  afterAll(async () => {
    await handle?.close();
  });

  const all = async (filters: BrowseFilters) => {
    const { rows, total } = await listCatalogue(handle.db, { filters, page: 1, pageSize: 10_000 });
    expect(rows).toHaveLength(total);
    return rows;
  };
  const keys = (rows: { key: string }[] | BrowseRow[]) =>
    rows.map((r) => ("key" in r ? r.key : keyOf(r))).sort();

  it("lists every film and series once, with its run as the chart rows add up", async () => {
    const rows = await all({ sort: "title" });
    expect(keys(rows)).toEqual(keys(expected));
    const byKey = new Map(expected.map((e) => [e.key, e]));
    for (const r of rows) {
      const e = byKey.get(keyOf(r))!;
      expect(
        [r.bestRank, r.weeks, r.weeksAtBest, r.english, r.nonEnglish, r.ratings, r.year],
        e.key,
      ).toEqual([e.best, e.weeks, e.weeksAtBest, e.english, e.nonEnglish, e.ratings, e.year]);
      expect(r.views ?? -1, e.key).toBeCloseTo(e.views ?? -1, 0);
    }
    // the catalogue is the real one: thousands of titles, most of them charted
    expect(rows.length).toBeGreaterThan(3000);
  });

  it("filters by list, kind, year, decade, language and best rank", async () => {
    const cases: [BrowseFilters, (e: Expected) => boolean][] = [
      [{ sort: "title", list: "english" }, (e) => e.english],
      [{ sort: "title", list: "non-english" }, (e) => e.nonEnglish],
      [{ sort: "title", kind: "film" }, (e) => e.kind === "film"],
      [{ sort: "title", kind: "series" }, (e) => e.kind === "series"],
      [{ sort: "title", year: 2023 }, (e) => e.year === 2023],
      [{ sort: "title", decade: 2010 }, (e) => e.year != null && e.year >= 2010 && e.year <= 2019],
      [{ sort: "title", lang: "ko" }, (e) => e.lang === "ko"],
      [{ sort: "title", best: 1 }, (e) => e.best != null && e.best <= 1],
      [{ sort: "title", best: 5 }, (e) => e.best != null && e.best <= 5],
      [
        { sort: "title", list: "non-english", kind: "film", best: 1 },
        (e) => e.nonEnglish && e.kind === "film" && e.best === 1,
      ],
    ];
    for (const [filters, keep] of cases) {
      const want = expected.filter(keep);
      expect(want.length, JSON.stringify(filters)).toBeGreaterThan(0);
      expect(keys(await all(filters)), JSON.stringify(filters)).toEqual(keys(want));
    }
  });

  it("counts and pages the same way: page 2 follows page 1", async () => {
    const filters: BrowseFilters = { sort: "weeks", list: "non-english" };
    const one = await listCatalogue(handle.db, { filters, page: 1, pageSize: 24 });
    const two = await listCatalogue(handle.db, { filters, page: 2, pageSize: 24 });
    const both = await listCatalogue(handle.db, { filters, page: 1, pageSize: 48 });
    expect(one.total).toBe(expected.filter((e) => e.nonEnglish).length);
    expect([...one.rows, ...two.rows]).toEqual(both.rows);
    const past = await listCatalogue(handle.db, { filters, page: 9999, pageSize: 24 });
    expect(past).toEqual({ rows: [], total: one.total });
  });

  const sortKey: Record<Exclude<BrowseSort, "title">, (e: Expected) => number> = {
    rank: (e) =>
      e.best == null
        ? Number.MAX_SAFE_INTEGER
        : e.best * 1_000_000 - e.weeksAtBest * 1000 - e.weeks,
    views: (e) => -(e.views ?? -1),
    weeks: (e) => -e.weeks,
    rating: (e) => (e.average == null ? Number.MAX_SAFE_INTEGER : -e.average * 1000 - e.ratings),
    ratings: (e) => -e.ratings,
    newest: (e) => -(e.year ?? -1),
  };

  it.each(Object.keys(sortKey) as Exclude<BrowseSort, "title">[])(
    "sorts by %s: the first page holds the best titles in order",
    async (sort) => {
      const { rows } = await listCatalogue(handle.db, { filters: { sort }, page: 1, pageSize: 24 });
      const byKey = new Map(expected.map((e) => [e.key, e]));
      const got = rows.map((r) => sortKey[sort](byKey.get(keyOf(r))!));
      const want = expected.map(sortKey[sort]).sort((a, b) => a - b);
      expect(got).toEqual(want.slice(0, 24));
    },
  );

  it("sorts by rank with more weeks at the best rank first among equals", async () => {
    const { rows } = await listCatalogue(handle.db, {
      filters: { sort: "rank", list: "non-english", kind: "film" },
      page: 1,
      pageSize: 5,
    });
    const want = expected
      .filter((e) => e.nonEnglish && e.kind === "film" && e.best === 1)
      .sort((a, b) => b.weeksAtBest - a.weeksAtBest || b.weeks - a.weeks)
      .slice(0, 5);
    expect(rows.map((r) => [r.bestRank, r.weeksAtBest, r.weeks])).toEqual(
      want.map((e) => [e.best, e.weeksAtBest, e.weeks]),
    );
  });

  it("puts titles with no known year last when sorting by newest, and never gives them one", async () => {
    const unknown = expected.filter((e) => e.year == null);
    expect(unknown.length).toBeGreaterThan(0);
    const rows = await all({ sort: "newest" });
    const tail = rows.slice(rows.length - unknown.length);
    expect(tail.every((r) => r.year == null)).toBe(true);
    expect(keys(tail)).toEqual(keys(unknown));
    // within a year, the most recent chart run first
    const byKey = new Map(expected.map((e) => [e.key, e]));
    const y2023 = rows.filter((r) => r.year === 2023).map((r) => byKey.get(keyOf(r))!.lastWeek);
    const order = [...y2023].sort((a, b) => (b ?? "").localeCompare(a ?? ""));
    expect(y2023).toEqual(order);
  });

  it("offers the languages and years some title has", async () => {
    const facets = await getCatalogueFacets(handle.db);
    const langs = [...new Set(expected.map((e) => e.lang).filter((l) => l != null))].sort();
    expect([...facets.languages].sort()).toEqual(langs);
    expect(facets.years).toEqual(
      [...new Set(expected.map((e) => e.year).filter((y) => y != null))].sort((a, b) => b - a),
    );
  });
});
