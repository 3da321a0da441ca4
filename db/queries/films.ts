import "server-only";
import { asc, count, eq, sql } from "drizzle-orm";
import type { Executor } from "../index";
import { credits, films, people, type CreditRole, type Film } from "../schema";

export type FilmCredit = {
  role: CreditRole;
  character: string | null;
  billingOrder: number;
  person: { id: number; slug: string; name: string; nativeName: string | null };
};
export type FilmWithCredits = Film & { credits: FilmCredit[] };

export async function getFilmBySlug(
  db: Executor,
  { slug }: { slug: string },
): Promise<FilmWithCredits | null> {
  const [film] = await db.select().from(films).where(eq(films.slug, slug)).limit(1);
  if (!film) return null;
  const rows = await db
    .select({
      role: credits.role,
      character: credits.character,
      billingOrder: credits.billingOrder,
      personId: people.id,
      slug: people.slug,
      name: people.name,
      nativeName: people.nativeName,
    })
    .from(credits)
    .innerJoin(people, eq(people.id, credits.personId))
    .where(eq(credits.filmId, film.id))
    .orderBy(asc(credits.role), asc(credits.billingOrder), asc(credits.id));
  return {
    ...film,
    credits: rows.map(({ personId, slug: personSlug, name, nativeName, ...credit }) => ({
      ...credit,
      person: { id: personId, slug: personSlug, name, nativeName },
    })),
  };
}

export const FILM_SORTS = ["title", "year"] as const;
export type FilmSort = (typeof FILM_SORTS)[number];

export type FilmListItem = Pick<
  Film,
  "slug" | "title" | "originalTitle" | "year" | "runtimeMinutes" | "originalLanguage"
>;

/** One page of the catalogue. Page numbers (not keyset) because readers jump between pages. */
export async function listFilms(
  db: Executor,
  { sort, page, pageSize }: { sort: FilmSort; page: number; pageSize: number },
): Promise<{ films: FilmListItem[]; total: number }> {
  const order =
    sort === "year"
      ? [sql`${films.year} desc nulls last`, asc(sql`lower(${films.title})`), asc(films.id)]
      : [asc(sql`lower(${films.title})`), asc(films.id)];
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        slug: films.slug,
        title: films.title,
        originalTitle: films.originalTitle,
        year: films.year,
        runtimeMinutes: films.runtimeMinutes,
        originalLanguage: films.originalLanguage,
      })
      .from(films)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(films),
  ]);
  return { films: rows, total: totalRow?.total ?? 0 };
}

/** Films most recently released, for the front page. */
export async function listLatestFilms(
  db: Executor,
  { limit }: { limit: number },
): Promise<FilmListItem[]> {
  return db
    .select({
      slug: films.slug,
      title: films.title,
      originalTitle: films.originalTitle,
      year: films.year,
      runtimeMinutes: films.runtimeMinutes,
      originalLanguage: films.originalLanguage,
    })
    .from(films)
    .orderBy(
      sql`${films.releaseDate} desc nulls last`,
      sql`${films.year} desc nulls last`,
      asc(films.id),
    )
    .limit(limit);
}
