import { sql } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SITEMAP_CHUNK_SIZE,
  sitemapChunks,
  sitemapIndexXml,
  STATIC_PAGES,
  urlsetXml,
} from "../../lib/seo/sitemap";
import type { DatabaseHandle } from "../index";
import { createCatalogueTestDatabase, testEngines } from "../testing";
import { getRecentChartRows, getSitemapEntries } from "./seo";

const base = new URL("https://reelrank.example");
const parser = new XMLParser({ isArray: (name) => name === "url" || name === "sitemap" });

describe.each(testEngines())("sitemaps of the whole catalogue on %s", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createCatalogueTestDatabase(engine);
  }, 180_000);
  afterAll(async () => {
    await handle?.close();
  });

  // the two engines' drivers differ in type but both answer raw SQL with `rows`
  const column = async (query: string) => {
    const result: unknown = await handle.db.execute(sql.raw(query));
    return (result as { rows: { v: string }[] }).rows.map((r) => r.v);
  };

  it("list, across their chunks, every film, series, person and weekly list exactly once", async () => {
    const chunks = sitemapChunks(await getSitemapEntries(handle.db));
    const index = parser.parse(sitemapIndexXml(chunks, base)) as {
      sitemapindex: { sitemap: { loc: string; lastmod?: string }[] };
    };
    const names = index.sitemapindex.sitemap.map((s) => s.loc);
    expect(names).toEqual(chunks.map((c) => `https://reelrank.example/sitemaps/${c.name}.xml`));

    const locs: string[] = [];
    for (const chunk of chunks) {
      const xml = urlsetXml(chunk, base);
      // sitemaps.org limits: 50,000 URLs and 50 MB (uncompressed) per file
      expect(chunk.entries.length).toBeLessThanOrEqual(Math.min(SITEMAP_CHUNK_SIZE, 50_000));
      expect(Buffer.byteLength(xml)).toBeLessThan(50 * 1024 * 1024);
      const parsed = parser.parse(xml) as { urlset: { url: { loc: string; lastmod?: string }[] } };
      locs.push(...parsed.urlset.url.map((u) => u.loc));
    }
    expect(new Set(locs).size).toBe(locs.length);

    const expected = [
      ...STATIC_PAGES.map((p) => p.path),
      ...(await column("select '/films/' || slug as v from films")),
      ...(await column("select '/series/' || slug as v from series")),
      ...(await column("select '/people/' || slug as v from people")),
      ...(await column(
        "select distinct '/charts/' || to_char(week, 'YYYY-MM-DD') || '/' || list as v from chart_entries",
      )),
    ].map((p) => new URL(p, base).toString());
    expect([...locs].sort()).toEqual([...expected].sort());
  });

  it("has a list page for every week and every one of the four lists", async () => {
    const { charts } = await getSitemapEntries(handle.db);
    const weeks = await column(
      "select distinct to_char(week, 'YYYY-MM-DD') as v from chart_entries",
    );
    expect(charts.length).toBe(weeks.length * 4);
    expect(charts.every((c) => c.lastmod && !Number.isNaN(Date.parse(c.lastmod)))).toBe(true);
  });

  it("feeds the newest twelve weeks' lists, ten titles each", async () => {
    const rows = await getRecentChartRows(handle.db, { weeks: 12 });
    const newest = await column(
      "select distinct to_char(week, 'YYYY-MM-DD') as v from chart_entries order by v desc limit 12",
    );
    expect([...new Set(rows.map((r) => r.week))]).toEqual(newest);
    expect(rows.length).toBe(12 * 4 * 10);
    const attached = rows.filter((r) => r.path).length;
    expect(attached).toBe(rows.length);
  });
});
