/**
 * A user's notifications: what happened to their reviews, comments and account. Written by the
 * writes that cause them (`notify` in relations.ts); read and marked read here, only by their owner.
 * Nothing from a user either of the two blocked is shown or counted.
 */
import "server-only";
import { DELETED_USER_NAME } from "./reviews";
import { and, count, desc, eq, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { AppError, notSignedIn } from "../../lib/errors";
import type { Executor } from "../index";
import {
  blocks,
  films,
  lists,
  notifications,
  reviews,
  users,
  type NotificationKind,
} from "../schema";
import { isCursorMoment } from "../../lib/cursor";
import { momentParam } from "./keyset";
import { decodeCursor, encodeCursor, type Cursor } from "./reviews";
import type { Actor } from "./users";

/** Not from someone the recipient blocked or who blocked them. */
const notFromBlocked: SQL = sql`(${notifications.actorId} is null or not exists (
  select 1 from ${blocks}
  where (${blocks.blockerId} = ${notifications.userId} and ${blocks.blockedId} = ${notifications.actorId})
     or (${blocks.blockerId} = ${notifications.actorId} and ${blocks.blockedId} = ${notifications.userId})))`;

export type NotificationView = {
  id: number;
  kind: NotificationKind;
  createdAt: string;
  read: boolean;
  actor: { handle: string; name: string } | null;
  reviewId: number | null;
  commentId: number | null;
  film: { slug: string; title: string } | null;
  list: { slug: string; name: string; ownerHandle: string } | null;
  data: Record<string, unknown> | null;
};

export const NOTIFICATIONS_PAGE_SIZE = 30;

/** One page of the user's notifications, newest first, by keyset on (created_at, id). */
export async function listNotifications(
  db: Executor,
  { userId, cursor, limit }: { userId: string; cursor: string | null; limit: number },
): Promise<{ notifications: NotificationView[]; next: string | null }> {
  const c: Cursor | null = decodeCursor(cursor);
  // the cursor's time is exact to the microsecond (see ./keyset)
  const at = c && isCursorMoment(c.v) ? c.v : null;
  const after =
    c && at
      ? or(
          lt(notifications.createdAt, momentParam(at)),
          and(eq(notifications.createdAt, momentParam(at)), lt(notifications.id, c.id)),
        )
      : undefined;
  const actors = alias(users, "actors");
  const owners = alias(users, "list_owners");
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      createdAt: notifications.createdAt,
      createdAtText: sql<string>`${notifications.createdAt}::text`,
      readAt: notifications.readAt,
      actorHandle: actors.handle,
      actorName: actors.name,
      actorDeletedAt: actors.deletedAt,
      reviewId: notifications.reviewId,
      commentId: notifications.commentId,
      data: notifications.data,
      filmSlug: films.slug,
      filmTitle: films.title,
      listSlug: lists.slug,
      listName: lists.name,
      listOwner: owners.handle,
    })
    .from(notifications)
    .leftJoin(actors, eq(actors.id, notifications.actorId))
    .leftJoin(reviews, eq(reviews.id, notifications.reviewId))
    .leftJoin(films, eq(films.id, reviews.filmId))
    .leftJoin(lists, eq(lists.id, notifications.listId))
    .leftJoin(owners, eq(owners.id, lists.userId))
    .where(and(eq(notifications.userId, userId), notFromBlocked, after))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = rows.length > limit ? page[page.length - 1] : undefined;
  return {
    notifications: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      createdAt: r.createdAt.toISOString(),
      read: r.readAt != null,
      actor: r.actorDeletedAt
        ? { handle: "", name: DELETED_USER_NAME }
        : r.actorHandle
          ? { handle: r.actorHandle, name: r.actorName ?? r.actorHandle }
          : null,
      reviewId: r.reviewId,
      commentId: r.commentId,
      film: r.filmSlug ? { slug: r.filmSlug, title: r.filmTitle ?? r.filmSlug } : null,
      list:
        r.listSlug && r.listOwner
          ? { slug: r.listSlug, name: r.listName ?? r.listSlug, ownerHandle: r.listOwner }
          : null,
      data: r.data ?? null,
    })),
    next: last ? encodeCursor({ v: last.createdAtText, id: last.id }) : null,
  };
}

export async function countUnread(db: Executor, { userId }: { userId: string }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), notFromBlocked));
  return row?.n ?? 0;
}

/** Marks one of the actor's own notifications read; another user's is "not found". */
export async function markNotificationRead(
  db: Executor,
  actor: Actor | null,
  { notificationId }: { notificationId: number },
) {
  if (!actor) throw notSignedIn();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(and(eq(notifications.id, notificationId), eq(notifications.userId, actor.id)))
      .returning({ id: notifications.id });
    if (!row) throw new AppError("not_found", "That notification does not exist.");
    return { notificationId: row.id };
  });
}

export async function markAllNotificationsRead(db: Executor, actor: Actor | null) {
  if (!actor) throw notSignedIn();
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return { marked: rows.length };
  });
}
