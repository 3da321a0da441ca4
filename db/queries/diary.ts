/**
 * A viewer's diary: every watch of a film they log, with the date, a rating at that time, a
 * rewatch mark and tags. A rating or text given with a log goes to the viewer's one review of the
 * film (through upsertReview, so the aggregates and revisions stay exact); the log links it.
 */
import "server-only";
import { and, desc, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { isCursorDate } from "../../lib/cursor";
import { normalizeTags, tagsProblem, watchDateProblem } from "../../lib/diary";
import { AppError, notSignedIn } from "../../lib/errors";
import type { Audience } from "../../lib/privacy";
import type { EditLogInput, LogInput } from "../../lib/validation";
import type { Executor } from "../index";
import { diaryEntries, films, reviews, users, watchlistEntries } from "../schema";
import { assertCanParticipate } from "./moderation/permissions";
import { mayView } from "./relations";
import { decodeCursor, encodeCursor, upsertReview, type Cursor } from "./reviews";
import type { Actor } from "./users";

export type FilmRef = { slug: string; title: string; year: number | null };

/**
 * A cursor from a URL is the reader's text: one whose key is not what the query compares with
 * (`isKey`: a day, a moment) or whose id is outside the column's range reads as the first page
 * rather than failing the query.
 */
export function cursorKey(
  cursor: Cursor | null,
  isKey: (v: unknown) => v is string,
): { v: string; id: number } | null {
  if (!cursor || !isKey(cursor.v)) return null;
  if (!(cursor.id >= 0 && cursor.id <= 2_147_483_647)) return null;
  return { v: cursor.v, id: cursor.id };
}

// ─── Writes ──────────────────────────────────────────────────────────────────

/** The input rules, checked here too: a domain function may be called without the form's schema. */
function checkEntry(input: { watchedOn: string; rating: number | null; tags: string[] }) {
  const errors: Record<string, string> = {};
  const dateProblem = watchDateProblem(input.watchedOn);
  if (dateProblem) errors.watchedOn = dateProblem;
  if (
    input.rating != null &&
    !(Number.isInteger(input.rating) && input.rating >= 1 && input.rating <= 10)
  )
    errors.rating = "Choose a rating from 0.5 to 5 stars, in half stars.";
  const tags = normalizeTags(input.tags);
  const tagProblem = tagsProblem(tags);
  if (tagProblem) errors.tags = tagProblem;
  const first = Object.values(errors)[0];
  if (first) throw new AppError("invalid", first, errors);
  return tags;
}

/** The user's review of a film, deleted or not, locked for the rest of the transaction. */
async function reviewOf(tx: Executor, userId: string, filmId: number) {
  const [row] = await tx
    .select({
      id: reviews.id,
      rating: reviews.rating,
      body: reviews.body,
      containsSpoilers: reviews.containsSpoilers,
      watchedOn: reviews.watchedOn,
      deletedAt: reviews.deletedAt,
    })
    .from(reviews)
    .where(and(eq(reviews.filmId, filmId), eq(reviews.userId, userId)))
    .for("update");
  return row && !row.deletedAt ? row : null;
}

export type LogWrite = {
  entryId: number;
  filmSlug: string;
  /** The linked review, if any. */
  reviewId: number | null;
  /** Whether the review (rating or text) was created or changed. */
  reviewChanged: boolean;
  /** Whether the film left the watchlist. */
  leftWatchlist: boolean;
};

/**
 * Logs a watch. Several logs per film; each links the user's review of the film. A rating given
 * becomes the user's current rating (their review's), text given creates or edits their review,
 * and the film leaves their watchlist.
 */
export async function logWatch(
  db: Executor,
  actorOrNull: Actor | null,
  input: LogInput,
): Promise<LogWrite> {
  const actor = assertCanParticipate(actorOrNull);
  const tags = checkEntry(input);
  return db.transaction(async (tx) => {
    const [film] = await tx
      .select({ id: films.id, slug: films.slug })
      .from(films)
      .where(eq(films.id, input.filmId));
    if (!film) throw new AppError("not_found", "That film does not exist.");
    const review = await reviewOf(tx, actor.id, film.id);
    let reviewId = review?.id ?? null;
    let reviewChanged = false;
    if (input.rating != null || input.body != null) {
      const rating = input.rating ?? review?.rating ?? null;
      if (rating == null)
        throw new AppError("invalid", "Give a rating with your review.", {
          rating: "Give a rating with your review.",
        });
      const values = {
        filmId: film.id,
        rating,
        body: input.body ?? review?.body ?? null,
        containsSpoilers:
          input.body != null ? input.containsSpoilers : (review?.containsSpoilers ?? false),
        watchedOn: review ? review.watchedOn : input.watchedOn,
      };
      reviewChanged =
        !review ||
        review.rating !== values.rating ||
        review.body !== values.body ||
        review.containsSpoilers !== values.containsSpoilers;
      if (reviewChanged) reviewId = (await upsertReview(tx, actor, values)).reviewId;
    }
    const [entry] = await tx
      .insert(diaryEntries)
      .values({
        userId: actor.id,
        filmId: film.id,
        watchedOn: input.watchedOn,
        rating: input.rating,
        rewatch: input.rewatch,
        tags,
        reviewId,
      })
      .returning({ id: diaryEntries.id });
    const left = await tx
      .delete(watchlistEntries)
      .where(and(eq(watchlistEntries.userId, actor.id), eq(watchlistEntries.filmId, film.id)))
      .returning({ filmId: watchlistEntries.filmId });
    return {
      entryId: entry!.id,
      filmSlug: film.slug,
      reviewId,
      reviewChanged,
      leftWatchlist: left.length > 0,
    };
  });
}

/** One of the actor's own entries, locked; anyone else's is refused the same way as none. */
async function ownEntry(tx: Executor, actor: Actor, entryId: number) {
  const [entry] = await tx
    .select({
      id: diaryEntries.id,
      userId: diaryEntries.userId,
      filmId: diaryEntries.filmId,
      watchedOn: diaryEntries.watchedOn,
      slug: films.slug,
    })
    .from(diaryEntries)
    .innerJoin(films, eq(films.id, diaryEntries.filmId))
    .where(eq(diaryEntries.id, entryId))
    .for("update", { of: diaryEntries });
  if (!entry || entry.userId !== actor.id)
    throw new AppError("not_found", "That diary entry is not yours or no longer exists.");
  return entry;
}

/**
 * Changes one of the actor's diary entries. A rating given to the film's latest entry becomes the
 * user's current rating, as it would when logged.
 */
export async function editLog(
  db: Executor,
  actorOrNull: Actor | null,
  input: EditLogInput,
): Promise<LogWrite> {
  const actor = assertCanParticipate(actorOrNull);
  const tags = checkEntry(input);
  return db.transaction(async (tx) => {
    const entry = await ownEntry(tx, actor, input.entryId);
    const review = await reviewOf(tx, actor.id, entry.filmId);
    let reviewId = review?.id ?? null;
    await tx
      .update(diaryEntries)
      .set({
        watchedOn: input.watchedOn,
        rating: input.rating,
        rewatch: input.rewatch,
        tags,
        reviewId,
        updatedAt: sql`now()`,
      })
      .where(eq(diaryEntries.id, entry.id));
    let reviewChanged = false;
    if (input.rating != null && input.rating !== review?.rating) {
      const [latest] = await tx
        .select({ id: diaryEntries.id })
        .from(diaryEntries)
        .where(and(eq(diaryEntries.userId, actor.id), eq(diaryEntries.filmId, entry.filmId)))
        .orderBy(sql`${diaryEntries.watchedOn} desc nulls last`, desc(diaryEntries.id))
        .limit(1);
      if (latest?.id === entry.id) {
        reviewId = (
          await upsertReview(tx, actor, {
            filmId: entry.filmId,
            rating: input.rating,
            body: review?.body ?? null,
            containsSpoilers: review?.containsSpoilers ?? false,
            watchedOn: review ? review.watchedOn : input.watchedOn,
          })
        ).reviewId;
        reviewChanged = true;
        await tx.update(diaryEntries).set({ reviewId }).where(eq(diaryEntries.id, entry.id));
      }
    }
    return {
      entryId: entry.id,
      filmSlug: entry.slug,
      reviewId,
      reviewChanged,
      leftWatchlist: false,
    };
  });
}

/** Deletes one of the actor's diary entries (their own record, not moderated content); the review stays. */
export async function deleteLog(
  db: Executor,
  actorOrNull: Actor | null,
  { entryId }: { entryId: number },
): Promise<{ entryId: number; filmSlug: string }> {
  if (!actorOrNull) throw notSignedIn();
  const actor = actorOrNull;
  return db.transaction(async (tx) => {
    const entry = await ownEntry(tx, actor, entryId);
    await tx.delete(diaryEntries).where(eq(diaryEntries.id, entry.id));
    return { entryId, filmSlug: entry.slug };
  });
}

// ─── Who may read ────────────────────────────────────────────────────────────

export type ProfilePart = "diary" | "watchlist" | "lists";

export type PartOwner = { id: string; handle: string; name: string; audience: Audience };

/** A part of a profile as one reader may see it: the data, or only who owns it and to whom it shows. */
export type Gated<T> =
  | { owner: { handle: string; name: string }; audience: Audience; visible: true; data: T }
  | { owner: { handle: string; name: string }; audience: Audience; visible: false; data: null };

export async function getPartOwner(
  db: Executor,
  { handle, part }: { handle: string; part: ProfilePart },
): Promise<PartOwner | null> {
  if (!/^[a-zA-Z0-9_]{3,20}$/.test(handle)) return null;
  const [row] = await db
    .select({
      id: users.id,
      handle: users.handle,
      name: users.name,
      audience:
        part === "diary"
          ? users.diaryAudience
          : part === "watchlist"
            ? users.watchlistAudience
            : users.listsAudience,
    })
    .from(users)
    // a deleted account's pages are gone, though its handle stays reserved for a while
    .where(sql`lower(${users.handle}) = lower(${handle}) and ${users.deletedAt} is null`);
  return row ?? null;
}

/**
 * Reads a part of `handle`'s profile for `viewerId` (null: anonymous): the read runs only when
 * the owner's audience for that part admits the reader. Null when there is no such user.
 */
export async function readGated<T>(
  db: Executor,
  { handle, part, viewerId }: { handle: string; part: ProfilePart; viewerId: string | null },
  read: (ownerId: string) => Promise<T>,
): Promise<Gated<T> | null> {
  const owner = await getPartOwner(db, { handle, part });
  if (!owner) return null;
  const who = { handle: owner.handle, name: owner.name };
  if (!(await mayView(db, { viewerId, ownerId: owner.id, audience: owner.audience })))
    return { owner: who, audience: owner.audience, visible: false, data: null };
  return { owner: who, audience: owner.audience, visible: true, data: await read(owner.id) };
}

/**
 * The JSON answer for a part of a profile: 404 for no such user, 403 with only to whom it is
 * shown when the reader may not see it, else the data.
 */
export function partResponse<T extends object>(
  result: Gated<T> | null,
): { status: 200 | 403 | 404; body: Record<string, unknown> } {
  if (!result) return { status: 404, body: { error: "No such user." } };
  const head = { visible: result.visible, owner: result.owner, audience: result.audience };
  return result.visible
    ? { status: 200, body: { ...head, ...result.data } }
    : { status: 403, body: head };
}

// ─── Reads ───────────────────────────────────────────────────────────────────

export const DIARY_PAGE_SIZE = 50;

export type DiaryEntryView = {
  id: number;
  watchedOn: string;
  rating: number | null;
  rewatch: boolean;
  tags: string[];
  film: FilmRef;
  /** The user's review of the film, when readers can see it. */
  reviewId: number | null;
};

export type DiaryPage = { entries: DiaryEntryView[]; next: string | null };

/** Not deleted by its author, not hidden or removed by moderation. */
const reviewShown = sql`${reviews.deletedAt} is null and not exists (select 1 from moderation_states m where m.target_type = 'review' and m.target_id = ${reviews.id} and m.status <> 'visible')`;

/** Dated diary entries, newest first, by keyset on (watchedOn, id). */
export async function listDiary(
  db: Executor,
  {
    userId,
    cursor,
    limit = DIARY_PAGE_SIZE,
  }: { userId: string; cursor: Cursor | null; limit?: number },
): Promise<DiaryPage> {
  const key = cursorKey(cursor, isCursorDate);
  const after = key
    ? or(
        lt(diaryEntries.watchedOn, key.v),
        and(eq(diaryEntries.watchedOn, key.v), lt(diaryEntries.id, key.id)),
      )
    : undefined;
  const rows = await db
    .select({
      id: diaryEntries.id,
      watchedOn: diaryEntries.watchedOn,
      rating: diaryEntries.rating,
      rewatch: diaryEntries.rewatch,
      tags: diaryEntries.tags,
      slug: films.slug,
      title: films.title,
      year: films.year,
      reviewId: sql<number | null>`case when ${reviewShown} then ${reviews.id} end`,
    })
    .from(diaryEntries)
    .innerJoin(films, eq(films.id, diaryEntries.filmId))
    .leftJoin(reviews, eq(reviews.id, diaryEntries.reviewId))
    .where(and(eq(diaryEntries.userId, userId), isNotNull(diaryEntries.watchedOn), after))
    .orderBy(desc(diaryEntries.watchedOn), desc(diaryEntries.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = rows.length > limit ? page[page.length - 1] : undefined;
  return {
    entries: page.map((r) => ({
      id: r.id,
      watchedOn: r.watchedOn!,
      rating: r.rating,
      rewatch: r.rewatch,
      tags: r.tags,
      film: { slug: r.slug, title: r.title, year: r.year },
      reviewId: r.reviewId == null ? null : Number(r.reviewId),
    })),
    next: last ? encodeCursor({ v: last.watchedOn!, id: last.id }) : null,
  };
}

export type OwnDiaryEntry = {
  id: number;
  /** Null for an import's undated "watched". */
  watchedOn: string | null;
  rating: number | null;
  rewatch: boolean;
  tags: string[];
  film: FilmRef;
};

/**
 * One of the user's own diary entries, for editing. Someone else's entry reads as null, exactly
 * like a missing one, so the answer reveals nothing about other diaries.
 */
export async function getOwnDiaryEntry(
  db: Executor,
  { userId, entryId }: { userId: string; entryId: number },
): Promise<OwnDiaryEntry | null> {
  if (!(Number.isInteger(entryId) && entryId > 0 && entryId <= 2_147_483_647)) return null;
  const [row] = await db
    .select({
      id: diaryEntries.id,
      watchedOn: diaryEntries.watchedOn,
      rating: diaryEntries.rating,
      rewatch: diaryEntries.rewatch,
      tags: diaryEntries.tags,
      slug: films.slug,
      title: films.title,
      year: films.year,
    })
    .from(diaryEntries)
    .innerJoin(films, eq(films.id, diaryEntries.filmId))
    .where(and(eq(diaryEntries.id, entryId), eq(diaryEntries.userId, userId)));
  if (!row) return null;
  const { slug, title, year, ...entry } = row;
  return { ...entry, film: { slug, title, year } };
}

export type WatchedFilm = {
  film: FilmRef;
  timesWatched: number;
  /** Null when every log of it has no date (an import's "watched"). */
  lastWatchedOn: string | null;
  /** The user's current rating: their review's, else the latest log's. */
  rating: number | null;
};

export type WatchedPage = { films: WatchedFilm[]; next: string | null };

/** A date before any watch, so undated films sort after every dated one. */
const NO_DATE = "0001-01-01";

/** Every film the user logged, last watched first (undated last), by keyset on (last date, film id). */
export async function listFilmsWatched(
  db: Executor,
  {
    userId,
    cursor,
    limit = DIARY_PAGE_SIZE,
  }: { userId: string; cursor: Cursor | null; limit?: number },
): Promise<WatchedPage> {
  const g = db
    .select({
      filmId: diaryEntries.filmId,
      times: sql<number>`count(*)::int`.as("times"),
      last: sql<string | null>`max(${diaryEntries.watchedOn})::text`.as("last"),
      sortKey: sql<string>`coalesce(max(${diaryEntries.watchedOn}), ${NO_DATE}::date)`.as(
        "sort_key",
      ),
      latestRating: sql<
        number | null
      >`(array_agg(${diaryEntries.rating} order by ${diaryEntries.watchedOn} desc nulls last, ${diaryEntries.id} desc) filter (where ${diaryEntries.rating} is not null))[1]`.as(
        "latest_rating",
      ),
    })
    .from(diaryEntries)
    .where(eq(diaryEntries.userId, userId))
    .groupBy(diaryEntries.filmId)
    .as("g");
  const key = cursorKey(cursor, isCursorDate);
  const after = key ? sql`(${g.sortKey}, ${g.filmId}) < (${key.v}::date, ${key.id})` : undefined;
  const rows = await db
    .select({
      filmId: g.filmId,
      times: g.times,
      last: g.last,
      sortKey: sql<string>`${g.sortKey}::text`,
      latestRating: g.latestRating,
      reviewRating: reviews.rating,
      slug: films.slug,
      title: films.title,
      year: films.year,
    })
    .from(g)
    .innerJoin(films, eq(films.id, g.filmId))
    .leftJoin(
      reviews,
      and(eq(reviews.filmId, g.filmId), eq(reviews.userId, userId), isNull(reviews.deletedAt)),
    )
    .where(after)
    .orderBy(desc(g.sortKey), desc(g.filmId))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = rows.length > limit ? page[page.length - 1] : undefined;
  return {
    films: page.map((r) => ({
      film: { slug: r.slug, title: r.title, year: r.year },
      timesWatched: Number(r.times),
      lastWatchedOn: r.last,
      rating: r.reviewRating ?? (r.latestRating == null ? null : Number(r.latestRating)),
    })),
    next: last ? encodeCursor({ v: last.sortKey, id: last.filmId }) : null,
  };
}

export type YearCount = { year: number; count: number };

/**
 * The films a user watched each year (by dated logs), latest year first, for the profile. As on
 * Letterboxd, a film counts once in a year however often it was watched then.
 */
export async function countLogsByYear(
  db: Executor,
  { userId }: { userId: string },
): Promise<YearCount[]> {
  const year = sql<number>`extract(year from ${diaryEntries.watchedOn})::int`;
  const rows = await db
    .select({ year, count: sql<number>`count(distinct ${diaryEntries.filmId})::int` })
    .from(diaryEntries)
    .where(and(eq(diaryEntries.userId, userId), isNotNull(diaryEntries.watchedOn)))
    .groupBy(year)
    .orderBy(desc(year));
  return rows.map((r) => ({ year: Number(r.year), count: Number(r.count) }));
}

export type ReaderDiaryState = {
  timesWatched: number;
  lastWatchedOn: string | null;
  onWatchlist: boolean;
};

/** The reader's own diary and watchlist state for a film. */
export async function getReaderDiaryState(
  db: Executor,
  { userId, filmId }: { userId: string; filmId: number },
): Promise<ReaderDiaryState> {
  const [row] = await db
    .select({
      times: sql<number>`count(*)::int`,
      last: sql<string | null>`max(${diaryEntries.watchedOn})::text`,
      onWatchlist: sql<boolean>`exists (select 1 from ${watchlistEntries} where ${watchlistEntries.userId} = ${userId} and ${watchlistEntries.filmId} = ${filmId})`,
    })
    .from(diaryEntries)
    .where(and(eq(diaryEntries.userId, userId), eq(diaryEntries.filmId, filmId)));
  return {
    timesWatched: Number(row?.times ?? 0),
    lastWatchedOn: row?.last ?? null,
    onWatchlist: Boolean(row?.onWatchlist),
  };
}

// ─── Reads as a reader may see them ──────────────────────────────────────────

export function readDiary(
  db: Executor,
  args: { handle: string; viewerId: string | null; cursor: string | null; limit?: number },
) {
  return readGated(db, { ...args, part: "diary" }, (userId) =>
    listDiary(db, { userId, cursor: decodeCursor(args.cursor), limit: args.limit }),
  );
}

export function readFilmsWatched(
  db: Executor,
  args: { handle: string; viewerId: string | null; cursor: string | null; limit?: number },
) {
  return readGated(db, { ...args, part: "diary" }, (userId) =>
    listFilmsWatched(db, { userId, cursor: decodeCursor(args.cursor), limit: args.limit }),
  );
}

export function readLogsByYear(db: Executor, args: { handle: string; viewerId: string | null }) {
  return readGated(db, { ...args, part: "diary" }, (userId) => countLogsByYear(db, { userId }));
}

// ─── Privacy settings ────────────────────────────────────────────────────────

export type Audiences = {
  diaryAudience: Audience;
  watchlistAudience: Audience;
  listsAudience: Audience;
};

export async function getAudiences(
  db: Executor,
  { userId }: { userId: string },
): Promise<Audiences | null> {
  const [row] = await db
    .select({
      diaryAudience: users.diaryAudience,
      watchlistAudience: users.watchlistAudience,
      listsAudience: users.listsAudience,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/** Sets who may see the actor's diary, watchlist and lists. Only signed-in users, for themselves. */
export async function setAudiences(
  db: Executor,
  actorOrNull: Actor | null,
  input: Audiences,
): Promise<{ handle: string; changed: (keyof Audiences)[] }> {
  if (!actorOrNull) throw notSignedIn();
  const actor = actorOrNull;
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        diaryAudience: users.diaryAudience,
        watchlistAudience: users.watchlistAudience,
        listsAudience: users.listsAudience,
      })
      .from(users)
      .where(eq(users.id, actor.id))
      .for("update");
    if (!before) throw notSignedIn();
    const changed = (Object.keys(input) as (keyof Audiences)[]).filter(
      (k) => before[k] !== input[k],
    );
    if (changed.length)
      await tx
        .update(users)
        .set({ ...input, updatedAt: sql`now()` })
        .where(eq(users.id, actor.id));
    return { handle: actor.handle, changed };
  });
}
