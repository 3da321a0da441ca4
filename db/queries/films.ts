import "server-only";
import { asc, eq } from "drizzle-orm";
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
