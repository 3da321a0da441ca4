/**
 * Following and blocking people. A follow is refused between users where either blocked the
 * other; blocking someone ends the follows between the two, both ways, in the same transaction.
 */
import "server-only";
import { and, count, desc, eq, lt, or, sql } from "drizzle-orm";
import { isCursorKey, isCursorMoment } from "../../lib/cursor";
import { AppError, notSignedIn } from "../../lib/errors";
import type { Executor } from "../index";
import { blocks, follows, users } from "../schema";
import { momentParam } from "./keyset";
import { assertCanParticipate } from "./moderation/permissions";
import { assertNotBlocked, notify } from "./relations";
import type { Actor } from "./users";

export type UserRef = { id: string; handle: string; name: string };

export async function findUserByHandle(
  db: Executor,
  { handle }: { handle: string },
): Promise<UserRef | null> {
  const [user] = await db
    .select({ id: users.id, handle: users.handle, name: users.name })
    .from(users)
    // a deleted account's pages are gone, though its handle stays reserved for a while
    .where(sql`lower(${users.handle}) = lower(${handle}) and ${users.deletedAt} is null`);
  return user ?? null;
}

/** Signed in and not suspended or banned; a silenced account may still follow and block. */
function requireMember(actor: Actor | null): Actor {
  if (!actor) throw notSignedIn();
  if (actor.restriction && actor.restriction.kind !== "silence") assertCanParticipate(actor);
  return actor;
}

async function target(tx: Executor, actor: Actor, handle: string, verb: string) {
  const user = await findUserByHandle(tx, { handle });
  if (!user) throw new AppError("not_found", "No user has that handle.");
  if (user.id === actor.id) throw new AppError("invalid", `You cannot ${verb} yourself.`);
  return user;
}

export type FollowWrite = { user: UserRef; following: boolean };

/** The actor follows `handle` (again: nothing changes) and they are told, once. */
export async function followUser(
  db: Executor,
  actorOrNull: Actor | null,
  { handle }: { handle: string },
): Promise<FollowWrite> {
  const actor = requireMember(actorOrNull);
  return db.transaction(async (tx) => {
    const user = await target(tx, actor, handle, "follow");
    await assertNotBlocked(tx, { actorId: actor.id, ownerId: user.id });
    const created = await tx
      .insert(follows)
      .values({ followerId: actor.id, followeeId: user.id })
      .onConflictDoNothing()
      .returning({ followeeId: follows.followeeId });
    if (created.length > 0) {
      await notify(tx, {
        userId: user.id,
        kind: "followed",
        actorId: actor.id,
        dedupeKey: `follow:${actor.id}`,
      });
    }
    return { user, following: true };
  });
}

export async function unfollowUser(
  db: Executor,
  actorOrNull: Actor | null,
  { handle }: { handle: string },
): Promise<FollowWrite> {
  const actor = requireMember(actorOrNull);
  return db.transaction(async (tx) => {
    const user = await target(tx, actor, handle, "unfollow");
    await tx
      .delete(follows)
      .where(and(eq(follows.followerId, actor.id), eq(follows.followeeId, user.id)));
    return { user, following: false };
  });
}

export type BlockWrite = { user: UserRef; blocked: boolean };

/** The actor blocks `handle`: the follows between them end, both ways. Blocking again changes nothing. */
export async function blockUser(
  db: Executor,
  actorOrNull: Actor | null,
  { handle }: { handle: string },
): Promise<BlockWrite> {
  const actor = requireMember(actorOrNull);
  return db.transaction(async (tx) => {
    const user = await target(tx, actor, handle, "block");
    await tx
      .insert(blocks)
      .values({ blockerId: actor.id, blockedId: user.id })
      .onConflictDoNothing();
    await tx
      .delete(follows)
      .where(
        or(
          and(eq(follows.followerId, actor.id), eq(follows.followeeId, user.id)),
          and(eq(follows.followerId, user.id), eq(follows.followeeId, actor.id)),
        ),
      );
    return { user, blocked: true };
  });
}

export async function unblockUser(
  db: Executor,
  actorOrNull: Actor | null,
  { handle }: { handle: string },
): Promise<BlockWrite> {
  const actor = requireMember(actorOrNull);
  return db.transaction(async (tx) => {
    const user = await target(tx, actor, handle, "unblock");
    await tx
      .delete(blocks)
      .where(and(eq(blocks.blockerId, actor.id), eq(blocks.blockedId, user.id)));
    return { user, blocked: false };
  });
}

// ─── Reads ───────────────────────────────────────────────────────────────────

export async function getFollowCounts(
  db: Executor,
  { userId }: { userId: string },
): Promise<{ followers: number; following: number }> {
  const [followers] = await db
    .select({ n: count() })
    .from(follows)
    .where(eq(follows.followeeId, userId));
  const [following] = await db
    .select({ n: count() })
    .from(follows)
    .where(eq(follows.followerId, userId));
  return { followers: followers?.n ?? 0, following: following?.n ?? 0 };
}

export type FollowPerson = UserRef & { since: string };
/** The position after the last person of a page: when they followed, and who. */
export type FollowCursor = { at: string; id: string };

export function encodeFollowCursor(c: FollowCursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeFollowCursor(text: string | null | undefined): FollowCursor | null {
  if (!text) return null;
  try {
    const c = JSON.parse(Buffer.from(text, "base64url").toString()) as FollowCursor;
    return isCursorKey(c.id) && isCursorMoment(c.at) ? c : null;
  } catch {
    return null;
  }
}

/**
 * One page of a user's followers (`side: "followers"`) or of the people they follow
 * (`"following"`), newest first, by keyset on (follows.created_at, the other user's id).
 */
export async function listFollows(
  db: Executor,
  {
    userId,
    side,
    cursor,
    limit,
  }: {
    userId: string;
    side: "followers" | "following";
    cursor: FollowCursor | null;
    limit: number;
  },
): Promise<{ people: FollowPerson[]; next: string | null }> {
  const mine = side === "followers" ? follows.followeeId : follows.followerId;
  const theirs = side === "followers" ? follows.followerId : follows.followeeId;
  // the cursor's time is exact to the microsecond (see ./keyset)
  const at = cursor && isCursorMoment(cursor.at) ? cursor.at : null;
  const after =
    cursor && at
      ? or(
          lt(follows.createdAt, momentParam(at)),
          and(eq(follows.createdAt, momentParam(at)), lt(theirs, cursor.id)),
        )
      : undefined;
  const rows = await db
    .select({
      id: users.id,
      handle: users.handle,
      name: users.name,
      since: follows.createdAt,
      sinceText: sql<string>`${follows.createdAt}::text`,
    })
    .from(follows)
    .innerJoin(users, eq(users.id, theirs))
    .where(and(eq(mine, userId), after))
    .orderBy(desc(follows.createdAt), desc(theirs))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = rows.length > limit ? page[page.length - 1] : undefined;
  return {
    people: page.map((r) => ({
      id: r.id,
      handle: r.handle,
      name: r.name,
      since: r.since.toISOString(),
    })),
    next: last ? encodeFollowCursor({ at: last.sinceText, id: last.id }) : null,
  };
}

/** How the reader stands with a user, for the profile's Follow and Block buttons. */
export async function getReaderUserState(
  db: Executor,
  { viewerId, userId }: { viewerId: string; userId: string },
) {
  if (viewerId === userId) return { self: true, following: false, blocking: false };
  const [row] = await db
    .select({
      following: sql<boolean>`exists (select 1 from ${follows} where ${follows.followerId} = ${viewerId} and ${follows.followeeId} = ${userId})`,
      blocking: sql<boolean>`exists (select 1 from ${blocks} where ${blocks.blockerId} = ${viewerId} and ${blocks.blockedId} = ${userId})`,
    })
    .from(sql`(select 1) as one`);
  return { self: false, following: Boolean(row?.following), blocking: Boolean(row?.blocking) };
}

/** The users the reader blocked: their reviews and comments are hidden from the reader. */
export async function listBlockedIds(db: Executor, { userId }: { userId: string }) {
  const rows = await db
    .select({ id: blocks.blockedId })
    .from(blocks)
    .where(eq(blocks.blockerId, userId));
  return rows.map((r) => r.id);
}
