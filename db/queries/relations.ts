/**
 * Follows and blocks as the rest of the app asks about them: may this reader see that part of a
 * profile, may this actor touch that user's content, and the notification a write leaves.
 */
import "server-only";
import { and, eq, or, sql } from "drizzle-orm";
import { AppError } from "../../lib/errors";
import { canSee, STRANGER, type Audience, type Relation } from "../../lib/privacy";
import type { Executor } from "../index";
import { blocks, follows, notifications, type NotificationKind } from "../schema";

/** How `ownerId` sees `viewerId` (null: an anonymous reader). */
export async function relationBetween(
  db: Executor,
  { viewerId, ownerId }: { viewerId: string | null; ownerId: string },
): Promise<Relation> {
  if (!viewerId) return STRANGER;
  if (viewerId === ownerId) return { self: true, follower: false, blocked: false };
  const [row] = await db
    .select({
      follower: sql<boolean>`exists (select 1 from ${follows} where ${follows.followerId} = ${viewerId} and ${follows.followeeId} = ${ownerId})`,
      blocked: sql<boolean>`exists (select 1 from ${blocks} where (${blocks.blockerId} = ${viewerId} and ${blocks.blockedId} = ${ownerId}) or (${blocks.blockerId} = ${ownerId} and ${blocks.blockedId} = ${viewerId}))`,
    })
    .from(sql`(select 1) as one`);
  return { self: false, follower: Boolean(row?.follower), blocked: Boolean(row?.blocked) };
}

/** Whether `viewerId` may see what `ownerId` shows to `audience`. */
export async function mayView(
  db: Executor,
  args: { viewerId: string | null; ownerId: string; audience: Audience },
): Promise<boolean> {
  if (args.audience === "everyone" && !args.viewerId) return true;
  return canSee(args.audience, await relationBetween(db, args));
}

/** Whether either user blocked the other. */
export async function isBlockedEitherWay(db: Executor, a: string, b: string): Promise<boolean> {
  if (a === b) return false;
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(blocks)
    .where(
      or(
        and(eq(blocks.blockerId, a), eq(blocks.blockedId, b)),
        and(eq(blocks.blockerId, b), eq(blocks.blockedId, a)),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * Refuses an interaction (like, comment, follow) between users when either blocked the other.
 * The message does not say who blocked whom.
 */
export async function assertNotBlocked(
  db: Executor,
  { actorId, ownerId }: { actorId: string; ownerId: string },
): Promise<void> {
  if (await isBlockedEitherWay(db, actorId, ownerId))
    throw new AppError("forbidden", "You can't interact with this user's content.");
}

export type NotificationInput = {
  /** Who is told. */
  userId: string;
  kind: NotificationKind;
  /** Who did it; null for moderation. */
  actorId: string | null;
  reviewId?: number | null;
  commentId?: number | null;
  listId?: number | null;
  data?: Record<string, unknown> | null;
  /** One notification per key and recipient: `like:review:12:<actor>`, `comment:345`. */
  dedupeKey: string;
};

/**
 * Leaves a notification, in the caller's transaction: none for one's own actions, none between
 * users where either blocked the other, and at most one per event (`dedupeKey`).
 * Returns whether one was written.
 */
export async function notify(db: Executor, input: NotificationInput): Promise<boolean> {
  if (input.actorId === input.userId) return false;
  if (input.actorId && (await isBlockedEitherWay(db, input.actorId, input.userId))) return false;
  const written = await db
    .insert(notifications)
    .values({
      userId: input.userId,
      kind: input.kind,
      actorId: input.actorId,
      reviewId: input.reviewId ?? null,
      commentId: input.commentId ?? null,
      listId: input.listId ?? null,
      data: input.data ?? null,
      dedupeKey: input.dedupeKey,
    })
    .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
    .returning({ id: notifications.id });
  return written.length > 0;
}
