/** Films a viewer means to watch: added and taken off idempotently, read newest first. */
import "server-only";
import { and, asc, desc, eq, gt, lt, or, sql } from "drizzle-orm";
import { AppError } from "../../lib/errors";
import type { Executor } from "../index";
import { films, watchlistEntries } from "../schema";
import { isCursorMoment } from "../../lib/cursor";
import { momentParam } from "./keyset";
import { assertCanParticipate } from "./moderation/permissions";
import { cursorKey, readGated, type FilmRef } from "./diary";
import { decodeCursor, encodeCursor, type Cursor } from "./reviews";
import type { Actor } from "./users";

/**
 * Puts a film on the actor's watchlist (`add`) or takes it off. Asking for the state it is
 * already in changes nothing; `changed` says whether anything was written.
 */
export async function setOnWatchlist(
  db: Executor,
  actorOrNull: Actor | null,
  { filmId, add }: { filmId: number; add: boolean },
): Promise<{ filmSlug: string; onWatchlist: boolean; changed: boolean }> {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    const [film] = await tx
      .select({ id: films.id, slug: films.slug })
      .from(films)
      .where(eq(films.id, filmId));
    if (!film) throw new AppError("not_found", "That film does not exist.");
    const where = and(eq(watchlistEntries.userId, actor.id), eq(watchlistEntries.filmId, film.id));
    const written = add
      ? await tx
          .insert(watchlistEntries)
          .values({ userId: actor.id, filmId: film.id })
          .onConflictDoNothing()
          .returning({ filmId: watchlistEntries.filmId })
      : await tx
          .delete(watchlistEntries)
          .where(where)
          .returning({ filmId: watchlistEntries.filmId });
    return { filmSlug: film.slug, onWatchlist: add, changed: written.length > 0 };
  });
}

export const WATCHLIST_PAGE_SIZE = 50;

export type WatchlistItem = { film: FilmRef; addedAt: string };
export type WatchlistPage = { items: WatchlistItem[]; next: string | null };

/**
 * The user's watchlist, last added first, by keyset on (addedAt desc, filmId asc) — the order of
 * its index. The cursor keeps the time as the database prints it (microseconds), so no entry is
 * skipped or repeated between pages.
 */
export async function listWatchlist(
  db: Executor,
  {
    userId,
    cursor,
    limit = WATCHLIST_PAGE_SIZE,
  }: { userId: string; cursor: Cursor | null; limit?: number },
): Promise<WatchlistPage> {
  const key = cursorKey(cursor, isCursorMoment);
  const at = key ? momentParam(key.v) : null;
  const after =
    key && at
      ? or(
          lt(watchlistEntries.addedAt, at),
          and(eq(watchlistEntries.addedAt, at), gt(watchlistEntries.filmId, key.id)),
        )
      : undefined;
  const rows = await db
    .select({
      filmId: watchlistEntries.filmId,
      addedAt: watchlistEntries.addedAt,
      addedAtText: sql<string>`${watchlistEntries.addedAt}::text`,
      slug: films.slug,
      title: films.title,
      year: films.year,
    })
    .from(watchlistEntries)
    .innerJoin(films, eq(films.id, watchlistEntries.filmId))
    .where(and(eq(watchlistEntries.userId, userId), after))
    .orderBy(desc(watchlistEntries.addedAt), asc(watchlistEntries.filmId))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = rows.length > limit ? page[page.length - 1] : undefined;
  return {
    items: page.map((r) => ({
      film: { slug: r.slug, title: r.title, year: r.year },
      addedAt: r.addedAt.toISOString(),
    })),
    next: last ? encodeCursor({ v: last.addedAtText, id: last.filmId }) : null,
  };
}

export function readWatchlist(
  db: Executor,
  args: { handle: string; viewerId: string | null; cursor: string | null; limit?: number },
) {
  return readGated(db, { ...args, part: "watchlist" }, (userId) =>
    listWatchlist(db, { userId, cursor: decodeCursor(args.cursor), limit: args.limit }),
  );
}
