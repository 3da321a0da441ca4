/**
 * Viewers' lists of films: ranked or not, private or not, each film with a position and a note.
 * Every write runs in one transaction under the list's row lock and bumps its `version`, so a
 * reorder made from a stale copy of the list is refused rather than silently undone.
 */
import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { AppError } from "../../lib/errors";
import { slugify } from "../../lib/slug";
import { MAX_LIST_ITEMS } from "../../lib/validation";
import type { Executor } from "../index";
import { chartEntries, films, listItems, listLikes, lists, users, type Audience } from "../schema";
import { isCursorMoment } from "../../lib/cursor";
import { momentParam } from "./keyset";
import { assertCanParticipate } from "./moderation/permissions";
import { assertNotBlocked, mayView, notify } from "./relations";
import { decodeCursor, encodeCursor } from "./reviews";
import type { Actor } from "./users";

export const STALE_LIST_MESSAGE =
  "This list changed since you opened it; reload to see the latest order.";
const NO_LIST = "That list does not exist.";

// ─── Writes ──────────────────────────────────────────────────────────────────

type ListRow = typeof lists.$inferSelect;

/** The list, locked for this transaction, if it is the actor's own and not deleted. */
async function lockOwnList(tx: Executor, actor: Actor, listId: number): Promise<ListRow> {
  const [list] = await tx.select().from(lists).where(eq(lists.id, listId)).for("update");
  if (!list || list.deletedAt) throw new AppError("not_found", NO_LIST);
  if (list.userId !== actor.id) {
    // someone else's private list is not there at all
    if (list.isPrivate) throw new AppError("not_found", NO_LIST);
    throw new AppError("forbidden", "You can only change your own lists.");
  }
  return list;
}

/** Records a change: the version, the time and the exact count of films. */
async function touch(
  tx: Executor,
  listId: number,
): Promise<{ version: number; itemsCount: number }> {
  const [row] = await tx
    .update(lists)
    .set({
      version: sql`${lists.version} + 1`,
      updatedAt: sql`now()`,
      itemsCount: sql`(select count(*)::int from ${listItems} where ${listItems.listId} = ${listId})`,
    })
    .where(eq(lists.id, listId))
    .returning({ version: lists.version, itemsCount: lists.itemsCount });
  return row!;
}

export type ListFields = {
  name: string;
  description: string | null;
  ranked: boolean;
  isPrivate: boolean;
};

export type ListWrite = { listId: number; slug: string; handle: string; version: number };

/**
 * A new list. Its slug comes from the name now and never changes with it, so a shared address
 * keeps working; a name used before gets `-2`, `-3`… (deleted lists keep their address too).
 */
export async function createList(
  db: Executor,
  actorOrNull: Actor | null,
  input: ListFields,
): Promise<ListWrite> {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    // one list created at a time per user, so two at once cannot both take the same slug
    await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.id)).for("update");
    const base = slugify(input.name) || "list";
    const taken = new Set(
      (
        await tx
          .select({ slug: sql<string>`lower(${lists.slug})` })
          .from(lists)
          .where(
            and(
              eq(lists.userId, actor.id),
              or(eq(lists.slug, base), sql`${lists.slug} like ${`${base}-%`}`),
            ),
          )
      ).map((r) => r.slug),
    );
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    const [row] = await tx
      .insert(lists)
      .values({ userId: actor.id, slug, ...input })
      .returning({ id: lists.id, version: lists.version });
    return { listId: row!.id, slug, handle: actor.handle, version: row!.version };
  });
}

/** Changes a list's name, description, ranking or privacy; its address stays. */
export async function updateList(
  db: Executor,
  actorOrNull: Actor | null,
  { listId, ...fields }: ListFields & { listId: number },
): Promise<ListWrite & { wasPrivate: boolean }> {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    const list = await lockOwnList(tx, actor, listId);
    await tx.update(lists).set(fields).where(eq(lists.id, listId));
    const { version } = await touch(tx, listId);
    return { listId, slug: list.slug, handle: actor.handle, version, wasPrivate: list.isPrivate };
  });
}

/** The owner deletes a list: kept, shown nowhere. */
export async function deleteList(
  db: Executor,
  actorOrNull: Actor | null,
  { listId }: { listId: number },
): Promise<ListWrite> {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    const list = await lockOwnList(tx, actor, listId);
    await tx
      .update(lists)
      .set({ deletedAt: sql`now()` })
      .where(eq(lists.id, listId));
    const { version } = await touch(tx, listId);
    return { listId, slug: list.slug, handle: actor.handle, version };
  });
}

export type ListItemView = {
  filmId: number;
  slug: string;
  title: string;
  year: number | null;
  position: number;
  note: string | null;
  /** The film's best weekly Top 10 rank, or null if it never charted. */
  bestRank: number | null;
};

const itemColumns = {
  filmId: listItems.filmId,
  slug: films.slug,
  title: films.title,
  year: films.year,
  position: listItems.position,
  note: listItems.note,
  // one index range per film (chart_entries_film_week_idx)
  bestRank: sql<
    number | null
  >`(select min(${chartEntries.rank})::int from ${chartEntries} where ${chartEntries.filmId} = ${films.id})`,
};

/** Adds a film at the end of the list; a film already on it is refused. */
export async function addListItem(
  db: Executor,
  actorOrNull: Actor | null,
  { listId, filmSlug }: { listId: number; filmSlug: string },
): Promise<ListWrite & { item: ListItemView }> {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    const list = await lockOwnList(tx, actor, listId);
    const [film] = await tx
      .select({ id: films.id, title: films.title })
      .from(films)
      .where(eq(films.slug, filmSlug));
    if (!film) throw new AppError("not_found", "That film does not exist.");
    if (list.itemsCount >= MAX_LIST_ITEMS)
      throw new AppError(
        "invalid",
        `A list holds at most ${MAX_LIST_ITEMS.toLocaleString("en-US")} films.`,
      );
    const added = await tx
      .insert(listItems)
      .values({
        listId,
        filmId: film.id,
        position: sql`(select coalesce(max(${listItems.position}), 0) + 1 from ${listItems} where ${listItems.listId} = ${listId})`,
      })
      .onConflictDoNothing()
      .returning({ filmId: listItems.filmId });
    if (added.length === 0)
      throw new AppError("conflict", `${film.title} is already on this list.`, {
        filmSlug: `${film.title} is already on this list.`,
      });
    const { version } = await touch(tx, listId);
    const [item] = await tx
      .select(itemColumns)
      .from(listItems)
      .innerJoin(films, eq(films.id, listItems.filmId))
      .where(and(eq(listItems.listId, listId), eq(listItems.filmId, film.id)));
    return { listId, slug: list.slug, handle: actor.handle, version, item: item! };
  });
}

/** Takes a film off the list; the films after it move up, so positions stay 1…n. */
export async function removeListItem(
  db: Executor,
  actorOrNull: Actor | null,
  { listId, filmId }: { listId: number; filmId: number },
): Promise<ListWrite> {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    const list = await lockOwnList(tx, actor, listId);
    const [removed] = await tx
      .delete(listItems)
      .where(and(eq(listItems.listId, listId), eq(listItems.filmId, filmId)))
      .returning({ position: listItems.position });
    if (!removed) throw new AppError("not_found", "That film is not on this list.");
    await tx
      .update(listItems)
      .set({ position: sql`${listItems.position} - 1` })
      .where(and(eq(listItems.listId, listId), gt(listItems.position, removed.position)));
    const { version } = await touch(tx, listId);
    return { listId, slug: list.slug, handle: actor.handle, version };
  });
}

/** Sets (or clears, with null) the owner's note on a film of the list. */
export async function setListItemNote(
  db: Executor,
  actorOrNull: Actor | null,
  { listId, filmId, note }: { listId: number; filmId: number; note: string | null },
): Promise<ListWrite> {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    const list = await lockOwnList(tx, actor, listId);
    const updated = await tx
      .update(listItems)
      .set({ note })
      .where(and(eq(listItems.listId, listId), eq(listItems.filmId, filmId)))
      .returning({ filmId: listItems.filmId });
    if (updated.length === 0) throw new AppError("not_found", "That film is not on this list.");
    const { version } = await touch(tx, listId);
    return { listId, slug: list.slug, handle: actor.handle, version };
  });
}

/**
 * Puts the list's films in the order given. The order must name exactly the films on the list,
 * and `version` must be the list's version now: an order made from an older copy is refused, so
 * two editors (or two tabs) cannot undo each other's changes without seeing them.
 */
export async function reorderList(
  db: Executor,
  actorOrNull: Actor | null,
  { listId, version, filmIds }: { listId: number; version: number; filmIds: number[] },
): Promise<ListWrite> {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    const list = await lockOwnList(tx, actor, listId);
    if (list.version !== version) throw new AppError("conflict", STALE_LIST_MESSAGE);
    const current = await tx
      .select({ filmId: listItems.filmId })
      .from(listItems)
      .where(eq(listItems.listId, listId));
    const have = new Set(current.map((c) => c.filmId));
    const given = new Set(filmIds);
    if (
      given.size !== filmIds.length ||
      filmIds.length !== have.size ||
      filmIds.some((id) => !have.has(id))
    )
      throw new AppError(
        "invalid",
        "The new order must hold each film of the list exactly once; reload and try again.",
      );
    if (filmIds.length > 0) {
      // one statement: positions are not unique, but writing them all at once keeps them dense
      const order = sql.join(
        filmIds.map((id, i) => sql`(${id}::int, ${i + 1}::int)`),
        sql`, `,
      );
      await tx.execute(
        sql`update ${listItems} set position = o.position from (values ${order}) as o(film_id, position) where ${listItems.listId} = ${listId} and ${listItems.filmId} = o.film_id`,
      );
    }
    const touched = await touch(tx, listId);
    return { listId, slug: list.slug, handle: actor.handle, version: touched.version };
  });
}

/**
 * Likes a list (`liked: true`) or takes the like back; doing what is already done changes
 * nothing. Not one's own list, not a list one may not see, not between users who blocked each
 * other. The first like tells the owner, once: liking again later does not tell them twice.
 */
export async function setListLike(
  db: Executor,
  actorOrNull: Actor | null,
  { listId, liked }: { listId: number; liked: boolean },
): Promise<{ listId: number; slug: string; handle: string; liked: boolean; likes: number }> {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    const [list] = await tx
      .select({
        id: lists.id,
        userId: lists.userId,
        slug: lists.slug,
        isPrivate: lists.isPrivate,
        deletedAt: lists.deletedAt,
        audience: users.listsAudience,
        handle: users.handle,
      })
      .from(lists)
      .innerJoin(users, eq(users.id, lists.userId))
      .where(eq(lists.id, listId))
      .for("update", { of: lists });
    if (!list || list.deletedAt || (list.isPrivate && list.userId !== actor.id))
      throw new AppError("not_found", NO_LIST);
    if (list.userId === actor.id) throw new AppError("forbidden", "You cannot like your own list.");
    await assertNotBlocked(tx, { actorId: actor.id, ownerId: list.userId });
    if (!(await canViewList(tx, actor.id, list))) throw new AppError("not_found", NO_LIST);
    const changed = liked
      ? await tx
          .insert(listLikes)
          .values({ listId, userId: actor.id })
          .onConflictDoNothing()
          .returning({ listId: listLikes.listId })
      : await tx
          .delete(listLikes)
          .where(and(eq(listLikes.listId, listId), eq(listLikes.userId, actor.id)))
          .returning({ listId: listLikes.listId });
    const [row] = await tx
      .update(lists)
      .set({
        likesCount: sql`${lists.likesCount} + ${changed.length === 0 ? 0 : liked ? 1 : -1}`,
      })
      .where(eq(lists.id, listId))
      .returning({ likes: lists.likesCount });
    if (liked && changed.length > 0)
      await notify(tx, {
        userId: list.userId,
        kind: "list_liked",
        actorId: actor.id,
        listId,
        dedupeKey: `list-like:${listId}:${actor.id}`,
      });
    return { listId, slug: list.slug, handle: list.handle, liked, likes: row!.likes };
  });
}

// ─── Reads ───────────────────────────────────────────────────────────────────

/** Whether `viewerId` may see the list: a private list only its owner, else the owner's audience. */
async function canViewList(
  db: Executor,
  viewerId: string | null,
  list: { userId: string; isPrivate: boolean; audience: Audience },
): Promise<boolean> {
  if (list.isPrivate) return viewerId === list.userId;
  return mayView(db, { viewerId, ownerId: list.userId, audience: list.audience });
}

export type ListOwner = { id: string; handle: string; name: string; listsAudience: Audience };

export async function getListOwner(
  db: Executor,
  { handle }: { handle: string },
): Promise<ListOwner | null> {
  const [row] = await db
    .select({
      id: users.id,
      handle: users.handle,
      name: users.name,
      listsAudience: users.listsAudience,
    })
    .from(users)
    // a deleted account's pages are gone, though its handle stays reserved for a while
    .where(sql`lower(${users.handle}) = lower(${handle}) and ${users.deletedAt} is null`);
  return row ?? null;
}

export type ListSummary = {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  ranked: boolean;
  isPrivate: boolean;
  itemsCount: number;
  likesCount: number;
  updatedAt: string;
  /** The titles of its first few films, in order. */
  firstTitles: string[];
};

export const LIST_PREVIEW_TITLES = 4;

/**
 * A page of a user's lists, most recently changed first (keyset on `lists_user_updated_idx`).
 * `private`: "exclude" for anyone but the owner, "include" for the owner's full view, "only"
 * for the owner's private lists alone.
 */
export async function listUserLists(
  db: Executor,
  {
    ownerId,
    privacy,
    cursor,
    limit,
  }: {
    ownerId: string;
    privacy: "exclude" | "include" | "only";
    cursor: string | null;
    limit: number;
  },
): Promise<{ lists: ListSummary[]; next: string | null }> {
  const c = decodeCursor(cursor);
  // a cursor of another listing holds a count, not a moment: it reads as the first page
  // ... and its time is exact to the microsecond (see ./keyset)
  const at = c && isCursorMoment(c.v) ? c.v : null;
  const after =
    c && at
      ? or(
          lt(lists.updatedAt, momentParam(at)),
          and(eq(lists.updatedAt, momentParam(at)), lt(lists.id, c.id)),
        )
      : undefined;
  const rows = await db
    .select({
      id: lists.id,
      slug: lists.slug,
      name: lists.name,
      description: lists.description,
      ranked: lists.ranked,
      isPrivate: lists.isPrivate,
      itemsCount: lists.itemsCount,
      likesCount: lists.likesCount,
      updatedAt: lists.updatedAt,
      updatedAtText: sql<string>`${lists.updatedAt}::text`,
    })
    .from(lists)
    .where(
      and(
        eq(lists.userId, ownerId),
        isNull(lists.deletedAt),
        privacy === "exclude"
          ? eq(lists.isPrivate, false)
          : privacy === "only"
            ? eq(lists.isPrivate, true)
            : undefined,
        after,
      ),
    )
    .orderBy(desc(lists.updatedAt), desc(lists.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const firsts = page.length
    ? await db
        .select({ listId: listItems.listId, title: films.title })
        .from(listItems)
        .innerJoin(films, eq(films.id, listItems.filmId))
        .where(
          and(
            inArray(
              listItems.listId,
              page.map((p) => p.id),
            ),
            lte(listItems.position, LIST_PREVIEW_TITLES),
          ),
        )
        .orderBy(asc(listItems.listId), asc(listItems.position))
    : [];
  const last = rows.length > limit ? page[page.length - 1] : undefined;
  return {
    lists: page.map(({ updatedAtText: _, ...p }) => ({
      ...p,
      updatedAt: p.updatedAt.toISOString(),
      firstTitles: firsts.filter((f) => f.listId === p.id).map((f) => f.title),
    })),
    next: last ? encodeCursor({ v: last.updatedAtText, id: last.id }) : null,
  };
}

export type ListView = {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  ranked: boolean;
  isPrivate: boolean;
  itemsCount: number;
  likesCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  owner: { id: string; handle: string; name: string; listsAudience: Audience };
};

/** A list by its owner's handle and its slug, whoever may see it (not deleted); null if none. */
export async function getListBySlug(
  db: Executor,
  { handle, slug }: { handle: string; slug: string },
): Promise<ListView | null> {
  const [row] = await db
    .select({
      id: lists.id,
      slug: lists.slug,
      name: lists.name,
      description: lists.description,
      ranked: lists.ranked,
      isPrivate: lists.isPrivate,
      itemsCount: lists.itemsCount,
      likesCount: lists.likesCount,
      version: lists.version,
      createdAt: lists.createdAt,
      updatedAt: lists.updatedAt,
      ownerId: users.id,
      ownerHandle: users.handle,
      ownerName: users.name,
      audience: users.listsAudience,
    })
    .from(lists)
    .innerJoin(users, eq(users.id, lists.userId))
    .where(
      and(
        sql`lower(${users.handle}) = lower(${handle})`,
        sql`lower(${lists.slug}) = lower(${slug})`,
        isNull(lists.deletedAt),
      ),
    );
  if (!row) return null;
  const { ownerId, ownerHandle, ownerName, audience, createdAt, updatedAt, ...list } = row;
  return {
    ...list,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    owner: { id: ownerId, handle: ownerHandle, name: ownerName, listsAudience: audience },
  };
}

/** Whether this reader may see this list. */
export function mayViewList(db: Executor, viewerId: string | null, list: ListView) {
  return canViewList(db, viewerId, {
    userId: list.owner.id,
    isPrivate: list.isPrivate,
    audience: list.owner.listsAudience,
  });
}

/** Whether everyone, signed in or not, may see it: then the shared page shows it whole. */
export function isPublicList(list: ListView): boolean {
  return !list.isPrivate && list.owner.listsAudience === "everyone";
}

export const LIST_PAGE_SIZE = 100;

/** Films of a list in order, from just after position `after` (keyset on the position index). */
export async function listListItems(
  db: Executor,
  { listId, after, limit }: { listId: number; after: number; limit: number },
): Promise<{ items: ListItemView[]; next: number | null }> {
  const rows = await db
    .select(itemColumns)
    .from(listItems)
    .innerJoin(films, eq(films.id, listItems.filmId))
    .where(and(eq(listItems.listId, listId), gt(listItems.position, after)))
    .orderBy(asc(listItems.position))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? items[items.length - 1]!.position : null };
}

/** The signed-in reader's own standing with a list: theirs, liked, and whether they may like it. */
export async function getReaderListState(
  db: Executor,
  { userId, listId }: { userId: string; listId: number },
): Promise<{ own: boolean; liked: boolean }> {
  const [row] = await db
    .select({
      own: sql<boolean>`${lists.userId} = ${userId}`,
      liked: sql<boolean>`exists (select 1 from ${listLikes} where ${listLikes.listId} = ${lists.id} and ${listLikes.userId} = ${userId})`,
    })
    .from(lists)
    .where(eq(lists.id, listId));
  return { own: Boolean(row?.own), liked: Boolean(row?.liked) };
}

/** The owner's list with every film (at most MAX_LIST_ITEMS), for the editor; null if not theirs. */
export async function getListForEditing(
  db: Executor,
  { actorId, handle, slug }: { actorId: string; handle: string; slug: string },
): Promise<(ListView & { items: ListItemView[] }) | null> {
  const list = await getListBySlug(db, { handle, slug });
  if (!list || list.owner.id !== actorId) return null;
  const { items } = await listListItems(db, { listId: list.id, after: 0, limit: MAX_LIST_ITEMS });
  return { ...list, items };
}
