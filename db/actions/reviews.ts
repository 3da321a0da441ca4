/**
 * Reviews, likes and comments. The handlers run once the action pipeline has its actor and valid
 * input (see ./index.ts).
 */
import type { z } from "zod";
import type {
  commentEditInput,
  commentIdInput,
  reviewIdInput,
  reviewInput,
} from "../../lib/validation";
import { deleteReview, toggleLike, upsertReview } from "../queries/reviews";
import { addComment, deleteComment, editComment } from "../queries/comments";
import type { Actor } from "../queries/users";
import { reviewChangeTags, tags } from "../tags";
import { startOfUtcWeek } from "../../lib/film-extras/timeline";
import type { ActionDb as Db } from "./index";

/**
 * A review posted in the first minute of a week may carry last week's time (a transaction's time
 * is its start) yet be counted after last week was cached: then past weeks are recounted too.
 */
export function justAfterWeekStart(now = new Date()): boolean {
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
