/**
 * The parts every moderation write shares: the reported item as moderation sees it, its state
 * (visible, hidden, removed; comments locked), and the log entry each decision leaves.
 */
import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { AppError } from "../../../lib/errors";
import type { Executor } from "../../index";
import {
  films,
  moderationLog,
  moderationStates,
  reviewComments,
  reviews,
  users,
  type ReportTarget,
} from "../../schema";
import { reviewChangeTags, tags } from "../../tags";
import { changeStats } from "../rating-stats";
import { notify } from "../relations";
import type { Actor } from "../users";

export type Target = {
  type: ReportTarget;
  id: number;
  /** The film whose aggregates a review's rating counts in. */
  filmId: number;
  authorId: string;
  authorHandle: string;
  reviewId: number;
  filmSlug: string;
  filmTitle: string;
  snapshot: Record<string, unknown>;
};

export async function loadTarget(tx: Executor, type: ReportTarget, id: number): Promise<Target> {
  if (type === "review") {
    const [r] = await tx
      .select({
        id: reviews.id,
        filmId: reviews.filmId,
        userId: reviews.userId,
        handle: users.handle,
        rating: reviews.rating,
        body: reviews.body,
        spoilers: reviews.containsSpoilers,
        slug: films.slug,
        title: films.title,
      })
      .from(reviews)
      .innerJoin(users, eq(users.id, reviews.userId))
      .innerJoin(films, eq(films.id, reviews.filmId))
      .where(and(eq(reviews.id, id), isNull(reviews.deletedAt)));
    if (!r) throw new AppError("not_found", "That review does not exist.");
    return {
      type,
      id,
      filmId: r.filmId,
      authorId: r.userId,
      authorHandle: r.handle,
      reviewId: r.id,
      filmSlug: r.slug,
      filmTitle: r.title,
      snapshot: {
        author: r.handle,
        film: r.slug,
        rating: r.rating,
        body: r.body,
        containsSpoilers: r.spoilers,
      },
    };
  }
  const [c] = await tx
    .select({
      id: reviewComments.id,
      userId: reviewComments.userId,
      handle: users.handle,
      body: reviewComments.body,
      reviewId: reviewComments.reviewId,
      filmId: reviews.filmId,
      slug: films.slug,
      title: films.title,
    })
    .from(reviewComments)
    .innerJoin(users, eq(users.id, reviewComments.userId))
    .innerJoin(reviews, eq(reviews.id, reviewComments.reviewId))
    .innerJoin(films, eq(films.id, reviews.filmId))
    .where(and(eq(reviewComments.id, id), isNull(reviewComments.deletedAt)));
  if (!c) throw new AppError("not_found", "That comment does not exist.");
  return {
    type,
    id,
    filmId: c.filmId,
    authorId: c.userId,
    authorHandle: c.handle,
    reviewId: c.reviewId,
    filmSlug: c.slug,
    filmTitle: c.title,
    snapshot: { author: c.handle, film: c.slug, review: c.reviewId, body: c.body },
  };
}

/** A review's rating counts in the aggregates only while it is visible: keep them in step. */
export async function followVisibility(tx: Executor, t: Target, before: string, after: string) {
  const was = before === "visible";
  const now = after === "visible";
  if (t.type !== "review" || was === now) return;
  const rating = t.snapshot.rating as number;
  await changeStats(tx, t.filmId, was ? rating : null, now ? rating : null);
}

export function targetTags(t: Target): string[] {
  return [
    tags.film(t.filmSlug),
    ...reviewChangeTags(t.filmSlug),
    tags.review(t.reviewId),
    tags.user(t.authorHandle),
    tags.reviewsFeed,
  ];
}

export async function stateOf(tx: Executor, type: ReportTarget, id: number) {
  const [s] = await tx
    .select()
    .from(moderationStates)
    .where(and(eq(moderationStates.targetType, type), eq(moderationStates.targetId, id)))
    .for("update");
  return (
    s ?? {
      targetType: type,
      targetId: id,
      status: "visible" as const,
      reason: null,
      autoHidden: false,
      commentsLocked: false,
    }
  );
}

export async function writeState(
  tx: Executor,
  type: ReportTarget,
  id: number,
  values: Partial<{
    status: "visible" | "hidden" | "removed";
    reason: string | null;
    autoHidden: boolean;
    commentsLocked: boolean;
  }>,
) {
  await tx
    .insert(moderationStates)
    .values({ targetType: type, targetId: id, ...values })
    .onConflictDoUpdate({
      target: [moderationStates.targetType, moderationStates.targetId],
      set: { ...values, updatedAt: sql`now()` },
    });
}

export async function log(
  tx: Executor,
  actor: Actor,
  entry: {
    action: string;
    targetType: string;
    targetId: string | number;
    reason?: string | null;
    note?: string | null;
    snapshot?: unknown;
  },
): Promise<number> {
  const [row] = await tx
    .insert(moderationLog)
    .values({
      actorId: actor.id,
      actorHandle: actor.handle,
      action: entry.action,
      targetType: entry.targetType,
      targetId: String(entry.targetId),
      reason: entry.reason ?? null,
      note: entry.note ?? null,
      snapshot: entry.snapshot ?? null,
    })
    .returning({ id: moderationLog.id });
  return row!.id;
}

/**
 * Tells the author of a review or comment that moderation changed whether readers see it, in
 * the transaction of the decision (`key`: one notification per logged decision).
 */
export async function notifyAuthor(
  tx: Executor,
  t: Target,
  {
    status,
    action,
    reason,
    key,
  }: { status: string; action: string; reason: string | null; key: string },
) {
  await notify(tx, {
    userId: t.authorId,
    kind: "moderation",
    actorId: null,
    reviewId: t.reviewId,
    commentId: t.type === "comment" ? t.id : null,
    data: { action, status, reason, targetType: t.type },
    dedupeKey: key,
  });
}

export async function loadUser(tx: Executor, handle: string) {
  const [u] = await tx
    .select({
      id: users.id,
      handle: users.handle,
      name: users.name,
      role: users.role,
      email: users.email,
    })
    .from(users)
    .where(sql`lower(${users.handle}) = lower(${handle})`)
    .for("update");
  if (!u) throw new AppError("not_found", "No user has that handle.");
  return u;
}

export async function statesOf(db: Executor, type: ReportTarget, ids: number[]) {
  if (ids.length === 0)
    return new Map<number, { status: string; reason: string | null; commentsLocked: boolean }>();
  const rows = await db
    .select()
    .from(moderationStates)
    .where(and(eq(moderationStates.targetType, type), inArray(moderationStates.targetId, ids)));
  return new Map(
    rows.map((r) => [
      r.targetId,
      { status: r.status, reason: r.reason, commentsLocked: r.commentsLocked },
    ]),
  );
}
