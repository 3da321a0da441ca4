/**
 * Everything a user has put into Reelrank, for the export (lib/letterboxd/export.ts). Only their
 * own data: the profile without its password hash, their reviews with every version, diary,
 * watchlist, lists, comments with revisions, likes, follows and blocks.
 */
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { ExportData } from "../../lib/letterboxd/export";
import { absoluteUrl } from "../../lib/seo/site-url";
import type { Executor } from "../index";
import {
  blocks,
  commentRevisions,
  diaryEntries,
  films,
  follows,
  listItems,
  listLikes,
  lists,
  reviewComments,
  reviewLikes,
  reviewRevisions,
  reviews,
  users,
  watchlistEntries,
} from "../schema";

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export async function getExportData(
  db: Executor,
  { userId, base }: { userId: string; base?: URL },
): Promise<ExportData | null> {
  const url = (path: string) => absoluteUrl(path, base);
  const film = (f: { slug: string; title: string; year: number | null }) => ({
    title: f.title,
    year: f.year,
    url: url(`/films/${f.slug}`),
  });
  const [user] = await db
    .select({
      name: users.name,
      handle: users.handle,
      email: users.email,
      createdAt: users.createdAt,
      diaryAudience: users.diaryAudience,
      watchlistAudience: users.watchlistAudience,
      listsAudience: users.listsAudience,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const filmCols = { slug: films.slug, title: films.title, year: films.year };

  const diary = await db
    .select({
      ...filmCols,
      createdAt: diaryEntries.createdAt,
      watchedOn: diaryEntries.watchedOn,
      rating: diaryEntries.rating,
      rewatch: diaryEntries.rewatch,
      tags: diaryEntries.tags,
      reviewBody: reviews.body,
    })
    .from(diaryEntries)
    .innerJoin(films, eq(films.id, diaryEntries.filmId))
    .leftJoin(reviews, eq(reviews.id, diaryEntries.reviewId))
    .where(eq(diaryEntries.userId, userId))
    .orderBy(asc(diaryEntries.watchedOn), asc(diaryEntries.id));

  const ownReviews = await db
    .select({ ...filmCols, review: reviews })
    .from(reviews)
    .innerJoin(films, eq(films.id, reviews.filmId))
    .where(eq(reviews.userId, userId))
    .orderBy(asc(reviews.createdAt), asc(reviews.id));
  const versions = ownReviews.length
    ? await db
        .select()
        .from(reviewRevisions)
        .where(
          inArray(
            reviewRevisions.reviewId,
            ownReviews.map((r) => r.review.id),
          ),
        )
        .orderBy(asc(reviewRevisions.replacedAt), asc(reviewRevisions.id))
    : [];

  const watchlist = await db
    .select({ ...filmCols, addedAt: watchlistEntries.addedAt })
    .from(watchlistEntries)
    .innerJoin(films, eq(films.id, watchlistEntries.filmId))
    .where(eq(watchlistEntries.userId, userId))
    .orderBy(asc(watchlistEntries.addedAt));

  const ownLists = await db
    .select()
    .from(lists)
    .where(eq(lists.userId, userId))
    .orderBy(asc(lists.createdAt), asc(lists.id));
  const items = ownLists.length
    ? await db
        .select({
          ...filmCols,
          listId: listItems.listId,
          position: listItems.position,
          note: listItems.note,
        })
        .from(listItems)
        .innerJoin(films, eq(films.id, listItems.filmId))
        .where(
          inArray(
            listItems.listId,
            ownLists.map((l) => l.id),
          ),
        )
        .orderBy(asc(listItems.listId), asc(listItems.position))
    : [];

  const comments = await db
    .select({ comment: reviewComments })
    .from(reviewComments)
    .where(eq(reviewComments.userId, userId))
    .orderBy(asc(reviewComments.createdAt), asc(reviewComments.id));
  const commentVersions = comments.length
    ? await db
        .select()
        .from(commentRevisions)
        .where(
          inArray(
            commentRevisions.commentId,
            comments.map((c) => c.comment.id),
          ),
        )
        .orderBy(asc(commentRevisions.replacedAt), asc(commentRevisions.id))
    : [];

  const author = alias(users, "author");
  const likedReviews = await db
    .select({
      ...filmCols,
      reviewId: reviews.id,
      author: author.handle,
      likedAt: reviewLikes.createdAt,
    })
    .from(reviewLikes)
    .innerJoin(reviews, eq(reviews.id, reviewLikes.reviewId))
    .innerJoin(films, eq(films.id, reviews.filmId))
    .innerJoin(author, eq(author.id, reviews.userId))
    .where(eq(reviewLikes.userId, userId))
    .orderBy(asc(reviewLikes.createdAt));
  const likedLists = await db
    .select({
      name: lists.name,
      slug: lists.slug,
      owner: author.handle,
      likedAt: listLikes.createdAt,
    })
    .from(listLikes)
    .innerJoin(lists, eq(lists.id, listLikes.listId))
    .innerJoin(author, eq(author.id, lists.userId))
    .where(eq(listLikes.userId, userId))
    .orderBy(asc(listLikes.createdAt));

  const other = alias(users, "other");
  const person = { handle: other.handle, name: other.name };
  const following = await db
    .select({ ...person, since: follows.createdAt })
    .from(follows)
    .innerJoin(other, eq(other.id, follows.followeeId))
    .where(eq(follows.followerId, userId))
    .orderBy(asc(follows.createdAt));
  const followers = await db
    .select({ ...person, since: follows.createdAt })
    .from(follows)
    .innerJoin(other, eq(other.id, follows.followerId))
    .where(eq(follows.followeeId, userId))
    .orderBy(asc(follows.createdAt));
  const blocked = await db
    .select({ ...person, since: blocks.createdAt })
    .from(blocks)
    .innerJoin(other, eq(other.id, blocks.blockedId))
    .where(and(eq(blocks.blockerId, userId)))
    .orderBy(asc(blocks.createdAt));
  const profileOf = (p: { handle: string; name: string; since: Date }) => ({
    handle: p.handle,
    name: p.name,
    url: url(`/u/${p.handle}`),
    since: iso(p.since),
  });

  return {
    profile: {
      name: user.name,
      handle: user.handle,
      email: user.email,
      url: url(`/u/${user.handle}`),
      createdAt: iso(user.createdAt),
      diaryAudience: user.diaryAudience,
      watchlistAudience: user.watchlistAudience,
      listsAudience: user.listsAudience,
    },
    diary: diary.map((d) => ({
      ...film(d),
      loggedAt: iso(d.createdAt),
      watchedOn: d.watchedOn,
      rating: d.rating,
      rewatch: d.rewatch,
      tags: d.tags,
      review: d.reviewBody,
    })),
    reviews: ownReviews.map(({ review: r, ...f }) => ({
      ...film(f),
      reviewUrl: url(`/reviews/${r.id}`),
      rating: r.rating,
      body: r.body,
      containsSpoilers: r.containsSpoilers,
      watchedOn: r.watchedOn,
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
      editedAt: isoOrNull(r.editedAt),
      deletedAt: isoOrNull(r.deletedAt),
      versions: versions
        .filter((v) => v.reviewId === r.id)
        .map((v) => ({
          rating: v.rating,
          body: v.body,
          containsSpoilers: v.containsSpoilers,
          watchedOn: v.watchedOn,
          replacedAt: iso(v.replacedAt),
        })),
    })),
    watchlist: watchlist.map((w) => ({ ...film(w), addedAt: iso(w.addedAt) })),
    lists: ownLists.map((l) => ({
      slug: l.slug,
      name: l.name,
      description: l.description,
      ranked: l.ranked,
      isPrivate: l.isPrivate,
      url: url(`/u/${user.handle}/lists/${l.slug}`),
      createdAt: iso(l.createdAt),
      deletedAt: isoOrNull(l.deletedAt),
      items: items
        .filter((i) => i.listId === l.id)
        .map((i) => ({ ...film(i), position: i.position, note: i.note })),
    })),
    comments: comments.map(({ comment: c }) => ({
      reviewUrl: url(`/reviews/${c.reviewId}`),
      body: c.body,
      createdAt: iso(c.createdAt),
      editedAt: isoOrNull(c.editedAt),
      deletedAt: isoOrNull(c.deletedAt),
      revisions: commentVersions
        .filter((v) => v.commentId === c.id)
        .map((v) => ({ body: v.body, replacedAt: iso(v.replacedAt) })),
    })),
    likedReviews: likedReviews.map((l) => ({
      ...film(l),
      reviewUrl: url(`/reviews/${l.reviewId}`),
      author: l.author,
      likedAt: iso(l.likedAt),
    })),
    likedLists: likedLists.map((l) => ({
      name: l.name,
      url: url(`/u/${l.owner}/lists/${l.slug}`),
      owner: l.owner,
      likedAt: iso(l.likedAt),
    })),
    following: following.map(profileOf),
    followers: followers.map(profileOf),
    blocked: blocked.map((b) => ({ handle: b.handle, name: b.name, since: iso(b.since) })),
  };
}
