import "server-only";
import { asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../index";
import { filmRevisions, films, users } from "../schema";

export const QUEUE_FILTERS = ["missing", "flagged", "proposals"] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

// `films.id` by hand: in a query on films alone drizzle writes a bare "id", which inside these
// subqueries would be the subquery's own id
const weeks = sql<number>`(select count(*)::int from chart_entries ce where ce.film_id = films.id)`;
const bestRank = sql<
  number | null
>`(select min(ce.rank)::int from chart_entries ce where ce.film_id = films.id)`;
const hasDirector = sql<boolean>`exists (select 1 from credits c where c.film_id = films.id and c.role = 'director')`;
const hasCast = sql<boolean>`exists (select 1 from credits c where c.film_id = films.id and c.role = 'cast')`;
const pending = sql<number>`(select count(*)::int from fact_proposals p where p.film_id = films.id and p.status = 'pending')`;

const WHERE: Record<QueueFilter, SQL> = {
  missing: sql`not (${hasDirector} and ${hasCast})`,
  flagged: sql`${films.needsReview}`,
  proposals: sql`${pending} > 0`,
};

export type QueueItem = {
  id: number;
  slug: string;
  title: string;
  year: number | null;
  needsReview: boolean;
  weeks: number;
  bestRank: number | null;
  hasDirector: boolean;
  hasCast: boolean;
  proposals: number;
  locked: boolean;
};

/** The editors' queue: films that lack facts, by how prominent they are on the charts. */
export async function getEditQueue(
  db: Executor,
  { filter, page, pageSize }: { filter: QueueFilter; page: number; pageSize: number },
): Promise<{ items: QueueItem[]; counts: Record<QueueFilter, number> }> {
  const [items, [counts]] = await Promise.all([
    db
      .select({
        id: films.id,
        slug: films.slug,
        title: films.title,
        year: films.year,
        needsReview: films.needsReview,
        weeks,
        bestRank,
        hasDirector,
        hasCast,
        proposals: pending,
        locked: sql<boolean>`${films.lockedAt} is not null`,
      })
      .from(films)
      .where(WHERE[filter])
      .orderBy(desc(weeks), sql`${bestRank} asc nulls last`, asc(films.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({
        missing: sql<number>`count(*) filter (where ${WHERE.missing})::int`,
        flagged: sql<number>`count(*) filter (where ${WHERE.flagged})::int`,
        proposals: sql<number>`count(*) filter (where ${WHERE.proposals})::int`,
      })
      .from(films),
  ]);
  return { items, counts: counts ?? { missing: 0, flagged: 0, proposals: 0 } };
}

export type RevisionView = {
  id: number;
  source: string;
  editor: { handle: string; name: string } | null;
  changes: Record<string, { before: unknown; after: unknown }>;
  revertOf: number | null;
  note: string | null;
  createdAt: Date;
};

/** Every change to a film's facts and credits, newest first. */
export async function listFilmRevisions(
  db: Executor,
  { filmId }: { filmId: number },
): Promise<RevisionView[]> {
  const rows = await db
    .select({
      id: filmRevisions.id,
      source: filmRevisions.source,
      handle: users.handle,
      name: users.name,
      changes: filmRevisions.changes,
      revertOf: filmRevisions.revertOf,
      note: filmRevisions.note,
      createdAt: filmRevisions.createdAt,
    })
    .from(filmRevisions)
    .leftJoin(users, eq(users.id, filmRevisions.userId))
    .where(eq(filmRevisions.filmId, filmId))
    .orderBy(desc(filmRevisions.createdAt), desc(filmRevisions.id));
  return rows.map(({ handle, name, ...r }) => ({
    ...r,
    editor: handle && name ? { handle, name } : null,
  }));
}
