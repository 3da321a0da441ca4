import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../index";
import { credits, films, people, type CreditRole, type Person } from "../schema";

export type FilmographyEntry = {
  role: CreditRole;
  character: string | null;
  film: { slug: string; title: string; originalTitle: string | null; year: number | null };
};
export type PersonWithFilmography = Person & { filmography: FilmographyEntry[] };

export async function getPersonBySlug(
  db: Executor,
  { slug }: { slug: string },
): Promise<PersonWithFilmography | null> {
  const [person] = await db.select().from(people).where(eq(people.slug, slug)).limit(1);
  if (!person) return null;
  const rows = await db
    .select({
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
    .orderBy(sql`${films.year} desc nulls last`, asc(films.title), asc(credits.role));
  return {
    ...person,
    filmography: rows.map(({ role, character, ...film }) => ({ role, character, film })),
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
