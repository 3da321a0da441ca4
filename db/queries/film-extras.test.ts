import fs from "node:fs";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReceptionTimeline, startOfUtcWeek } from "../../lib/film-extras/timeline";
import { streamCountryRows } from "../../lib/top10/stream";
import { importCountriesStream } from "../import/countries";
import type { DatabaseHandle } from "../index";
import { chartEntries, credits, films, moderationStates, people, reviews, users } from "../schema";
import { seedDemoUsers } from "../seed/index";
import { createCatalogueTestDatabase, testEngines } from "../testing";
import {
  getCountryRanks,
  getCountryWeeksByFilmId,
  getPeakWeekList,
  getRatingWeeksByFilmId,
  getRelatedByPeople,
} from "./film-extras";
import { getPersonBySlug } from "./people";

// beside the project, as for the browser tests' server (scripts/e2e-server.ts)
const COUNTRIES_FILE =
  process.env.NETFLIX_COUNTRIES_FILE ??
  path.resolve(
    import.meta.dirname,
    "../../../shared/data/netflix-top10/all-weeks-countries.2022-03-02.tsv",
  );
const haveCountries = fs.existsSync(COUNTRIES_FILE);
if (!haveCountries) {
  console.warn(`Skipping the per-country tests: no ${COUNTRIES_FILE}.`);
}

/** The Sunday ending the Monday–Sunday week of an instant's UTC day, worked out with Date. */
function sundayOf(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  while (d.getUTCDay() !== 0) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe.each(testEngines())("film page extras on %s", (engine) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  const filmId = async (slug: string) =>
    (await db().select({ id: films.id }).from(films).where(eq(films.slug, slug)))[0]!.id;

  beforeAll(async () => {
    handle = await createCatalogueTestDatabase(engine);
    await seedDemoUsers(handle.db);
    if (haveCountries) {
      await handle.db.transaction((tx) =>
        importCountriesStream(tx, streamCountryRows(path.basename(COUNTRIES_FILE), COUNTRIES_FILE)),
      );
    }
  }, 240_000);
  afterAll(async () => {
    await handle?.close();
  });

  it("counts ratings per week and their running average, leaving out deleted and moderated ones", async () => {
    // a charted film nobody has credited or reviewed, so the test owns its reviews
    const [film] = await db()
      .select({ id: films.id })
      .from(films)
      .where(
        sql`(select count(*) from chart_entries ce where ce.film_id = ${films.id}) >= 4
          and not exists (select 1 from reviews r where r.film_id = ${films.id})
          and not exists (select 1 from credits c where c.film_id = ${films.id})`,
      )
      .orderBy(films.id)
      .limit(1);
    const run = await db()
      .select()
      .from(chartEntries)
      .where(eq(chartEntries.filmId, film!.id))
      .orderBy(chartEntries.week);
    const first = new Date(`${run[0]!.week}T00:00:00Z`);
    const at = (days: number, hours = 12) =>
      new Date(first.getTime() + days * 86_400_000 + hours * 3_600_000);
    // [posted at, half stars, fate]
    const planned: [Date, number, "visible" | "deleted" | "hidden" | "removed"][] = [
      [at(-6, 0.5), 8, "visible"], // the Monday of the first chart week, just after midnight
      [at(0, 23.5), 4, "visible"], // its Sunday, just before midnight
      [at(1), 10, "visible"], // the next Monday: the second week
      [at(2), 1, "deleted"],
      [at(3), 2, "hidden"],
      [at(4), 2, "removed"],
      [at(15), 7, "visible"],
      [at(-20), 6, "visible"], // three weeks before the run
      [at(7 * 60), 9, "visible"], // more than half a year after it
    ];
    const userIds = await db()
      .insert(users)
      .values(
        planned.map((_, i) => ({
          name: `Timeline ${i}`,
          handle: `timeline_${engine}_${i}`,
          email: `timeline-${engine}-${i}@example.test`,
        })),
      )
      .returning({ id: users.id });
    const inserted = await db()
      .insert(reviews)
      .values(
        planned.map(([createdAt, rating, fate], i) => ({
          filmId: film!.id,
          userId: userIds[i]!.id,
          rating,
          createdAt,
          deletedAt: fate === "deleted" ? new Date() : null,
        })),
      )
      .returning({ id: reviews.id });
    await db()
      .insert(moderationStates)
      .values(
        planned.flatMap(([, , fate], i) =>
          fate === "hidden" || fate === "removed"
            ? [{ targetType: "review" as const, targetId: inserted[i]!.id, status: fate }]
            : [],
        ),
      );

    const counted = planned.filter(([, , fate]) => fate === "visible");
    const timeline = buildReceptionTimeline(
      run,
      await getRatingWeeksByFilmId(db(), { filmId: film!.id }),
    )!;
    expect(timeline.total.count).toBe(counted.length);
    expect(timeline.total.sum).toBe(counted.reduce((n, [, r]) => n + r, 0));
    for (const week of timeline.weeks) {
      const upTo = counted.filter(([d]) => sundayOf(d) <= week.week);
      const inWeek = counted.filter(([d]) => sundayOf(d) === week.week);
      expect(week.ratings, week.week).toBe(inWeek.length);
      expect(week.runningCount, week.week).toBe(upTo.length);
      expect(week.runningAverage, week.week).toBe(
        upTo.length ? upTo.reduce((n, [, r]) => n + r, 0) / upTo.length : null,
      );
    }
    // the first chart week has both its Monday's and its Sunday's ratings
    expect(timeline.weeks.find((w) => w.week === run[0]!.week)?.ratings).toBe(2);
    expect(timeline.weeks[0]!.week).toBe(sundayOf(at(-20)));
    expect(timeline.after).toEqual({ count: 1, sum: 9, firstWeek: sundayOf(at(7 * 60)) });
    expect(timeline.weeks.filter((w) => w.rank != null)).toHaveLength(
      new Set(run.map((r) => r.week)).size,
    );

    // counted in two parts at a week's start, as the cache counts past weeks apart from this one
    const whole = await getRatingWeeksByFilmId(db(), { filmId: film!.id });
    for (const split of [
      startOfUtcWeek(at(1)),
      startOfUtcWeek(at(15)),
      startOfUtcWeek(at(-6, 0.5)),
    ]) {
      const before = await getRatingWeeksByFilmId(db(), { filmId: film!.id, before: split });
      const from = await getRatingWeeksByFilmId(db(), { filmId: film!.id, from: split });
      expect(before.length && from.length, split.toISOString()).toBeTruthy();
      expect([...before, ...from], split.toISOString()).toEqual(whole);
    }
  });

  it("lists the other titles of the film's peak week", async () => {
    const id = await filmId("ballerina-2023");
    const run = await db().select().from(chartEntries).where(eq(chartEntries.filmId, id));
    const best = Math.min(...run.map((r) => r.rank));
    const peak = run
      .filter((r) => r.rank === best)
      .sort((a, b) => a.week.localeCompare(b.week))[0]!;
    const expected = await db()
      .select({ rank: chartEntries.rank, title: chartEntries.showTitle })
      .from(chartEntries)
      .where(and(eq(chartEntries.week, peak.week), eq(chartEntries.list, peak.list)));

    const list = await getPeakWeekList(db(), { filmId: id });
    expect(list).toMatchObject({ week: peak.week, list: peak.list, rank: best });
    expect(list!.rows.map((r) => [r.rank, r.showTitle])).toEqual(
      expected.sort((a, b) => a.rank - b.rank).map((r) => [r.rank, r.title]),
    );
    expect(list!.rows.find((r) => r.rank === best)?.film?.slug).toBe("ballerina-2023");
    expect(list!.rows.filter((r) => r.film || r.series).length).toBe(10);
  });

  it("finds films sharing a director or cast member, most shared first, and names who links them", async () => {
    const ballerina = await filmId("ballerina-2023");
    const names = ["Lee Chung Hyun", "Jeon Jong Seo", "Kim Ji Hoon"];
    const person = Object.fromEntries(
      (
        await db()
          .select({ id: people.id, name: people.name })
          .from(people)
          .where(inArray(people.name, names))
      ).map((p) => [p.name, p.id]),
    );
    // four charted films with no credits of their own, by id
    const others = await db()
      .select({ id: films.id, slug: films.slug })
      .from(films)
      .where(
        sql`exists (select 1 from chart_entries ce where ce.film_id = ${films.id})
          and not exists (select 1 from credits c where c.film_id = ${films.id})`,
      )
      .orderBy(films.id)
      .limit(4);
    const [twoShared, oneA, oneB, writerOnly] = others;
    await db()
      .insert(credits)
      .values([
        { filmId: twoShared!.id, personId: person["Jeon Jong Seo"]!, role: "cast" },
        { filmId: twoShared!.id, personId: person["Lee Chung Hyun"]!, role: "director" },
        { filmId: oneA!.id, personId: person["Kim Ji Hoon"]!, role: "cast" },
        { filmId: oneB!.id, personId: person["Jeon Jong Seo"]!, role: "cast" },
        // a writer credit alone does not link films
        { filmId: writerOnly!.id, personId: person["Jeon Jong Seo"]!, role: "writer" },
      ]);

    const prominence = async (id: number) => {
      const rows = await db().select().from(chartEntries).where(eq(chartEntries.filmId, id));
      return {
        best: Math.min(...rows.map((r) => r.rank)),
        weeks: new Set(rows.map((r) => r.week)).size,
      };
    };
    const [a, b] = [await prominence(oneA!.id), await prominence(oneB!.id)];
    const oneSharedOrder =
      a.best !== b.best
        ? a.best < b.best
          ? [oneA, oneB]
          : [oneB, oneA]
        : a.weeks !== b.weeks
          ? a.weeks > b.weeks
            ? [oneA, oneB]
            : [oneB, oneA]
          : null;

    const related = await getRelatedByPeople(db(), { filmId: ballerina, limit: 12 });
    expect(related[0]?.slug).toBe(twoShared!.slug);
    // Ballerina's billing: its director first, then its cast
    expect(related[0]?.people.map((p) => p.name)).toEqual(["Lee Chung Hyun", "Jeon Jong Seo"]);
    expect(related.map((r) => r.slug)).not.toContain(writerOnly!.slug);
    expect(related.map((r) => r.slug)).not.toContain("ballerina-2023");
    const rest = related.slice(1, 3).map((r) => r.slug);
    expect(rest.sort()).toEqual([oneA!.slug, oneB!.slug].sort());
    if (oneSharedOrder)
      expect(related.slice(1, 3).map((r) => r.slug)).toEqual(oneSharedOrder.map((f) => f!.slug));
    const twoSharedProminence = await prominence(twoShared!.id);
    expect(related[0]).toMatchObject({
      bestRank: twoSharedProminence.best,
      weeks: twoSharedProminence.weeks,
    });
  });

  it("totals a person's titles, weeks in the Top 10 and best rank, with each title's average rating", async () => {
    const [jeon] = await db().select().from(people).where(eq(people.slug, "jeon-jong-seo"));
    const creditRows = await db()
      .selectDistinct({ filmId: credits.filmId })
      .from(credits)
      .where(eq(credits.personId, jeon!.id));
    const ids = creditRows.map((c) => c.filmId);
    const charts = await db().select().from(chartEntries).where(inArray(chartEntries.filmId, ids));
    const visible = await db()
      .select({ filmId: reviews.filmId, rating: reviews.rating })
      .from(reviews)
      .where(
        and(
          inArray(reviews.filmId, ids),
          sql`${reviews.deletedAt} is null`,
          sql`not exists (select 1 from moderation_states m where m.target_type = 'review' and m.target_id = ${reviews.id} and m.status <> 'visible')`,
        ),
      );

    const person = await getPersonBySlug(db(), { slug: "jeon-jong-seo" });
    expect(person!.totals).toEqual({
      titles: ids.length,
      weeksInTop10: ids.reduce(
        (n, id) => n + new Set(charts.filter((c) => c.filmId === id).map((c) => c.week)).size,
        0,
      ),
      bestRank: Math.min(...charts.map((c) => c.rank)),
    });
    expect(person!.titles.length).toBeGreaterThanOrEqual(3);
    const ballerina = person!.titles.find((t) => t.film.slug === "ballerina-2023")!;
    const ballerinaId = await filmId("ballerina-2023");
    const ratings = visible.filter((r) => r.filmId === ballerinaId);
    expect(ratings.length).toBeGreaterThan(0);
    expect(ballerina.ratings).toEqual({
      count: ratings.length,
      sum: ratings.reduce((n, r) => n + r.rating, 0),
    });
    expect(ballerina.bestRank).toBe(
      Math.min(...charts.filter((c) => c.filmId === ballerinaId).map((c) => c.rank)),
    );
    // newest first, unknown years last
    const years = person!.titles.map((t) => t.film.year);
    const known = years.filter((y) => y != null);
    expect(known).toEqual([...known].sort((x, y) => y - x));
    expect(years.slice(known.length).every((y) => y == null)).toBe(true);
  });

  describe.skipIf(!haveCountries)("with Netflix's per-country lists of 2021-22", () => {
    type FileRow = {
      iso2: string;
      name: string;
      week: string;
      category: string;
      rank: number;
      title: string;
      weeks: number;
    };
    let fileRows: FileRow[] = [];
    beforeAll(() => {
      const [header, ...lines] = fs
        .readFileSync(COUNTRIES_FILE, "utf8")
        .split("\n")
        .filter(Boolean);
      const cols = header!.split("\t");
      const at = (cells: string[], name: string) => cells[cols.indexOf(name)]!;
      fileRows = lines.map((line) => {
        const c = line.split("\t");
        return {
          iso2: at(c, "country_iso2"),
          name: at(c, "country_name"),
          week: at(c, "week"),
          category: at(c, "category"),
          rank: Number(at(c, "weekly_rank")),
          title: at(c, "show_title"),
          weeks: Number(at(c, "cumulative_weeks_in_top_10")),
        };
      });
    });

    it("ranks a film in every country that listed it, week by week, as the file has it", async () => {
      const films_ = fileRows.filter((r) => r.category === "Films");
      const lastWeek = films_
        .map((r) => r.week)
        .sort()
        .at(-1)!;
      // the film in most countries' lists in the file's last week that a global list also has
      const counts = new Map<string, number>();
      for (const r of films_.filter((r) => r.week === lastWeek))
        counts.set(r.title, (counts.get(r.title) ?? 0) + 1);
      const titles = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
      let entry: { filmId: number | null; title: string } | undefined;
      for (const title of titles) {
        [entry] = await db()
          .select({ filmId: chartEntries.filmId, title: chartEntries.showTitle })
          .from(chartEntries)
          .where(
            and(
              eq(chartEntries.week, lastWeek),
              eq(chartEntries.showTitle, title),
              sql`${chartEntries.filmId} is not null`,
            ),
          );
        if (entry) break;
      }
      expect(entry, "a film on both a global and a country list").toBeDefined();
      const id = entry!.filmId!;

      const ranks = await getCountryRanks(db(), { filmId: id, week: lastWeek });
      const mine = films_.filter((r) => r.week === lastWeek && r.title === entry!.title);
      const listed = new Set(films_.filter((r) => r.week === lastWeek).map((r) => r.iso2));
      expect(ranks.length).toBe(listed.size);
      expect(
        ranks
          .filter((c) => c.rank != null)
          .map((c) => [c.iso2, c.rank, c.cumulativeWeeks])
          .sort(),
      ).toEqual(mine.map((r) => [r.iso2, r.rank, r.weeks]).sort());
      expect(
        ranks
          .filter((c) => c.rank == null)
          .map((c) => c.iso2)
          .sort(),
      ).toEqual([...listed].filter((iso) => !mine.some((r) => r.iso2 === iso)).sort());
      // best rank first
      const shown = ranks.filter((c) => c.rank != null).map((c) => c.rank!);
      expect(shown).toEqual([...shown].sort((a, b) => a - b));

      const run = await db().select().from(chartEntries).where(eq(chartEntries.filmId, id));
      const expectedWeeks = run
        .map((e) => {
          const rows = films_.filter((r) => r.week === e.week && r.title === e.showTitle);
          return {
            week: e.week,
            countries: new Set(rows.map((r) => r.iso2)).size,
            numberOne: rows.filter((r) => r.rank === 1).length,
          };
        })
        .filter((w) => w.countries > 0)
        .sort((a, b) => a.week.localeCompare(b.week));
      expect(await getCountryWeeksByFilmId(db(), { filmId: id })).toEqual(expectedWeeks);
    });

    it("has no per-country weeks for a film outside the file's weeks", async () => {
      expect(
        await getCountryWeeksByFilmId(db(), { filmId: await filmId("ballerina-2023") }),
      ).toEqual([]);
    });
  });
});
