/**
 * The account settings' handlers (see db/actions/ for the shape): the domain write in
 * db/queries/accounts.ts and exactly the cache tags it changed.
 */
import type {
  AccountDeletionInput,
  DisplayNameInput,
  HandleChangeInput,
  PasswordChangeInput,
} from "../lib/account-validation-profile";
import type { Database } from "./index";
import {
  changeDisplayName,
  changeHandle,
  changePassword,
  deleteAccount,
  type ProfileChange,
} from "./queries/accounts";
import type { Actor } from "./queries/users";
import { reviewChangeTags, tags } from "./tags";

type Db = () => Promise<Database>;

/** Every cached page under /u/<handle> carries one of these. */
export function profilePageTags(handle: string): string[] {
  return [
    tags.user(handle),
    tags.diary(handle),
    tags.watchlist(handle),
    tags.userLists(handle),
    tags.follows(handle),
  ];
}

/**
 * A new name or handle shows on the user's profile pages (under every handle that leads there),
 * on their reviews (film pages, permalinks, the front page's liked reviews) and on the review
 * pages that hold their comments.
 */
function profileChangeTags(change: ProfileChange): string[] {
  if (!change.changed) return [];
  return [
    ...new Set([
      ...change.handles.flatMap(profilePageTags),
      ...change.filmSlugs.flatMap(reviewChangeTags),
      ...change.reviewIds.map(tags.review),
      ...(change.filmSlugs.length ? [tags.reviewsFeed] : []),
    ]),
  ];
}

export function accountHandlers(db: Db) {
  return {
    changeName: async (actor: Actor | null, input: DisplayNameInput) => {
      const change = await changeDisplayName(await db(), actor, input);
      return {
        data: { name: input.name },
        tags: profileChangeTags(change),
        message: change.changed ? "Your display name is saved." : "That is already your name.",
      };
    },
    changeHandle: async (actor: Actor | null, input: HandleChangeInput) => {
      const change = await changeHandle(await db(), actor, input);
      return {
        data: { handle: change.newHandle },
        tags: profileChangeTags(change),
        message: change.changed
          ? `Your handle is now @${change.newHandle}; links to @${change.oldHandle} lead here.`
          : "That is already your handle.",
      };
    },
    changePassword: async (actor: Actor | null, input: PasswordChangeInput) => {
      const result = await changePassword(await db(), actor, input);
      return {
        data: result,
        // nothing any shared page shows
        tags: [] as string[],
        message: "Your password is changed. You were signed out everywhere else.",
      };
    },
    deleteAccount: async (actor: Actor | null, input: AccountDeletionInput) => {
      const result = await deleteAccount(await db(), actor, input);
      return {
        data: { redirectTo: "/" },
        tags: [
          ...new Set([
            ...result.handles.flatMap(profilePageTags),
            ...result.filmSlugs.flatMap(reviewChangeTags),
            ...result.reviewIds.map(tags.review),
            ...result.listIds.map(tags.list),
            ...result.followHandles.map(tags.follows),
            ...(result.filmSlugs.length ? [tags.reviewsFeed] : []),
          ]),
        ],
        message: "Your account is deleted.",
      };
    },
  };
}
