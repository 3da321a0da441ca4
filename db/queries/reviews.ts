import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { fitsInteger, isCursorDate, isCursorMoment } from "../../lib/cursor";
import { AppError, notSignedIn } from "../../lib/errors";
import { emptyStats, type RatingStats } from "../../lib/rating";
import type { ReviewInput } from "../../lib/validation";
import type { Executor } from "../index";
import {
  filmRatingStats,
  films,
  type reviewComments,
  reviewLikes,
  reviewRevisions,
  reviews,
  users,
} from "../schema";
import { moderationNotice } from "./moderation/notices";
import { assertCanParticipate } from "./moderation/permissions";
import { statesOf } from "./moderation/state";
import { consumeLimit, postingLimit } from "./rate-limits";
import { assertNotBlocked, notify } from "./relations";
import { changeStats, ratingCounts } from "./rating-stats";
import { activeRestriction, type Actor } from "./users";

// ─── Writes ──────────────────────────────────────────────────────────────────

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw notSignedIn();
  return actor;
}

/** Not hidden or removed by moderation. */
export const visible = (
  type: "review" | "comment",
  id: SQL | typeof reviews.id | typeof reviewComments.id,
) =>
  sql`not exists (select 1 from moderation_states m where m.target_type = ${type} and m.target_id = ${id} and m.status <> 'visible')`;

export type ReviewWrite = { reviewId: number; filmSlug: string; created: boolean };

/** Posts the actor's review of a film, or edits it: one review per user per film. */
export async function upsertReview(
  db: Executor,
  actorOrNull: Actor | null,
  input: ReviewInput,
): Promise<ReviewWrite> {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    await consumeLimit(tx, postingLimit(actor));
    const [film] = await tx
      .select({ id: films.id, slug: films.slug })
      .from(films)
      .where(eq(films.id, input.filmId));
    if (!film) throw new AppError("not_found", "That film does not exist.");
    const values = {
      rating: input.rating,
      body: input.body,
      containsSpoilers: input.containsSpoilers,
      watchedOn: input.watchedOn,
    };
    let [existing] = await tx
      .select()
      .from(reviews)
      .where(and(eq(reviews.filmId, film.id), eq(reviews.userId, actor.id)))
      .for("update");
    if (!existing) {
      const [created] = await tx
        .insert(reviews)
        .values({ filmId: film.id, userId: actor.id, ...values })
        .onConflictDoNothing()
        .returning({ id: reviews.id });
      if (created) {
        await changeStats(tx, film.id, null, input.rating);
        return { reviewId: created.id, filmSlug: film.slug, created: true };
      }
      // the same user posted twice at once: the other one won; edit it
      [existing] = await tx
        .select()
        .from(reviews)
        .where(and(eq(reviews.filmId, film.id), eq(reviews.userId, actor.id)))
        .for("update");
    }
    if (!existing) throw new AppError("conflict", "Your review could not be saved. Try again.");
    const wasDeleted = existing.deletedAt != null;
    const changed =
      existing.rating !== values.rating ||
      existing.body !== values.body ||
      existing.containsSpoilers !== values.containsSpoilers ||
      existing.watchedOn !== values.watchedOn;
    if (!changed && !wasDeleted)
      return { reviewId: existing.id, filmSlug: film.slug, created: false };
    if (!wasDeleted) {
      await tx.insert(reviewRevisions).values({
        reviewId: existing.id,
        rating: existing.rating,
        body: existing.body,
        containsSpoilers: existing.containsSpoilers,
        watchedOn: existing.watchedOn,
      });
    }
    await tx
      .update(reviews)
      .set({
        ...values,
        updatedAt: sql`now()`,
        // a review posted again after its author deleted it starts afresh
        editedAt: wasDeleted ? null : sql`now()`,
        createdAt: wasDeleted ? sql`now()` : existing.createdAt,
        deletedAt: null,
      })
      .where(eq(reviews.id, existing.id));
    // a review hidden or removed by moderation stays out of the aggregates, whatever its author edits
    if (await ratingCounts(tx, existing.id)) {
      await changeStats(tx, film.id, wasDeleted ? null : existing.rating, values.rating);
    }
    return { reviewId: existing.id, filmSlug: film.slug, created: wasDeleted };
  });
}

export async function lockReview(tx: Executor, reviewId: number) {
  const [row] = await tx
    .select({
      id: reviews.id,
      userId: reviews.userId,
      filmId: reviews.filmId,
      rating: reviews.rating,
      deletedAt: reviews.deletedAt,
      slug: films.slug,
    })
    .from(reviews)
    .innerJoin(films, eq(films.id, reviews.filmId))
    .where(eq(reviews.id, reviewId))
    .for("update", { of: reviews });
  if (!row || row.deletedAt) throw new AppError("not_found", "That review does not exist.");
  return row;
}

/** The author deletes their review: it leaves every page and the aggregates, and is kept. */
export async function deleteReview(
  db: Executor,
  actorOrNull: Actor | null,
  { reviewId }: { reviewId: number },
) {
  const actor = requireActor(actorOrNull);
  return db.transaction(async (tx) => {
    const review = await lockReview(tx, reviewId);
    if (review.userId !== actor.id)
      throw new AppError("forbidden", "You can only delete your own review.");
    await removeReview(tx, review);
    return { reviewId, filmSlug: review.slug };
  });
}

/**
 * Soft-removes a locked review and takes its rating out of its film's aggregates, in the caller's
 * transaction: the one path for an author's deletion and an account's.
 */
export async function removeReview(
  tx: Executor,
  review: { id: number; filmId: number; rating: number },
) {
  await tx
    .update(reviews)
    .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(reviews.id, review.id));
  if (await ratingCounts(tx, review.id)) await changeStats(tx, review.filmId, review.rating, null);
}

/** Likes a review, or takes the like back. Not your own. */
export async function toggleLike(
  db: Executor,
  actorOrNull: Actor | null,
  { reviewId }: { reviewId: number },
) {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    const review = await lockReview(tx, reviewId);
    if (review.userId === actor.id)
      throw new AppError("forbidden", "You cannot like your own review.");
    await assertNotBlocked(tx, { actorId: actor.id, ownerId: review.userId });
    const removed = await tx
      .delete(reviewLikes)
      .where(and(eq(reviewLikes.reviewId, reviewId), eq(reviewLikes.userId, actor.id)))
      .returning({ reviewId: reviewLikes.reviewId });
    const liked = removed.length === 0;
    if (liked) {
      await tx.insert(reviewLikes).values({ reviewId, userId: actor.id });
      // liking, unliking and liking again tells the author once
      await notify(tx, {
        userId: review.userId,
        kind: "review_liked",
        actorId: actor.id,
        reviewId,
        dedupeKey: `like:review:${reviewId}:${actor.id}`,
      });
    }
    const [row] = await tx
      .update(reviews)
      .set({ likesCount: sql`${reviews.likesCount} + ${liked ? 1 : -1}` })
      .where(eq(reviews.id, reviewId))
      .returning({ likes: reviews.likesCount });
    return { reviewId, filmSlug: review.slug, liked, likes: row!.likes };
  });
}

// ─── Reads ───────────────────────────────────────────────────────────────────

export async function getRatingStats(
  db: Executor,
  { filmId }: { filmId: number },
): Promise<RatingStats> {
  const [row] = await db
    .select({
      count: filmRatingStats.count,
      sum: filmRatingStats.sum,
      histogram: filmRatingStats.histogram,
    })
    .from(filmRatingStats)
    .where(eq(filmRatingStats.filmId, filmId));
  return row ?? emptyStats();
}

/** Counts the film's live ratings from the reviews themselves; the stored aggregates must equal it. */
export async function recountRatingStats(
  db: Executor,
  { filmId }: { filmId: number },
): Promise<RatingStats> {
  const rows = await db
    .select({ rating: reviews.rating, n: sql<number>`count(*)::int` })
    .from(reviews)
    .where(
      and(eq(reviews.filmId, filmId), isNull(reviews.deletedAt), visible("review", reviews.id)),
    )
    .groupBy(reviews.rating);
  const stats = emptyStats();
  for (const r of rows) {
    stats.histogram[r.rating - 1] = r.n;
    stats.count += r.n;
    stats.sum += r.rating * r.n;
  }
  return stats;
}

export const REVIEW_SORTS = ["newest", "liked", "highest", "lowest"] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

export type ReviewCard = {
  id: number;
  rating: number;
  body: string | null;
  containsSpoilers: boolean;
  watchedOn: string | null;
  likesCount: number;
  commentsCount: number;
  createdAt: string;
  editedAt: string | null;
  author: { id: string; handle: string; name: string };
  film: { slug: string; title: string; year: number | null };
};

const cardColumns = {
  id: reviews.id,
  rating: reviews.rating,
  body: reviews.body,
  containsSpoilers: reviews.containsSpoilers,
  watchedOn: reviews.watchedOn,
  likesCount: reviews.likesCount,
  commentsCount: reviews.commentsCount,
  createdAt: reviews.createdAt,
  editedAt: reviews.editedAt,
  userId: reviews.userId,
  handle: users.handle,
  name: users.name,
  authorDeletedAt: users.deletedAt,
  filmSlug: films.slug,
  filmTitle: films.title,
  filmYear: films.year,
};

type CardRow = {
  id: number;
  rating: number;
  body: string | null;
  containsSpoilers: boolean;
  watchedOn: string | null;
  likesCount: number;
  commentsCount: number;
  createdAt: Date;
  editedAt: Date | null;
  userId: string;
  handle: string;
  name: string;
  authorDeletedAt: Date | null;
  filmSlug: string;
  filmTitle: string;
  filmYear: number | null;
};

export const DELETED_USER_NAME = "a deleted user";

/**
 * An author as readers see them. A deleted account's kept reviews and comments show "a deleted
 * user" with no handle (its handle stays reserved for a while and must not lead anywhere).
 */
export function authorOf(id: string, handle: string, name: string, deletedAt: Date | null) {
  return deletedAt ? { id: "", handle: "", name: DELETED_USER_NAME } : { id, handle, name };
}

function toCard(r: CardRow): ReviewCard {
  return {
    id: r.id,
    rating: r.rating,
    body: r.body,
    containsSpoilers: r.containsSpoilers,
    watchedOn: r.watchedOn,
    likesCount: r.likesCount,
    commentsCount: r.commentsCount,
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt ? r.editedAt.toISOString() : null,
    author: authorOf(r.userId, r.handle, r.name, r.authorDeletedAt),
    film: { slug: r.filmSlug, title: r.filmTitle, year: r.filmYear },
  };
}

/** Review cards as readers see them: with author and film, not deleted, not hidden or removed. */
function visibleCards(db: Executor, where: SQL | undefined) {
  return db
    .select(cardColumns)
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.userId))
    .innerJoin(films, eq(films.id, reviews.filmId))
    .where(and(where, isNull(reviews.deletedAt), visible("review", reviews.id)));
}

/** Opaque position after the last review of a page: the sort key and the id. */
export type Cursor = { v: string | number; id: number };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeCursor(text: string | null | undefined): Cursor | null {
  if (!text) return null;
  try {
    const c = JSON.parse(Buffer.from(text, "base64url").toString()) as Cursor;
    // a position is a moment, a day or a count; anything else is no cursor at all
    const validValue = fitsInteger(c.v) || isCursorMoment(c.v) || isCursorDate(c.v);
    return fitsInteger(c.id) && validValue ? c : null;
  } catch {
    return null;
  }
}

/** One page of a film's reviews, by keyset (no OFFSET scans), with the cursor of the next page. */
export async function listFilmReviews(
  db: Executor,
  {
    filmId,
    sort,
    cursor,
    limit,
  }: { filmId: number; sort: ReviewSort; cursor: Cursor | null; limit: number },
): Promise<{ reviews: ReviewCard[]; next: string | null }> {
  // a cursor made for another order is no cursor (its value is of the other kind)
  if (cursor && (sort === "newest") !== (typeof cursor.v === "string")) cursor = null;
  // ratings are a smallint of half stars: a position past them would fail the comparison
  const ratingSort = sort === "highest" || sort === "lowest";
  if (cursor && ratingSort && !(Number(cursor.v) >= 0 && Number(cursor.v) <= 10)) cursor = null;
  const after: SQL | undefined = cursor
    ? sort === "newest"
      ? or(
          lt(reviews.createdAt, new Date(String(cursor.v))),
          and(eq(reviews.createdAt, new Date(String(cursor.v))), lt(reviews.id, cursor.id)),
        )
      : sort === "liked"
        ? or(
            lt(reviews.likesCount, Number(cursor.v)),
            and(eq(reviews.likesCount, Number(cursor.v)), lt(reviews.id, cursor.id)),
          )
        : sort === "highest"
          ? or(
              lt(reviews.rating, Number(cursor.v)),
              and(eq(reviews.rating, Number(cursor.v)), lt(reviews.id, cursor.id)),
            )
          : or(
              gt(reviews.rating, Number(cursor.v)),
              and(eq(reviews.rating, Number(cursor.v)), gt(reviews.id, cursor.id)),
            )
    : undefined;
  const order =
    sort === "newest"
      ? [desc(reviews.createdAt), desc(reviews.id)]
      : sort === "liked"
        ? [desc(reviews.likesCount), desc(reviews.id)]
        : sort === "highest"
          ? [desc(reviews.rating), desc(reviews.id)]
          : [asc(reviews.rating), asc(reviews.id)];
  const rows = await visibleCards(db, and(eq(reviews.filmId, filmId), after))
    .orderBy(...order)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = rows.length > limit ? page[page.length - 1] : undefined;
  const next = last
    ? encodeCursor({
        v:
          sort === "newest"
            ? last.createdAt.toISOString()
            : sort === "liked"
              ? last.likesCount
              : last.rating,
        id: last.id,
      })
    : null;
  return { reviews: page.map(toCard), next };
}

/**
 * The most liked written reviews posted since `since`, across every film, for the front page: only
 * what a film's own review list shows (not deleted, not hidden or removed by moderation).
 */
export async function listLikedReviewsSince(
  db: Executor,
  { since, limit }: { since: Date; limit: number },
): Promise<ReviewCard[]> {
  const rows = await visibleCards(
    db,
    and(gt(reviews.createdAt, since), sql`coalesce(${reviews.body}, '') <> ''`),
  )
    .orderBy(desc(reviews.likesCount), desc(reviews.createdAt), desc(reviews.id))
    .limit(limit);
  return rows.map(toCard);
}

export async function getReviewById(
  db: Executor,
  { reviewId }: { reviewId: number },
): Promise<ReviewCard | null> {
  const [row] = await visibleCards(db, eq(reviews.id, reviewId));
  return row ? toCard(row) : null;
}

export type ReviewVersion = {
  rating: number;
  body: string | null;
  containsSpoilers: boolean;
  /** When this version was replaced by the next one. */
  replacedAt: string;
};

/** The earlier versions of a review readers can see, newest first; null when they cannot see it. */
export async function listReviewVersions(
  db: Executor,
  { reviewId }: { reviewId: number },
): Promise<{ review: ReviewCard; versions: ReviewVersion[] } | null> {
  const review = await getReviewById(db, { reviewId });
  if (!review) return null;
  const rows = await db
    .select({
      rating: reviewRevisions.rating,
      body: reviewRevisions.body,
      containsSpoilers: reviewRevisions.containsSpoilers,
      replacedAt: reviewRevisions.replacedAt,
    })
    .from(reviewRevisions)
    .where(
      and(
        eq(reviewRevisions.reviewId, reviewId),
        // versions from before its author deleted it and posted again are not this review's;
        // compared in the database, to the microsecond (the card's time is cut to milliseconds)
        gt(
          reviewRevisions.replacedAt,
          sql`(select ${reviews.createdAt} from ${reviews} where ${reviews.id} = ${reviewId})`,
        ),
      ),
    )
    .orderBy(desc(reviewRevisions.replacedAt), desc(reviewRevisions.id));
  return {
    review,
    versions: rows.map((r) => ({ ...r, replacedAt: r.replacedAt.toISOString() })),
  };
}

/** Review cards by id, as readers see them (for the feed); missing ones are left out. */
export async function getReviewCardsByIds(db: Executor, { ids }: { ids: number[] }) {
  if (ids.length === 0) return new Map<number, ReviewCard>();
  const rows = await visibleCards(db, inArray(reviews.id, ids));
  return new Map(rows.map((r) => [r.id, toCard(r)]));
}

/** What the signed-in reader needs on a film page: their review and the reviews they liked. */
export async function getReaderFilmState(
  db: Executor,
  { userId, filmId }: { userId: string; filmId: number },
) {
  const [mine] = await db
    .select(cardColumns)
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.userId))
    .innerJoin(films, eq(films.id, reviews.filmId))
    .where(and(eq(reviews.filmId, filmId), eq(reviews.userId, userId), isNull(reviews.deletedAt)));
  const liked = await db
    .select({ reviewId: reviewLikes.reviewId })
    .from(reviewLikes)
    .innerJoin(reviews, eq(reviews.id, reviewLikes.reviewId))
    .where(and(eq(reviewLikes.userId, userId), eq(reviews.filmId, filmId)));
  // the author still sees a hidden or removed review of theirs, with the reason
  const state = mine ? (await statesOf(db, "review", [mine.id])).get(mine.id) : undefined;
  const restriction = await activeRestriction(db, { userId });
  return {
    myReview: mine ? toCard(mine) : null,
    moderation: state ? moderationNotice(state.status, state.reason) : null,
    restriction,
    likedReviewIds: liked.map((l) => l.reviewId),
  };
}

export type Profile = {
  id: string;
  handle: string;
  name: string;
  joinedAt: string;
  stats: RatingStats;
  /** How many of the shown ratings come with text. */
  written: number;
};

/** A user's profile head: who they are and the totals of their visible reviews (one grouped scan of their index). */
export async function getProfile(
  db: Executor,
  { handle }: { handle: string },
): Promise<Profile | null> {
  const [user] = await db
    .select({ id: users.id, handle: users.handle, name: users.name, createdAt: users.createdAt })
    .from(users)
    // a deleted account has no profile, even while its handle stays reserved
    .where(and(sql`lower(${users.handle}) = lower(${handle})`, isNull(users.deletedAt)));
  if (!user) return null;
  const rows = await db
    .select({
      rating: reviews.rating,
      n: sql<number>`count(*)::int`,
      written: sql<number>`count(*) filter (where coalesce(${reviews.body}, '') <> '')::int`,
    })
    .from(reviews)
    .where(
      and(eq(reviews.userId, user.id), isNull(reviews.deletedAt), visible("review", reviews.id)),
    )
    .groupBy(reviews.rating);
  const stats = emptyStats();
  let written = 0;
  for (const r of rows) {
    stats.histogram[r.rating - 1] = r.n;
    stats.count += r.n;
    stats.sum += r.rating * r.n;
    written += r.written;
  }
  return {
    id: user.id,
    handle: user.handle,
    name: user.name,
    joinedAt: user.createdAt.toISOString(),
    stats,
    written,
  };
}

/** One page of a user's visible reviews, newest first, by keyset on (created_at, id). */
export async function listUserReviews(
  db: Executor,
  { userId, cursor, limit }: { userId: string; cursor: Cursor | null; limit: number },
): Promise<{ reviews: ReviewCard[]; next: string | null }> {
  const after =
    cursor && typeof cursor.v === "string"
      ? or(
          lt(reviews.createdAt, new Date(String(cursor.v))),
          and(eq(reviews.createdAt, new Date(String(cursor.v))), lt(reviews.id, cursor.id)),
        )
      : undefined;
  const rows = await visibleCards(db, and(eq(reviews.userId, userId), after))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = rows.length > limit ? page[page.length - 1] : undefined;
  return {
    reviews: page.map(toCard),
    next: last ? encodeCursor({ v: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/** All of a user's reviews, for their own download. */
export async function exportUserReviews(db: Executor, { userId }: { userId: string }) {
  return db
    .select({
      film: films.title,
      year: films.year,
      slug: films.slug,
      rating: reviews.rating,
      review: reviews.body,
      containsSpoilers: reviews.containsSpoilers,
      watchedOn: reviews.watchedOn,
      createdAt: reviews.createdAt,
      editedAt: reviews.editedAt,
      likes: reviews.likesCount,
    })
    .from(reviews)
    .innerJoin(films, eq(films.id, reviews.filmId))
    .where(and(eq(reviews.userId, userId), isNull(reviews.deletedAt)))
    .orderBy(asc(reviews.createdAt), asc(reviews.id));
}
