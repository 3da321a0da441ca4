/**
 * What each action does once the pipeline (lib/action.ts) has its actor and valid input: the
 * write, through the domain functions (which check ownership and run one transaction), and the
 * cache tags it changed. Shared by the server actions and the tests that forge requests to them.
 */
import type { z } from "zod";
import type {
  commentInput,
  liftSanctionInput,
  lockCommentsInput,
  moderateInput,
  reportInput,
  reviewIdInput,
  reviewInput,
  roleInput,
  sanctionInput,
  thresholdInput,
} from "../lib/validation";
import {
  liftSanction,
  moderateItems,
  reportContent,
  sanctionUser,
  setCommentsLocked,
  setReportThreshold,
  setRole,
} from "./queries/moderation";

import type { Database } from "./index";
import { addComment, deleteReview, toggleLike, upsertReview } from "./queries/reviews";
import type { Actor } from "./queries/users";
import { tags } from "./tags";

type Db = () => Promise<Database>;

export function reviewHandlers(db: Db) {
  return {
    postReview: async (actor: Actor | null, input: z.infer<typeof reviewInput>) => {
      const result = await upsertReview(await db(), actor, input);
      return {
        data: result,
        tags: [
          tags.film(result.filmSlug),
          tags.reviews(result.filmSlug),
          tags.review(result.reviewId),
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
          tags.film(result.filmSlug),
          tags.reviews(result.filmSlug),
          tags.review(result.reviewId),
          ...(actor ? [tags.user(actor.handle)] : []),
        ],
        message: "Your review is deleted.",
      };
    },
    likeReview: async (actor: Actor | null, input: z.infer<typeof reviewIdInput>) => {
      const result = await toggleLike(await db(), actor, input);
      return { data: result, tags: [tags.reviews(result.filmSlug), tags.review(result.reviewId)] };
    },
    commentOnReview: async (actor: Actor | null, input: z.infer<typeof commentInput>) => {
      const result = await addComment(await db(), actor, input);
      return {
        data: result,
        tags: [tags.reviews(result.filmSlug), tags.review(result.reviewId)],
        message: "Comment posted.",
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
