import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { ListSlug } from "../../lib/top10/lists";
import type { Executor } from "../index";
import {
  chartEntries,
  credits,
  filmRatingStats,
  films,
  people,
  type CreditRole,
  type Person,
} from "../schema";

/** One title of a person's, with how it did on the charts and with readers. */
export type PersonTitle = {
  film: { slug: string; title: string; originalTitle: string | null; year: number | null };
  /** Every role the person had in it, in credit order. */
  roles: { role: CreditRole; character: string | null }[];
  /** Best weekly rank on Netflix's global Top 10 and the list of the first week it reached it. */
  bestRank: number | null;
  bestList: ListSlug | null;
  weeksInTop10: number;
  ratings: { count: number; sum: number };
};

export type PersonTotals = {
  titles: number;
  /** Weeks in the Top 10 added up over the titles. */
  weeksInTop10: number;
  bestRank: number | null;
};

export type PersonWithTitles = Person & {
  titles: PersonTitle[];
  totals: PersonTotals;
};

export async function getPersonBySlug(
  db: Executor,
  { slug }: { slug: string },
): Promise<PersonWithTitles | null> {
  const [person] = await db.select().from(people).where(eq(people.slug, slug)).limit(1);
  if (!person) return null;
  const rows = await db
    .select({
      filmId: films.id,
      role: credits.role,
      character: credits.character,
      slug: films.slug,
      title: films.title,
      originalTitle: films.originalTitle,
      year: films.year,
    })
    .from(credits)
    .innerJoin(films, eq(films.id, credits.filmId))
    .where(eq(credits.personId, person.id))
    .orderBy(
      sql`${films.year} desc nulls last`,
      asc(films.title),
      asc(films.id),
      asc(credits.role),
    );

  const filmIds = [...new Set(rows.map((r) => r.filmId))];
  const [charts, ratings] = filmIds.length
    ? await Promise.all([
        db
          .select({
            filmId: chartEntries.filmId,
            week: chartEntries.week,
            list: chartEntries.list,
            rank: chartEntries.rank,
          })
          .from(chartEntries)
          .where(inArray(chartEntries.filmId, filmIds))
          .orderBy(asc(chartEntries.rank), asc(chartEntries.week)),
        db
          .select({
            filmId: filmRatingStats.filmId,
            count: filmRatingStats.count,
            sum: filmRatingStats.sum,
          })
          .from(filmRatingStats)
          .where(inArray(filmRatingStats.filmId, filmIds)),
      ])
    : [[], []];

  const titles = new Map<number, PersonTitle>();
  for (const { filmId, role, character, ...film } of rows) {
    let title = titles.get(filmId);
    if (!title) {
      // chart rows come best rank first, earliest week first
      const run = charts.filter((c) => c.filmId === filmId);
      const stats = ratings.find((r) => r.filmId === filmId);
      title = {
        film,
        roles: [],
        bestRank: run[0]?.rank ?? null,
        bestList: run[0]?.list ?? null,
        weeksInTop10: new Set(run.map((c) => c.week)).size,
        ratings: { count: stats?.count ?? 0, sum: stats?.sum ?? 0 },
      };
      titles.set(filmId, title);
    }
    title.roles.push({ role, character });
  }
  const list = [...titles.values()];
  const ranks = list.map((t) => t.bestRank).filter((r): r is number => r != null);
  return {
    ...person,
    titles: list,
    totals: {
      titles: list.length,
      weeksInTop10: list.reduce((n, t) => n + t.weeksInTop10, 0),
      bestRank: ranks.length ? Math.min(...ranks) : null,
    },
  };
}

/** People's names by id (native name in brackets), for showing credits in a film's history. */
export async function getPeopleNames(
  db: Executor,
  { ids }: { ids: number[] },
): Promise<Record<number, string>> {
  if (ids.length === 0) return {};
  const rows = await db
    .select({ id: people.id, name: people.name, nativeName: people.nativeName })
    .from(people)
    .where(inArray(people.id, ids));
  return Object.fromEntries(
    rows.map((p) => [p.id, p.nativeName ? `${p.name} (${p.nativeName})` : p.name]),
  );
}
