/**
 * The reader's feed: reviews, dated diary logs and lists of the people they follow, newest
 * first, one keyset across the three kinds on (created_at, kind, id). Each author's audiences
 * decide what a follower sees; nothing from a user either of the two blocked.
 */
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { fitsInteger, isCursorMoment } from "../../lib/cursor";
import { AUDIENCES, canSee } from "../../lib/privacy";
import type { Executor } from "../index";
import { diaryEntries, films, lists, reviewLikes, users } from "../schema";
import { getReviewCardsByIds, type ReviewCard } from "./reviews";

export const FEED_KINDS = ["review", "diary", "list"] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export type FeedCursor = { at: string; kind: FeedKind; id: number };

export type FeedItem =
  | { kind: "review"; id: number; createdAt: string; review: ReviewCard }
  | {
      kind: "diary";
      id: number;
      createdAt: string;
      author: { id: string; handle: string; name: string };
      film: { slug: string; title: string; year: number | null };
      watchedOn: string;
      rating: number | null;
      rewatch: boolean;
    }
  | {
      kind: "list";
      id: number;
      createdAt: string;
      author: { id: string; handle: string; name: string };
      list: { slug: string; name: string; itemsCount: number; ranked: boolean };
    };

export function encodeFeedCursor(c: FeedCursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeFeedCursor(text: string | null | undefined): FeedCursor | null {
  if (!text) return null;
  try {
    const c = JSON.parse(Buffer.from(text, "base64url").toString()) as FeedCursor;
    return typeof c.at === "string" &&
      (FEED_KINDS as readonly string[]).includes(c.kind) &&
      isCursorMoment(c.at) &&
      fitsInteger(c.id)
      ? c
      : null;
  } catch {
    return null;
  }
}

/** What a follower may see of a profile part: the audiences `canSee` lets a follower in on. */
const FOLLOWER_AUDIENCES = AUDIENCES.filter((a) =>
  canSee(a, { self: false, follower: true, blocked: false }),
);

export const FEED_PAGE_SIZE = 20;

/** One page of the reader's feed, with the cursor of the next. */
export async function listFeed(
  db: Executor,
  { userId, cursor, limit }: { userId: string; cursor: FeedCursor | null; limit: number },
): Promise<{ items: FeedItem[]; likedReviewIds: number[]; next: string | null }> {
  const audiences = sql.join(
    FOLLOWER_AUDIENCES.map((a) => sql`${a}`),
    sql`, `,
  );
  const followees = sql`select f.followee_id from follows f
    where f.follower_id = ${userId}
      and not exists (select 1 from blocks b
        where (b.blocker_id = ${userId} and b.blocked_id = f.followee_id)
           or (b.blocker_id = f.followee_id and b.blocked_id = ${userId}))`;
  // kinds sort as text: 'review' > 'list' > 'diary', the order within one instant
  const after = cursor
    ? sql`where (t.created_at, t.kind, t.id) < (${cursor.at}::timestamptz, ${cursor.kind}, ${cursor.id})`
    : sql``;
  // each kind's own index on (user, created_at) serves the range up to the cursor
  const upTo = (column: string) =>
    cursor ? sql`and ${sql.raw(column)} <= ${cursor.at}::timestamptz` : sql``;
  type Row = { kind: FeedKind; id: number; at: string; iso: string };
  const result = (await db.execute<Row>(sql`
    select t.kind, t.id, t.created_at::text as at,
      to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as iso from (
      select 'review' as kind, r.id, r.created_at from reviews r
      where r.user_id in (${followees}) and r.deleted_at is null
        and not exists (select 1 from moderation_states m
          where m.target_type = 'review' and m.target_id = r.id and m.status <> 'visible')
        ${upTo("r.created_at")}
      union all
      select 'diary', d.id, d.created_at from diary_entries d join users u on u.id = d.user_id
      where d.user_id in (${followees}) and d.watched_on is not null
        and u.diary_audience in (${audiences}) ${upTo("d.created_at")}
      union all
      select 'list', l.id, l.created_at from lists l join users u on u.id = l.user_id
      where l.user_id in (${followees}) and not l.is_private and l.deleted_at is null
        and u.lists_audience in (${audiences}) ${upTo("l.created_at")}
    ) t
    ${after}
    order by t.created_at desc, t.kind desc, t.id desc
    limit ${limit + 1}`)) as { rows: Row[] };
  const rows = result.rows.slice(0, limit);
  const ofKind = (k: FeedKind) => rows.filter((r) => r.kind === k).map((r) => Number(r.id));

  const reviewCards = await getReviewCardsByIds(db, { ids: ofKind("review") });
  const diaryIds = ofKind("diary");
  const diaryRows = diaryIds.length
    ? await db
        .select({
          id: diaryEntries.id,
          watchedOn: diaryEntries.watchedOn,
          rating: diaryEntries.rating,
          rewatch: diaryEntries.rewatch,
          userId: users.id,
          handle: users.handle,
          name: users.name,
          slug: films.slug,
          title: films.title,
          year: films.year,
        })
        .from(diaryEntries)
        .innerJoin(users, sql`${users.id} = ${diaryEntries.userId}`)
        .innerJoin(films, sql`${films.id} = ${diaryEntries.filmId}`)
        .where(inArray(diaryEntries.id, diaryIds))
    : [];
  const diary = new Map(diaryRows.map((d) => [d.id, d]));
  const listIds = ofKind("list");
  const listRows = listIds.length
    ? await db
        .select({
          id: lists.id,
          slug: lists.slug,
          name: lists.name,
          itemsCount: lists.itemsCount,
          ranked: lists.ranked,
          userId: users.id,
          handle: users.handle,
          userName: users.name,
        })
        .from(lists)
        .innerJoin(users, sql`${users.id} = ${lists.userId}`)
        .where(inArray(lists.id, listIds))
    : [];
  const listById = new Map(listRows.map((l) => [l.id, l]));

  const items: FeedItem[] = [];
  for (const r of rows) {
    const id = Number(r.id);
    const createdAt = r.iso;
    if (r.kind === "review") {
      const review = reviewCards.get(id);
      if (review) items.push({ kind: "review", id, createdAt, review });
    } else if (r.kind === "diary") {
      const d = diary.get(id);
      if (d?.watchedOn) {
        items.push({
          kind: "diary",
          id,
          createdAt,
          author: { id: d.userId, handle: d.handle, name: d.name },
          film: { slug: d.slug, title: d.title, year: d.year },
          watchedOn: d.watchedOn,
          rating: d.rating,
          rewatch: d.rewatch,
        });
      }
    } else {
      const l = listById.get(id);
      if (l) {
        items.push({
          kind: "list",
          id,
          createdAt,
          author: { id: l.userId, handle: l.handle, name: l.userName },
          list: { slug: l.slug, name: l.name, itemsCount: l.itemsCount, ranked: l.ranked },
        });
      }
    }
  }
  const reviewIds = ofKind("review");
  const liked = reviewIds.length
    ? await db
        .select({ reviewId: reviewLikes.reviewId })
        .from(reviewLikes)
        .where(and(eq(reviewLikes.userId, userId), inArray(reviewLikes.reviewId, reviewIds)))
    : [];
  const last = result.rows.length > limit ? rows[rows.length - 1] : undefined;
  return {
    items,
    likedReviewIds: liked.map((l) => l.reviewId),
    next: last ? encodeFeedCursor({ at: last.at, kind: last.kind, id: Number(last.id) }) : null,
  };
}

/** Whom to suggest to a reader who follows nobody yet: the most active reviewers of late. */
export async function suggestPeopleToFollow(
  db: Executor,
  { userId, limit }: { userId: string; limit: number },
) {
  type Row = { handle: string; name: string; reviews: number };
  const result = (await db.execute<Row>(sql`
    select u.handle, u.name, count(*)::int as reviews
    from reviews r join users u on u.id = r.user_id
    where r.deleted_at is null and r.user_id <> ${userId}
      and r.created_at > now() - interval '90 days'
      and not exists (select 1 from follows f where f.follower_id = ${userId} and f.followee_id = r.user_id)
      and not exists (select 1 from blocks b
        where (b.blocker_id = ${userId} and b.blocked_id = r.user_id)
           or (b.blocker_id = r.user_id and b.blocked_id = ${userId}))
    group by u.handle, u.name
    order by count(*) desc, u.handle
    limit ${limit}`)) as { rows: Row[] };
  return result.rows;
}
