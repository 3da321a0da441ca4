/**
 * Viewers' own things: diary, watchlist, lists, follows, blocks, notifications. The handlers run
 * once the action pipeline has its actor and valid input (see ./index.ts).
 */
import type { z } from "zod";
import type {
  handleInput,
  notificationIdInput,
  audienceInput,
  editLogInput,
  logIdInput,
  logInput,
  watchlistInput,
  listCreateInput,
  listEditInput,
  listIdInput,
  listItemInput,
  listItemRemoveInput,
  listLikeInput,
  listNoteInput,
  listReorderInput,
} from "../../lib/validation";
import {
  addListItem,
  createList,
  deleteList,
  removeListItem,
  reorderList,
  setListItemNote,
  setListLike,
  updateList,
} from "../queries/lists";
import { deleteLog, editLog, logWatch, setAudiences, type LogWrite } from "../queries/diary";
import { setOnWatchlist } from "../queries/watchlist";
import { blockUser, followUser, unblockUser, unfollowUser } from "../queries/follows";
import { markAllNotificationsRead, markNotificationRead } from "../queries/notifications";
import type { Actor } from "../queries/users";
import { reviewChangeTags, tags } from "../tags";
import type { ActionDb as Db } from "./index";

/** The viewer's diary, watchlist and who may see them. */
export function diaryHandlers(db: Db) {
  const logTags = (actor: Actor | null, r: LogWrite) => [
    ...(actor ? [tags.diary(actor.handle)] : []),
    ...(actor && r.leftWatchlist ? [tags.watchlist(actor.handle)] : []),
    // a rating or text given with a log is the viewer's review
    ...(r.reviewChanged && r.reviewId != null
      ? [
          ...reviewChangeTags(r.filmSlug),
          tags.review(r.reviewId),
          tags.reviewsFeed,
          ...(actor ? [tags.user(actor.handle)] : []),
        ]
      : []),
  ];
  return {
    logWatch: async (actor: Actor | null, input: z.infer<typeof logInput>) => {
      const result = await logWatch(await db(), actor, input);
      return { data: result, tags: logTags(actor, result), message: "Logged in your diary." };
    },
    editLog: async (actor: Actor | null, input: z.infer<typeof editLogInput>) => {
      const result = await editLog(await db(), actor, input);
      return { data: result, tags: logTags(actor, result), message: "Diary entry saved." };
    },
    deleteLog: async (actor: Actor | null, input: z.infer<typeof logIdInput>) => {
      const result = await deleteLog(await db(), actor, input);
      return {
        data: result,
        tags: actor ? [tags.diary(actor.handle)] : [],
        message: "Diary entry deleted.",
      };
    },
    setWatchlist: async (actor: Actor | null, input: z.infer<typeof watchlistInput>) => {
      const result = await setOnWatchlist(await db(), actor, input);
      return {
        data: result,
        tags: result.changed && actor ? [tags.watchlist(actor.handle)] : [],
        message: result.onWatchlist ? "Added to your watchlist." : "Taken off your watchlist.",
      };
    },
    setAudiences: async (actor: Actor | null, input: z.infer<typeof audienceInput>) => {
      const result = await setAudiences(await db(), actor, input);
      const changedTags = result.changed.map((k) =>
        k === "diaryAudience"
          ? tags.diary(result.handle)
          : k === "watchlistAudience"
            ? tags.watchlist(result.handle)
            : tags.user(result.handle),
      );
      return { data: result, tags: changedTags, message: "Your privacy settings are saved." };
    },
  };
}

/** Viewers' lists: every write changes the list's page and its owner's lists page. */
export function listHandlers(db: Db) {
  const listTags = (r: { listId: number; handle: string; slug: string }) => [
    tags.list(r.listId),
    tags.listAddress(r.handle, r.slug),
    tags.userLists(r.handle),
  ];
  return {
    create: async (actor: Actor | null, input: z.infer<typeof listCreateInput>) => {
      const result = await createList(await db(), actor, input);
      return { data: result, tags: listTags(result), message: "List created." };
    },
    edit: async (actor: Actor | null, input: z.infer<typeof listEditInput>) => {
      const result = await updateList(await db(), actor, input);
      return { data: result, tags: listTags(result), message: "Saved." };
    },
    remove: async (actor: Actor | null, input: z.infer<typeof listIdInput>) => {
      const result = await deleteList(await db(), actor, input);
      return { data: result, tags: listTags(result), message: "List deleted." };
    },
    addFilm: async (actor: Actor | null, input: z.infer<typeof listItemInput>) => {
      const result = await addListItem(await db(), actor, input);
      return { data: result, tags: listTags(result), message: `${result.item.title} added.` };
    },
    removeFilm: async (actor: Actor | null, input: z.infer<typeof listItemRemoveInput>) => {
      const result = await removeListItem(await db(), actor, input);
      return { data: result, tags: listTags(result), message: "Removed from the list." };
    },
    setNote: async (actor: Actor | null, input: z.infer<typeof listNoteInput>) => {
      const result = await setListItemNote(await db(), actor, input);
      return { data: result, tags: listTags(result), message: "Note saved." };
    },
    reorder: async (actor: Actor | null, input: z.infer<typeof listReorderInput>) => {
      const result = await reorderList(await db(), actor, input);
      return { data: result, tags: listTags(result), message: "Order saved." };
    },
    like: async (actor: Actor | null, input: z.infer<typeof listLikeInput>) => {
      const result = await setListLike(await db(), actor, input);
      return { data: result, tags: listTags(result) };
    },
  };
}

/** Following and blocking: both users' follower lists and counts change. */
export function followHandlers(db: Db) {
  const both = (actor: Actor | null, handle: string) => [
    tags.follows(handle),
    ...(actor ? [tags.follows(actor.handle)] : []),
  ];
  return {
    follow: async (actor: Actor | null, input: z.infer<typeof handleInput>) => {
      const result = await followUser(await db(), actor, input);
      return {
        data: result,
        tags: both(actor, result.user.handle),
        message: `You follow @${result.user.handle}.`,
      };
    },
    unfollow: async (actor: Actor | null, input: z.infer<typeof handleInput>) => {
      const result = await unfollowUser(await db(), actor, input);
      return {
        data: result,
        tags: both(actor, result.user.handle),
        message: `You no longer follow @${result.user.handle}.`,
      };
    },
    block: async (actor: Actor | null, input: z.infer<typeof handleInput>) => {
      const result = await blockUser(await db(), actor, input);
      return {
        data: result,
        tags: both(actor, result.user.handle),
        message: `You blocked @${result.user.handle}.`,
      };
    },
    unblock: async (actor: Actor | null, input: z.infer<typeof handleInput>) => {
      const result = await unblockUser(await db(), actor, input);
      return {
        data: result,
        tags: both(actor, result.user.handle),
        message: `You unblocked @${result.user.handle}.`,
      };
    },
  };
}

/** Notifications are read on a per-reader page: no shared cache changes. */
export function notificationHandlers(db: Db) {
  return {
    markRead: async (actor: Actor | null, input: z.infer<typeof notificationIdInput>) => ({
      data: await markNotificationRead(await db(), actor, input),
      tags: [] as string[],
    }),
    markAllRead: async (actor: Actor | null, _input: Record<string, never>) => ({
      data: await markAllNotificationsRead(await db(), actor),
      tags: [] as string[],
      message: "All marked as read.",
    }),
  };
}
