"use server";
import { serverAction } from "@/app/server-action";
import { reviewHandlers } from "@/db/actions";
import { getDb } from "@/db/index";
import { commentInput, reviewIdInput, reviewInput } from "@/lib/validation";

const handlers = reviewHandlers(getDb);

export const postReviewAction = serverAction(reviewInput, handlers.postReview);
export const deleteReviewAction = serverAction(reviewIdInput, handlers.deleteReview);
export const likeReviewAction = serverAction(reviewIdInput, handlers.likeReview);
export const commentAction = serverAction(commentInput, handlers.commentOnReview);
