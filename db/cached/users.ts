/**
 * Cached readers of a user's public pages: profile, diary, films watched, watchlist, lists,
 * follows, and a review's versions.
 */
import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { FILM_SLUG_PATTERN } from "@/lib/slug";
import { getDb } from "../index";
import { tags } from "../tags";
import { getHandleRedirect } from "../queries/accounts";
import { readDiary, readFilmsWatched, readLogsByYear } from "../queries/diary";
import { readWatchlist } from "../queries/watchlist";
import {
  getListBySlug,
  getListOwner,
  isPublicList,
  LIST_PAGE_SIZE,
  listListItems,
  listUserLists,
} from "../queries/lists";
import { decodeCursor, getProfile, listUserReviews, listReviewVersions } from "../queries/reviews";
import {
  decodeFollowCursor,
  findUserByHandle,
  getFollowCounts,
  listFollows,
} from "../queries/follows";
import { BUILD_PLACEHOLDER } from "./films";
export const PROFILE_REVIEWS_PAGE_SIZE = 20;

/** A profile's head and its newest reviews (`cursor` null), or an older page of them. */
export async function loadProfile(handle: string, cursor: string | null = null) {
  "use cache";
  cacheTag(tags.user(handle));
  cacheLife("days");
  if (!/^[a-zA-Z0-9_]{3,20}$/.test(handle)) return null;
  const after = cursor == null ? null : decodeCursor(cursor);
  if (cursor != null && typeof after?.v !== "string") return null;
  const db = await getDb();
  const profile = await getProfile(db, { handle });
  if (!profile) return null;
  const page = await listUserReviews(db, {
    userId: profile.id,
    cursor: after,
    limit: PROFILE_REVIEWS_PAGE_SIZE,
  });
  return { ...profile, ...page };
}

/**
 * The current handle of the user who gave up `handle` (for a permanent redirect), or null. Tagged
 * with the old handle: the change that made it, and anyone taking it over, invalidate that tag.
 */
export async function loadHandleRedirect(handle: string) {
  "use cache";
  cacheTag(tags.user(handle));
  cacheLife("days");
  if (handle === BUILD_PLACEHOLDER || !/^[a-zA-Z0-9_]{3,20}$/.test(handle)) return null;
  return getHandleRedirect(await getDb(), { handle });
}

/**
 * A user's diary, films watched, watchlist and logs per year as an anonymous reader may see them:
 * the data when the owner shows it to everyone, otherwise only whose it is and to whom it shows
 * (the browser then asks for it with the reader's session). Film titles come from the catalogue.
 */
export async function loadDiary(handle: string, cursor: string | null) {
  "use cache";
  cacheTag(tags.diary(handle), tags.user(handle), tags.films);
  cacheLife("days");
  if (handle === BUILD_PLACEHOLDER) return null;
  return readDiary(await getDb(), { handle, viewerId: null, cursor });
}

export async function loadFilmsWatched(handle: string, cursor: string | null) {
  "use cache";
  cacheTag(tags.diary(handle), tags.user(handle), tags.films);
  cacheLife("days");
  if (handle === BUILD_PLACEHOLDER) return null;
  return readFilmsWatched(await getDb(), { handle, viewerId: null, cursor });
}

export async function loadWatchlist(handle: string, cursor: string | null) {
  "use cache";
  cacheTag(tags.watchlist(handle), tags.films);
  cacheLife("days");
  if (handle === BUILD_PLACEHOLDER) return null;
  return readWatchlist(await getDb(), { handle, viewerId: null, cursor });
}

export async function loadLogsByYear(handle: string) {
  "use cache";
  cacheTag(tags.diary(handle));
  cacheLife("days");
  if (handle === BUILD_PLACEHOLDER) return null;
  return readLogsByYear(await getDb(), { handle, viewerId: null });
}

// ─── Lists ───────────────────────────────────────────────────────────────────

const HANDLE = /^[a-zA-Z0-9_]{3,20}$/;
export const USER_LISTS_PAGE_SIZE = 24;

/**
 * A user's lists page: the owner, and their lists when everyone may see them (null otherwise:
 * the reader's browser asks for what it may see). Private lists are never here.
 */
export async function loadUserLists(handle: string) {
  "use cache";
  cacheTag(tags.userLists(handle), tags.user(handle), tags.films);
  cacheLife("days");
  if (!HANDLE.test(handle)) return null;
  const db = await getDb();
  const owner = await getListOwner(db, { handle });
  if (!owner) return null;
  const page =
    owner.listsAudience === "everyone"
      ? await listUserLists(db, {
          ownerId: owner.id,
          privacy: "exclude",
          cursor: null,
          limit: USER_LISTS_PAGE_SIZE,
        })
      : null;
  return {
    owner: { handle: owner.handle, name: owner.name, audience: owner.listsAudience },
    page,
  };
}

/**
 * A list's page. Everything about a list only some readers may see (private, or the owner shows
 * lists to followers or to nobody) stays out of the shared page: `list` is then null and the
 * reader's browser asks for it.
 */
export async function loadList(handle: string, slug: string) {
  "use cache";
  cacheTag(tags.listAddress(handle, slug), tags.user(handle));
  cacheLife("days");
  if (!HANDLE.test(handle) || !FILM_SLUG_PATTERN.test(slug)) return null;
  const db = await getDb();
  const list = await getListBySlug(db, { handle, slug });
  if (!list) return null;
  cacheTag(tags.list(list.id));
  const owner = { handle: list.owner.handle, name: list.owner.name };
  if (!isPublicList(list)) return { id: list.id, owner, list: null, items: null };
  const items = await listListItems(db, { listId: list.id, after: 0, limit: LIST_PAGE_SIZE });
  // each film's title and year, and its best chart rank, stand on the page
  cacheTag(tags.charts, ...items.items.map((i) => tags.film(i.slug)));
  const { owner: _owner, version: _version, ...shown } = list;
  return { id: list.id, owner, list: shown, items };
}

// ─── Follows and review versions ─────────────────────────────────────────────

export const FOLLOWS_PAGE_SIZE = 50;

async function profileUser(handle: string) {
  if (!/^[a-zA-Z0-9_]{3,20}$/.test(handle)) return null;
  return findUserByHandle(await getDb(), { handle });
}

/** A user's follower and following counts, for their profile. */
export async function loadFollowCounts(handle: string) {
  "use cache";
  cacheTag(tags.follows(handle));
  cacheLife("days");
  const user = await profileUser(handle);
  if (!user) return null;
  return getFollowCounts(await getDb(), { userId: user.id });
}

/** One page of a user's followers or of the people they follow (`cursor`: after which). */
export async function loadFollows(
  handle: string,
  side: "followers" | "following",
  cursor: string | null,
) {
  "use cache";
  cacheTag(tags.follows(handle), tags.user(handle));
  cacheLife("days");
  const user = await profileUser(handle);
  if (!user) return null;
  const after = decodeFollowCursor(cursor);
  if (cursor && !after) return null;
  const db = await getDb();
  const [page, counts] = await Promise.all([
    listFollows(db, { userId: user.id, side, cursor: after, limit: FOLLOWS_PAGE_SIZE }),
    getFollowCounts(db, { userId: user.id }),
  ]);
  return { user, counts, ...page };
}

/** A review's earlier versions with its current one; null when readers cannot see it. */
export async function loadReviewHistory(id: number) {
  "use cache";
  cacheTag(tags.review(id));
  cacheLife("days");
  return listReviewVersions(await getDb(), { reviewId: id });
}
