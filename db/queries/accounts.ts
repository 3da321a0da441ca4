/**
 * The account's own settings and lifecycle: display name, handle (with redirects from the old
 * one), password, deletion, and the release of a deleted account's email and handle after 30 days.
 * Each returns what the caller needs to invalidate exactly the cached pages it changed.
 */
import "server-only";
import { verify } from "@node-rs/argon2";
import { and, eq, inArray, isNotNull, isNull, lt, ne, or, sql } from "drizzle-orm";
import { AppError, notSignedIn } from "../../lib/errors";
import type {
  AccountDeletionInput,
  DisplayNameInput,
  HandleChangeInput,
  PasswordChangeInput,
} from "../../lib/account-validation-profile";
import type { Executor } from "../index";
import {
  accountDeletions,
  accountTokens,
  accounts,
  blocks,
  diaryEntries,
  films,
  follows,
  handleRedirects,
  listLikes,
  lists,
  notifications,
  reviewComments,
  reviewLikes,
  reviews,
  users,
  watchlistEntries,
} from "../schema";
import { DELETED_USER_NAME, removeReview } from "./reviews";
import { removeComment } from "./comments";
import { hashPassword, type Actor } from "./users";

/** How long a deleted account keeps its email and handle from anyone else. */
export const RESERVATION_DAYS = 30;

function requireActor(actor: Actor | null): Actor {
  if (!actor) throw notSignedIn();
  return actor;
}

/** Where the user's name and handle appear on shared pages: their reviews and comments. */
async function authorship(tx: Executor, userId: string) {
  const own = await tx
    .select({ id: reviews.id, slug: films.slug })
    .from(reviews)
    .innerJoin(films, eq(films.id, reviews.filmId))
    .where(and(eq(reviews.userId, userId), isNull(reviews.deletedAt)));
  const commented = await tx
    .selectDistinct({ reviewId: reviewComments.reviewId, slug: films.slug })
    .from(reviewComments)
    .innerJoin(reviews, eq(reviews.id, reviewComments.reviewId))
    .innerJoin(films, eq(films.id, reviews.filmId))
    .where(and(eq(reviewComments.userId, userId), isNull(reviewComments.deletedAt)));
  return {
    reviewIds: [...new Set([...own.map((r) => r.id), ...commented.map((c) => c.reviewId)])],
    // a comment shows only on its review's page; the film page lists the reviews themselves
    filmSlugs: [...new Set(own.map((r) => r.slug))],
  };
}

export type ProfileChange = {
  /** Every handle whose pages show this user: the current one and any they gave up. */
  handles: string[];
  reviewIds: number[];
  filmSlugs: string[];
  changed: boolean;
};

async function formerHandles(tx: Executor, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ handle: handleRedirects.oldHandle })
    .from(handleRedirects)
    .where(eq(handleRedirects.userId, userId));
  return rows.map((r) => r.handle);
}

export async function changeDisplayName(
  db: Executor,
  actorOrNull: Actor | null,
  { name }: DisplayNameInput,
): Promise<ProfileChange> {
  const actor = requireActor(actorOrNull);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ name, updatedAt: sql`now()` })
      .where(and(eq(users.id, actor.id), isNull(users.deletedAt), ne(users.name, name)))
      .returning({ handle: users.handle });
    if (!row) return { handles: [actor.handle], reviewIds: [], filmSlugs: [], changed: false };
    return {
      handles: [row.handle, ...(await formerHandles(tx, actor.id))],
      ...(await authorship(tx, actor.id)),
      changed: true,
    };
  });
}

const TAKEN = () =>
  new AppError("conflict", "This handle is taken.", { handle: "This handle is taken." });

/**
 * Gives the user a new handle. Taken means held by any account, a deleted one included while it
 * is reserved; a handle another user gave up (kept as their redirect) may be taken, and the new
 * owner wins: the redirect goes. The old handle redirects to the user from then on.
 */
export async function changeHandle(
  db: Executor,
  actorOrNull: Actor | null,
  { handle }: HandleChangeInput,
): Promise<ProfileChange & { oldHandle: string; newHandle: string }> {
  const actor = requireActor(actorOrNull);
  try {
    return await db.transaction(async (tx) => {
      await releaseExpiredAccounts(tx);
      const [me] = await tx
        .select({ handle: users.handle })
        .from(users)
        .where(and(eq(users.id, actor.id), isNull(users.deletedAt)))
        .for("update");
      if (!me) throw notSignedIn();
      const unchanged = {
        handles: [me.handle],
        reviewIds: [],
        filmSlugs: [],
        changed: false,
        oldHandle: me.handle,
        newHandle: me.handle,
      };
      if (me.handle === handle) return unchanged;
      const sameLetters = me.handle.toLowerCase() === handle.toLowerCase();
      if (!sameLetters) {
        const [taken] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(sql`lower(${users.handle}) = lower(${handle})`, ne(users.id, actor.id)));
        if (taken) throw TAKEN();
        // someone's (or the user's own) given-up handle: the new owner wins
        await tx
          .delete(handleRedirects)
          .where(sql`lower(${handleRedirects.oldHandle}) = lower(${handle})`);
        await tx.insert(handleRedirects).values({ oldHandle: me.handle, userId: actor.id });
      }
      await tx
        .update(users)
        .set({ handle, updatedAt: sql`now()` })
        .where(eq(users.id, actor.id));
      return {
        handles: [handle, ...(await formerHandles(tx, actor.id))],
        ...(await authorship(tx, actor.id)),
        changed: true,
        oldHandle: me.handle,
        newHandle: handle,
      };
    });
  } catch (error) {
    // another user took it between the check and the write
    if ((error as { code?: string }).code === "23505") throw TAKEN();
    throw error;
  }
}

/** The user a handle someone gave up now belongs to, with their current handle; null if none. */
export async function getHandleRedirect(
  db: Executor,
  { handle }: { handle: string },
): Promise<string | null> {
  const [row] = await db
    .select({ handle: users.handle })
    .from(handleRedirects)
    .innerJoin(users, eq(users.id, handleRedirects.userId))
    .where(
      and(sql`lower(${handleRedirects.oldHandle}) = lower(${handle})`, isNull(users.deletedAt)),
    )
    .limit(1);
  return row?.handle ?? null;
}

async function checkPassword(tx: Executor, userId: string, password: string) {
  const [row] = await tx
    .select({ hash: users.passwordHash })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .for("update");
  if (!row) throw notSignedIn();
  const ok = row.hash ? await verify(row.hash, password).catch(() => false) : false;
  if (!ok)
    throw new AppError("invalid", "Your current password is not right.", {
      currentPassword: "Your current password is not right.",
    });
}

/**
 * Sets a new password, given the current one, and raises the session version: every session
 * issued before ends (the caller re-issues the one that asked).
 */
export async function changePassword(
  db: Executor,
  actorOrNull: Actor | null,
  { currentPassword, newPassword }: PasswordChangeInput,
): Promise<{ sessionVersion: number }> {
  const actor = requireActor(actorOrNull);
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    await checkPassword(tx, actor.id, currentPassword);
    const [row] = await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, actor.id))
      .returning({ sessionVersion: users.sessionVersion });
    return { sessionVersion: row!.sessionVersion };
  });
}

export type AccountDeletion = {
  /** The handles whose pages showed the user (now 404). */
  handles: string[];
  /** Films whose review lists or ratings changed. */
  filmSlugs: string[];
  reviewIds: number[];
  listIds: number[];
  /** Users whose followers or following changed. */
  followHandles: string[];
};

/**
 * Deletes the signed-in user's account in one transaction, given their password. Their reviews
 * and comments are soft-removed (aggregates updated as an author's own deletion does) or kept,
 * shown as by "a deleted user"; everything else of theirs is removed or soft-removed; nothing of
 * other users is lost. An anonymous record of the deletion is kept.
 */
export async function deleteAccount(
  db: Executor,
  actorOrNull: Actor | null,
  { content, currentPassword }: AccountDeletionInput,
): Promise<AccountDeletion> {
  const actor = requireActor(actorOrNull);
  return db.transaction(async (tx) => {
    await checkPassword(tx, actor.id, currentPassword);
    const handles = [actor.handle, ...(await formerHandles(tx, actor.id))];
    const { reviewIds: shownOn, filmSlugs: authoredFilms } = await authorship(tx, actor.id);

    const ownReviews = await tx
      .select({ id: reviews.id, filmId: reviews.filmId, rating: reviews.rating })
      .from(reviews)
      .where(and(eq(reviews.userId, actor.id), isNull(reviews.deletedAt)))
      .for("update");
    const ownComments = await tx
      .select({ id: reviewComments.id, reviewId: reviewComments.reviewId })
      .from(reviewComments)
      .where(and(eq(reviewComments.userId, actor.id), isNull(reviewComments.deletedAt)))
      .for("update");
    if (content === "remove") {
      for (const review of ownReviews) await removeReview(tx, review);
      for (const comment of ownComments) await removeComment(tx, comment);
    }

    // likes given: taken back, with the counts they added
    const likedReviews = await tx
      .delete(reviewLikes)
      .where(eq(reviewLikes.userId, actor.id))
      .returning({ reviewId: reviewLikes.reviewId });
    if (likedReviews.length) {
      await tx
        .update(reviews)
        .set({ likesCount: sql`greatest(${reviews.likesCount} - 1, 0)` })
        .where(
          inArray(
            reviews.id,
            likedReviews.map((l) => l.reviewId),
          ),
        );
    }
    const likedFilms = likedReviews.length
      ? await tx
          .selectDistinct({ slug: films.slug })
          .from(reviews)
          .innerJoin(films, eq(films.id, reviews.filmId))
          .where(
            inArray(
              reviews.id,
              likedReviews.map((l) => l.reviewId),
            ),
          )
      : [];
    const likedLists = await tx
      .delete(listLikes)
      .where(eq(listLikes.userId, actor.id))
      .returning({ listId: listLikes.listId });
    if (likedLists.length) {
      await tx
        .update(lists)
        .set({ likesCount: sql`greatest(${lists.likesCount} - 1, 0)` })
        .where(
          inArray(
            lists.id,
            likedLists.map((l) => l.listId),
          ),
        );
    }

    const followed = await tx
      .delete(follows)
      .where(or(eq(follows.followerId, actor.id), eq(follows.followeeId, actor.id)))
      .returning({ followerId: follows.followerId, followeeId: follows.followeeId });
    const others = [
      ...new Set(followed.map((f) => (f.followerId === actor.id ? f.followeeId : f.followerId))),
    ];
    const followHandles = others.length
      ? (
          await tx.select({ handle: users.handle }).from(users).where(inArray(users.id, others))
        ).map((u) => u.handle)
      : [];

    // blocks the user made end; blocks others made of them are theirs to keep
    await tx.delete(blocks).where(eq(blocks.blockerId, actor.id));
    await tx.delete(diaryEntries).where(eq(diaryEntries.userId, actor.id));
    await tx.delete(watchlistEntries).where(eq(watchlistEntries.userId, actor.id));
    const ownLists = await tx
      .update(lists)
      .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(lists.userId, actor.id), isNull(lists.deletedAt)))
      .returning({ id: lists.id });
    await tx.delete(notifications).where(eq(notifications.userId, actor.id));
    await tx.delete(accountTokens).where(eq(accountTokens.userId, actor.id));
    await tx.delete(accounts).where(eq(accounts.userId, actor.id));
    await tx.delete(handleRedirects).where(eq(handleRedirects.userId, actor.id));

    await tx
      .update(users)
      .set({
        deletedAt: sql`now()`,
        name: DELETED_USER_NAME,
        passwordHash: null,
        image: null,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, actor.id));
    await tx.insert(accountDeletions).values({
      content: content === "remove" ? "removed" : "kept",
      reviews: ownReviews.length,
      comments: ownComments.length,
    });

    return {
      handles,
      filmSlugs: [...new Set([...authoredFilms, ...likedFilms.map((f) => f.slug)])],
      reviewIds: [...new Set([...shownOn, ...likedReviews.map((l) => l.reviewId)])],
      listIds: [...new Set([...ownLists.map((l) => l.id), ...likedLists.map((l) => l.listId)])],
      followHandles,
    };
  });
}

/**
 * Releases the email and handle of accounts deleted more than 30 days ago: the row stays (kept
 * reviews point at it) under placeholders nobody can sign up with. Called before every check of
 * whether an email or handle is taken, and by `npm run accounts:release`. Returns the ids of the
 * accounts released.
 */
export async function releaseExpiredAccounts(db: Executor): Promise<string[]> {
  const expired = and(
    isNotNull(users.deletedAt),
    lt(users.deletedAt, sql`now() - make_interval(days => ${RESERVATION_DAYS})`),
    sql`${users.email} not like 'deleted-%@invalid'`,
  );
  const released = await db
    .update(users)
    .set({
      email: sql`'deleted-' || ${users.id} || '@invalid'`,
      handle: sql`'deleted_' || substr(replace(${users.id}, '-', ''), 1, 12)`,
    })
    .where(expired)
    .returning({ id: users.id });
  if (released.length === 0) return [];
  await db.delete(handleRedirects).where(
    inArray(
      handleRedirects.userId,
      released.map((r) => r.id),
    ),
  );
  return released.map((r) => r.id);
}
