/**
 * What each action does once the pipeline (lib/action.ts) has its actor and valid input: the
 * write, through the domain functions (which check ownership and run one transaction), and the
 * cache tags it changed. Shared by the server actions and the tests that forge requests to them.
 */
import type { z } from "zod";
import type {
  commentEditInput,
  commentIdInput,
  handleInput,
  notificationIdInput,
  liftSanctionInput,
  lockCommentsInput,
  moderateInput,
  reportInput,
  reviewIdInput,
  reviewInput,
  roleInput,
  sanctionInput,
  syncInput,
  thresholdInput,
  fetchFactsInput,
  filmEditInput,
  filmLockInput,
  mergeFilmsInput,
  mergePeopleInput,
  personInput,
  proposalDecisionInput,
  revisionIdInput,
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
  importUploadInput,
  resolveUnmatchedInput,
} from "../lib/validation";
import { inArray, eq } from "drizzle-orm";
import { AppError } from "../lib/errors";
import { configuredSources, acceptProposal, lookUpFilm, rejectProposal } from "./enrich/run";
import {
  assertEditor,
  createPerson,
  editFilm,
  mergeFilms,
  mergePeople,
  revertRevision,
  setFilmLocked,
} from "./queries/editing";
import { films, people } from "./schema";
import { prepareImport, resolveUnmatched } from "./import/letterboxd";
import type { LetterboxdExport } from "../lib/letterboxd/parse";
import {
  addListItem,
  createList,
  deleteList,
  removeListItem,
  reorderList,
  setListItemNote,
  setListLike,
  updateList,
} from "./queries/lists";
import { deleteLog, editLog, logWatch, setAudiences, type LogWrite } from "./queries/diary";
import { setOnWatchlist } from "./queries/watchlist";
import { moderateItems, setCommentsLocked } from "./queries/moderation/content";
import { assertAdmin } from "./queries/moderation/permissions";
import { reportContent } from "./queries/moderation/reports";
import { setRole } from "./queries/moderation/roles";
import { liftSanction, sanctionUser } from "./queries/moderation/sanctions";
import { setReportThreshold } from "./queries/moderation/settings";

import type { Database } from "./index";
import { deleteReview, toggleLike, upsertReview } from "./queries/reviews";
import { addComment, deleteComment, editComment } from "./queries/comments";
import { blockUser, followUser, unblockUser, unfollowUser } from "./queries/follows";
import { markAllNotificationsRead, markNotificationRead } from "./queries/notifications";
import type { Actor } from "./queries/users";
import { reviewChangeTags, tags } from "./tags";
import { startOfUtcWeek } from "../lib/film-extras/timeline";

type Db = () => Promise<Database>;

/**
 * A review posted in the first minute of a week may carry last week's time (a transaction's time
 * is its start) yet be counted after last week was cached: then past weeks are recounted too.
 */
function justAfterWeekStart(now = new Date()): boolean {
  return now.getTime() - startOfUtcWeek(now).getTime() < 60_000;
}

export function reviewHandlers(db: Db) {
  return {
    postReview: async (actor: Actor | null, input: z.infer<typeof reviewInput>) => {
      const result = await upsertReview(await db(), actor, input);
      return {
        data: result,
        tags: [
          // a new review counts in this week only; an edit may change a past week's ratings
          ...(result.created && !justAfterWeekStart()
            ? [tags.reviews(result.filmSlug)]
            : reviewChangeTags(result.filmSlug)),
          tags.review(result.reviewId),
          tags.reviewsFeed,
          ...(actor ? [tags.user(actor.handle)] : []),
        ],
        message: result.created ? "Your review is posted." : "Your review is updated.",
      };
    },
    deleteReview: async (actor: Actor | null, input: z.infer<typeof reviewIdInput>) => {
      const result = await deleteReview(await db(), actor, input);
      return {
        data: result,
        tags: [
          ...reviewChangeTags(result.filmSlug),
          tags.review(result.reviewId),
          tags.reviewsFeed,
          ...(actor ? [tags.user(actor.handle)] : []),
        ],
        message: "Your review is deleted.",
      };
    },
    likeReview: async (actor: Actor | null, input: z.infer<typeof reviewIdInput>) => {
      const result = await toggleLike(await db(), actor, input);
      return {
        data: result,
        tags: [tags.reviews(result.filmSlug), tags.review(result.reviewId), tags.reviewsFeed],
      };
    },
    commentOnReview: async (
      actor: Actor | null,
      input: { reviewId: number; body: string; parentId?: number | null },
    ) => {
      const result = await addComment(await db(), actor, input);
      return {
        data: result,
        tags: [tags.reviews(result.filmSlug), tags.review(result.reviewId)],
        message: input.parentId ? "Reply posted." : "Comment posted.",
      };
    },
    editComment: async (actor: Actor | null, input: z.infer<typeof commentEditInput>) => {
      const result = await editComment(await db(), actor, input);
      return {
        data: result,
        tags: result.changed ? [tags.review(result.reviewId)] : [],
        message: result.changed ? "Comment updated." : "Nothing changed.",
      };
    },
    deleteComment: async (actor: Actor | null, input: z.infer<typeof commentIdInput>) => {
      const result = await deleteComment(await db(), actor, input);
      return {
        data: result,
        tags: [tags.reviews(result.filmSlug), tags.review(result.reviewId)],
        message: "Comment deleted.",
      };
    },
  };
}

export function moderationHandlers(db: Db) {
  return {
    report: async (actor: Actor | null, input: z.infer<typeof reportInput>) => ({
      ...(await reportContent(await db(), actor, input)),
      message: "Thank you: your report is sent to the moderators.",
    }),
    moderate: async (actor: Actor | null, input: z.infer<typeof moderateInput>) =>
      moderateItems(await db(), actor, input),
    lockComments: async (actor: Actor | null, input: z.infer<typeof lockCommentsInput>) =>
      setCommentsLocked(await db(), actor, input),
    sanction: async (actor: Actor | null, input: z.infer<typeof sanctionInput>) =>
      sanctionUser(await db(), actor, input),
    liftSanction: async (actor: Actor | null, input: z.infer<typeof liftSanctionInput>) =>
      liftSanction(await db(), actor, input),
    setRole: async (actor: Actor | null, input: z.infer<typeof roleInput>) =>
      setRole(await db(), actor, input),
    setThreshold: async (actor: Actor | null, input: z.infer<typeof thresholdInput>) =>
      setReportThreshold(await db(), actor, input),
  };
}

/** The admin's "Check now": `start` runs the sync in the background (one at a time). */
export function dataHandlers(start: (trigger: `admin:${string}`) => { started: boolean }) {
  return {
    checkNow: (actor: Actor | null, _input: z.infer<typeof syncInput>) => {
      const admin = assertAdmin(actor);
      const { started } = start(`admin:${admin.handle}`);
      return Promise.resolve({
        data: { started },
        tags: [] as string[],
        message: started ? "Checking Netflix…" : "A check is already running.",
      });
    },
  };
}

/** The editors' actions: facts and credits, people, reverts, locks, merges, proposals, look-ups. */
export function editingHandlers(db: Db) {
  const filmTags = (...slugs: string[]) => [
    tags.films,
    ...[...new Set(slugs)].flatMap((s) => [tags.film(s), ...reviewChangeTags(s)]),
  ];
  // a film's name and address also stand on chart weeks, lists and its people's filmographies
  const changeTags = (r: {
    slug: string;
    oldSlug: string;
    people: string[];
    changed: string[];
  }) => [
    ...filmTags(r.slug, r.oldSlug),
    ...r.people.map(tags.person),
    ...(r.slug !== r.oldSlug || r.changed.includes("title") || r.changed.includes("year")
      ? [tags.charts]
      : []),
  ];
  return {
    saveFilm: async (actor: Actor | null, input: z.infer<typeof filmEditInput>) => {
      const { filmId, credits, note, seenRevision, ...fields } = input;
      // a fact the request left out stays as it is
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const result = await editFilm(await db(), actor, {
        filmId,
        patch,
        credits,
        note: note ?? null,
        seenRevision,
      });
      return {
        data: result,
        tags: changeTags(result),
        message: result.changed.length ? "Saved." : "Nothing changed.",
      };
    },
    createPerson: async (actor: Actor | null, input: z.infer<typeof personInput>) => {
      const person = await createPerson(await db(), actor, input);
      return { data: person, tags: [], message: `${person.name} added.` };
    },
    revert: async (actor: Actor | null, input: z.infer<typeof revisionIdInput>) => {
      const result = await revertRevision(await db(), actor, input);
      return { data: result, tags: changeTags(result), message: "Reverted." };
    },
    lock: async (actor: Actor | null, input: z.infer<typeof filmLockInput>) => {
      const result = await setFilmLocked(await db(), actor, input);
      return {
        data: result,
        tags: filmTags(result.slug),
        message: input.locked ? "Locked: only moderators can change its facts." : "Unlocked.",
      };
    },
    mergeFilms: async (actor: Actor | null, input: z.infer<typeof mergeFilmsInput>) => {
      const database = await db();
      assertEditor(actor);
      const [duplicate] = await database
        .select({ id: films.id })
        .from(films)
        .where(eq(films.slug, input.duplicateSlug));
      if (!duplicate)
        throw new AppError("not_found", "No film has that address.", {
          duplicateSlug: "No film has that address.",
        });
      const result = await mergeFilms(database, actor, {
        survivorId: input.survivorId,
        duplicateId: duplicate.id,
      });
      return {
        data: result,
        tags: [
          ...filmTags(result.survivorSlug, result.oldSurvivorSlug, result.duplicateSlug),
          tags.charts,
          ...result.people.map(tags.person),
          ...result.reviews.map(tags.review),
          ...result.authors.map(tags.user),
        ],
        message: `Merged /films/${result.duplicateSlug} into this film.`,
      };
    },
    mergePeople: async (actor: Actor | null, input: z.infer<typeof mergePeopleInput>) => {
      const database = await db();
      assertEditor(actor);
      const found = await database
        .select({ id: people.id, slug: people.slug })
        .from(people)
        .where(inArray(people.slug, [input.survivorSlug, input.duplicateSlug]));
      const survivor = found.find((p) => p.slug === input.survivorSlug);
      const duplicate = found.find((p) => p.slug === input.duplicateSlug);
      if (!survivor || !duplicate)
        throw new AppError("not_found", "No person has one of those addresses.");
      const result = await mergePeople(database, actor, {
        survivorId: survivor.id,
        duplicateId: duplicate.id,
      });
      const filmSlugs = result.films.length
        ? (
            await database
              .select({ slug: films.slug })
              .from(films)
              .where(inArray(films.id, result.films))
          ).map((f) => f.slug)
        : [];
      return {
        data: result,
        tags: [
          tags.person(result.survivorSlug),
          tags.person(result.duplicateSlug),
          ...filmSlugs.map(tags.film),
        ],
        message: `Merged /people/${result.duplicateSlug} into /people/${result.survivorSlug}.`,
      };
    },
    decideProposal: async (actor: Actor | null, input: z.infer<typeof proposalDecisionInput>) => {
      const database = await db();
      if (input.decision === "reject") {
        await rejectProposal(database, actor, input);
        return { data: null, tags: [], message: "Rejected." };
      }
      const result = await acceptProposal(database, actor, {
        proposalId: input.proposalId,
        fields: input.fields,
        overrides: {},
      });
      return {
        data: result,
        tags: changeTags(result),
        message: result.changed.length ? "Applied." : "Nothing new to apply.",
      };
    },
    fetchFacts: async (actor: Actor | null, input: z.infer<typeof fetchFactsInput>) => {
      assertEditor(actor);
      const database = await db();
      const source = configuredSources(database)[input.source];
      if (!source)
        throw new AppError("invalid", "TMDB is not configured on this server (TMDB_API_KEY).");
      const result = await lookUpFilm(database, source, input.filmId);
      return {
        data: result,
        tags: [
          ...filmTags(...result.changedFilms),
          ...result.changedPeople.map(tags.person),
          ...(result.changedFilms.length ? [tags.charts] : []),
        ],
        message: `${input.source === "wikidata" ? "Wikidata" : "TMDB"}: ${result.outcome} — ${result.message}`,
      };
    },
  };
}

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

/** What an import hands to the work that runs after the response (`runImport` in the route). */
export type ImportRun = { jobId: number; userId: string; handle: string; data: LetterboxdExport };

/** Cache tags a Letterboxd import changes: the films whose aggregates moved, and the viewer. */
export function importTags(handle: string, changedFilms: string[]): string[] {
  return [
    tags.user(handle),
    tags.diary(handle),
    tags.watchlist(handle),
    ...(changedFilms.length ? [tags.reviewsFeed] : []),
    // imported reviews keep the dates they were written on
    ...changedFilms.flatMap(reviewChangeTags),
  ];
}

/**
 * Bringing history from Letterboxd: `upload` checks every file and records the job (the rows are
 * applied by `run`, after the response); `resolve` applies an unmatched film's rows, or skips it.
 */
export function importHandlers(db: Db, run: (job: ImportRun) => void) {
  return {
    upload: async (actor: Actor | null, input: z.infer<typeof importUploadInput>) => {
      const files = await Promise.all(
        input.files.map(async (f) => ({
          name: f.name,
          bytes: new Uint8Array(await f.arrayBuffer()),
        })),
      );
      const { jobId, total, data } = await prepareImport(await db(), actor, { files });
      run({ jobId, userId: actor!.id, handle: actor!.handle, data });
      return {
        data: { jobId, total },
        // nothing is written yet but the job: the run invalidates what it changes
        tags: [] as string[],
        message: `Importing ${total.toLocaleString("en-US")} rows…`,
      };
    },
    resolve: async (actor: Actor | null, input: z.infer<typeof resolveUnmatchedInput>) => {
      const result = await resolveUnmatched(await db(), actor, {
        unmatchedId: input.unmatchedId,
        filmSlug: input.decision === "apply" ? input.filmSlug : null,
      });
      return {
        data: { jobId: result.jobId, filmSlug: result.filmSlug },
        tags: importTags(
          actor!.handle,
          result.ratingChanged && result.filmSlug ? [result.filmSlug] : [],
        ),
        message: result.filmSlug ? "Imported to the film you picked." : "Skipped.",
      };
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
