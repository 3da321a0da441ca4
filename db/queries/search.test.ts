import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../index";
import { filmRatingStats, films, people, series } from "../schema";
import { createCatalogueTestDatabase, testEngines } from "../testing";
import { searchCatalogue } from "./search";

const LIMIT = 8;

describe.each(testEngines())("searching the real catalogue on %s", (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createCatalogueTestDatabase(engine);
  }, 180_000);
  afterAll(async () => {
    await handle?.close();
  });

  const search = (q: string) => searchCatalogue(handle.db, { q, limit: LIMIT });
  const filmSlugs = async (title: string) =>
    (await handle.db.select({ slug: films.slug }).from(films).where(eq(films.title, title))).map(
      (f) => f.slug,
    );
  /** Best rank and weeks on the charts, counted straight from the chart rows. */
  const chartRun = async (slug: string) => {
    const { rows } = (await handle.db.execute(sql`
      select min(c.rank)::int as rank, count(distinct c.week)::int as weeks
      from chart_entries c join films f on f.id = c.film_id where f.slug = ${slug}`)) as {
      rows: { rank: number | null; weeks: number }[];
    };
    return rows[0]!;
  };

  it("finds a film by its Korean original title, with its year and chart peak", async () => {
    const [korean] = await handle.db
      .select({ slug: films.slug, year: films.year })
      .from(films)
      .where(eq(films.originalTitle, "발레리나"));
    expect(korean).toBeDefined();
    const { films: hits } = await search("발레리나");
    expect(hits[0]?.slug).toBe(korean!.slug);
    expect(hits[0]?.title).toBe("Ballerina");
    expect(hits[0]?.year).toBe(2023);
    const run = await chartRun(korean!.slug);
    expect(hits[0]?.peak?.rank).toBe(run.rank);
    expect(hits[0]?.peak?.weeks).toBe(run.weeks);
    expect(hits[0]?.peak?.list).toBe("films-non-english");
  });

  it("finds a person by native name, by a short Hangul prefix and by a typo in the name", async () => {
    const [jeon] = await handle.db
      .select({ id: people.id, slug: people.slug })
      .from(people)
      .where(eq(people.nativeName, "전종서"));
    expect(jeon).toBeDefined();
    for (const q of ["전종서", "전종", "JEON jong-seo", "jeon jong soe"]) {
      const { people: hits } = await search(q);
      expect(hits[0]?.slug, q).toBe(jeon!.slug);
      expect(hits[0]?.name).toBe("Jeon Jong Seo");
    }
    const { rows } = (await handle.db.execute(sql`
      select f.slug from credits c join films f on f.id = c.film_id where c.person_id = ${jeon!.id}`)) as {
      rows: { slug: string }[];
    };
    const { people: hits } = await search("전종서");
    expect(hits[0]?.knownFor.map((k) => k.slug)).toEqual(
      expect.arrayContaining(rows.map((r) => r.slug).slice(0, 3)),
    );
  });

  it("puts both films titled exactly Ballerina first, the one that charted higher first", async () => {
    const exact = await filmSlugs("Ballerina");
    expect(exact).toHaveLength(2);
    const runs = await Promise.all(
      exact.map(async (slug) => ({ slug, ...(await chartRun(slug)) })),
    );
    runs.sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
    for (const q of ["ballerina", "BALLERINA", "  Ballerina!  ", "balerina", "Ballerína"]) {
      const { films: hits } = await search(q);
      expect(
        hits.slice(0, 2).map((h) => h.slug),
        q,
      ).toEqual(runs.map((r) => r.slug));
    }
    // every other hit comes after them, and none of the exact ones is left out
    const { films: hits } = await search("ballerina");
    expect(hits.slice(2).every((h) => h.title !== "Ballerina")).toBe(true);
  });

  it("forgives a typo in a series title", async () => {
    const [squid] = await handle.db
      .select({ slug: series.slug })
      .from(series)
      .where(eq(series.title, "Squid Game"));
    const { series: hits } = await search("squid gmae");
    expect(hits[0]?.slug).toBe(squid!.slug);
  });

  it("ignores accents both ways and punctuation", async () => {
    // a real accented title of the catalogue, searched without its accents
    const { rows } = (await handle.db.execute(sql`
      select slug, title from films
      where title ~ '[À-ÿ]' and title ~ '^[A-Za-zÀ-ÿ ]+$' order by title limit 1`)) as {
      rows: { slug: string; title: string }[];
    };
    const accented = rows[0]!;
    const plain = accented.title.normalize("NFD").replace(/\p{M}/gu, "");
    expect(plain).not.toBe(accented.title);
    expect((await search(plain)).films.map((f) => f.slug)).toContain(accented.slug);

    const [dontLookUp] = await filmSlugs("Don't Look Up");
    expect((await search("dont look up")).films[0]?.slug).toBe(dontLookUp);
    const [noWayHome] = await filmSlugs("Spider-Man: No Way Home");
    expect((await search("spider man no way home")).films[0]?.slug).toBe(noWayHome);
  });

  it("shows a film's rating from its aggregates, and none for a film nobody rated", async () => {
    const [korean] = await handle.db
      .select({ id: films.id, slug: films.slug })
      .from(films)
      .where(eq(films.originalTitle, "발레리나"));
    // three ratings: 4, 3.5 and 3.5 stars, in half stars
    await handle.db
      .insert(filmRatingStats)
      .values({ filmId: korean!.id, count: 3, sum: 8 + 7 + 7 })
      .onConflictDoUpdate({ target: filmRatingStats.filmId, set: { count: 3, sum: 22 } });
    const hits = (await search("ballerina")).films;
    expect(hits.find((f) => f.slug === korean!.slug)?.rating).toEqual({
      average: 3.7, // 22 half stars / 3 = 3.67 stars, to one decimal as the film page shows it
      count: 3,
    });
    const unrated = hits.find((f) => f.slug !== korean!.slug && f.title === "Ballerina");
    expect(unrated?.rating).toBeNull();
  });

  it("answers hostile or empty queries with nothing or ordinary results, never an error", async () => {
    const total = (await handle.db.select({ n: sql<number>`count(*)::int` }).from(films))[0]!.n;
    for (const q of ["", "   ", "%", "_", "\\", "'", '"', "%%%___", "!?…", "\uD800", "\u0000"]) {
      expect(await search(q), JSON.stringify(q)).toEqual({ films: [], series: [], people: [] });
    }
    for (const q of [
      "' or 1=1 --",
      "ball\u0000erina",
      "x".repeat(1000),
      "'; drop table films; --",
    ]) {
      const result = await search(q);
      expect(result.films.length, q).toBeLessThanOrEqual(LIMIT);
    }
    expect((await handle.db.select({ n: sql<number>`count(*)::int` }).from(films))[0]!.n).toBe(
      total,
    );
  });
});
