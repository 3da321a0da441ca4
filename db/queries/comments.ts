/** Comments on reviews and replies to them: writing, editing, deleting, and reading a thread. */
import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { AppError } from "../../lib/errors";
import type { Executor } from "../index";
import {
  commentRevisions,
  films,
  moderationStates,
  reviewComments,
  reviews,
  users,
} from "../schema";
import { assertCanParticipate } from "./moderation/permissions";
import { consumeLimit, postingLimit } from "./rate-limits";
import { assertNotBlocked, notify } from "./relations";
import { authorOf, lockReview, requireActor, visible } from "./reviews";
import type { Actor } from "./users";

// ─── Writes ──────────────────────────────────────────────────────────────────

/**
 * Comments on a review, or answers a comment on it (`parentId`). Replies stay one level deep: an
 * answer to a reply is stored under the comment that started the thread, and the reply's author
 * is the one told.
 */
export async function addComment(
  db: Executor,
  actorOrNull: Actor | null,
  { reviewId, body, parentId = null }: { reviewId: number; body: string; parentId?: number | null },
) {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    const review = await lockReview(tx, reviewId);
    const [state] = await tx
      .select({ status: moderationStates.status, locked: moderationStates.commentsLocked })
      .from(moderationStates)
      .where(
        and(eq(moderationStates.targetType, "review"), eq(moderationStates.targetId, reviewId)),
      );
    if (state && state.status !== "visible")
      throw new AppError("not_found", "That review does not exist.");
    if (state?.locked) throw new AppError("forbidden", "Comments on this review are locked.");
    await assertNotBlocked(tx, { actorId: actor.id, ownerId: review.userId });
    let parent: { id: number; userId: string; rootId: number } | null = null;
    if (parentId != null) {
      const [row] = await tx
        .select({
          id: reviewComments.id,
          userId: reviewComments.userId,
          parentId: reviewComments.parentId,
        })
        .from(reviewComments)
        .where(
          and(
            eq(reviewComments.id, parentId),
            eq(reviewComments.reviewId, reviewId),
            isNull(reviewComments.deletedAt),
            visible("comment", reviewComments.id),
          ),
        );
      if (!row) throw new AppError("not_found", "The comment you answered no longer exists.");
      await assertNotBlocked(tx, { actorId: actor.id, ownerId: row.userId });
      parent = { id: row.id, userId: row.userId, rootId: row.parentId ?? row.id };
    }
    await consumeLimit(tx, postingLimit(actor));
    const [comment] = await tx
      .insert(reviewComments)
      .values({ reviewId, userId: actor.id, body, parentId: parent?.rootId ?? null })
      .returning({ id: reviewComments.id });
    const commentId = comment!.id;
    await tx
      .update(reviews)
      .set({ commentsCount: sql`${reviews.commentsCount} + 1` })
      .where(eq(reviews.id, reviewId));
    if (parent) {
      await notify(tx, {
        userId: parent.userId,
        kind: "comment_replied",
        actorId: actor.id,
        reviewId,
        commentId,
        dedupeKey: `reply:${commentId}`,
      });
    }
    if (!parent || parent.userId !== review.userId) {
      await notify(tx, {
        userId: review.userId,
        kind: "review_commented",
        actorId: actor.id,
        reviewId,
        commentId,
        dedupeKey: `comment:${commentId}`,
      });
    }
    return { reviewId, commentId, filmSlug: review.slug };
  });
}

async function lockOwnComment(tx: Executor, actor: Actor, commentId: number, verb: string) {
  const [row] = await tx
    .select({
      id: reviewComments.id,
      userId: reviewComments.userId,
      body: reviewComments.body,
      reviewId: reviewComments.reviewId,
      deletedAt: reviewComments.deletedAt,
      slug: films.slug,
    })
    .from(reviewComments)
    .innerJoin(reviews, eq(reviews.id, reviewComments.reviewId))
    .innerJoin(films, eq(films.id, reviews.filmId))
    .where(eq(reviewComments.id, commentId))
    .for("update", { of: reviewComments });
  if (!row || row.deletedAt) throw new AppError("not_found", "That comment does not exist.");
  if (row.userId !== actor.id)
    throw new AppError("forbidden", `You can only ${verb} your own comments.`);
  return row;
}

/** The author changes their comment's text; the earlier text is kept in comment_revisions. */
export async function editComment(
  db: Executor,
  actorOrNull: Actor | null,
  { commentId, body }: { commentId: number; body: string },
) {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    const comment = await lockOwnComment(tx, actor, commentId, "edit");
    const result = { commentId, reviewId: comment.reviewId, filmSlug: comment.slug };
    if (comment.body === body) return { ...result, changed: false };
    await tx.insert(commentRevisions).values({ commentId, body: comment.body });
    await tx
      .update(reviewComments)
      .set({ body, editedAt: sql`now()` })
      .where(eq(reviewComments.id, commentId));
    return { ...result, changed: true };
  });
}

/** The author deletes their comment: kept, its text shown nowhere; its replies stay. */
export async function deleteComment(
  db: Executor,
  actorOrNull: Actor | null,
  { commentId }: { commentId: number },
) {
  const actor = requireActor(actorOrNull);
  return db.transaction(async (tx) => {
    const comment = await lockOwnComment(tx, actor, commentId, "delete");
    await removeComment(tx, { id: commentId, reviewId: comment.reviewId });
    return { commentId, reviewId: comment.reviewId, filmSlug: comment.slug };
  });
}

/** Soft-removes a comment and takes it out of its review's count, in the caller's transaction. */
export async function removeComment(tx: Executor, comment: { id: number; reviewId: number }) {
  await tx
    .update(reviewComments)
    .set({ deletedAt: sql`now()` })
    .where(eq(reviewComments.id, comment.id));
  await tx
    .update(reviews)
    .set({ commentsCount: sql`greatest(${reviews.commentsCount} - 1, 0)` })
    .where(eq(reviews.id, comment.reviewId));
}

// ─── Reads ───────────────────────────────────────────────────────────────────

export type CommentView = {
  id: number;
  /** The comment that started the thread; null for one that did. */
  parentId: number | null;
  /** Empty for a deleted comment kept in place for its replies. */
  body: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  author: { id: string; handle: string; name: string };
};

/**
 * A review's comments, oldest first. A comment its author deleted is left out, unless replies
 * hang from it: then it stays in place, without its text or author name.
 */
export async function listComments(
  db: Executor,
  { reviewId }: { reviewId: number },
): Promise<CommentView[]> {
  const rows = await db
    .select({
      id: reviewComments.id,
      parentId: reviewComments.parentId,
      body: reviewComments.body,
      createdAt: reviewComments.createdAt,
      editedAt: reviewComments.editedAt,
      deletedAt: reviewComments.deletedAt,
      userId: reviewComments.userId,
      handle: users.handle,
      name: users.name,
      authorDeletedAt: users.deletedAt,
    })
    .from(reviewComments)
    .innerJoin(users, eq(users.id, reviewComments.userId))
    .where(and(eq(reviewComments.reviewId, reviewId), visible("comment", reviewComments.id)))
    .orderBy(asc(reviewComments.createdAt), asc(reviewComments.id));
  const withReplies = new Set(
    rows.filter((r) => r.parentId != null && !r.deletedAt).map((r) => r.parentId),
  );
  return rows
    .filter((r) => !r.deletedAt || withReplies.has(r.id))
    .map((r) => ({
      id: r.id,
      parentId: r.parentId,
      body: r.deletedAt ? "" : r.body,
      createdAt: r.createdAt.toISOString(),
      editedAt: r.editedAt ? r.editedAt.toISOString() : null,
      deleted: r.deletedAt != null,
      author: r.deletedAt
        ? { id: "", handle: "", name: "" }
        : authorOf(r.userId, r.handle, r.name, r.authorDeletedAt),
    }));
}
