"use server";
import { serverAction } from "@/app/server-action";
import { diaryHandlers, reviewHandlers } from "@/db/actions";
import { getDb } from "@/db/index";
import {
  commentInput,
  logInput,
  reviewIdInput,
  reviewInput,
  watchlistInput,
} from "@/lib/validation";

const handlers = reviewHandlers(getDb);

export const postReviewAction = serverAction(reviewInput, handlers.postReview);
export const deleteReviewAction = serverAction(reviewIdInput, handlers.deleteReview);
export const likeReviewAction = serverAction(reviewIdInput, handlers.likeReview);
export const commentAction = serverAction(commentInput, handlers.commentOnReview);

const diary = diaryHandlers(getDb);

export const logWatchAction = serverAction(logInput, diary.logWatch);
export const watchlistAction = serverAction(watchlistInput, diary.setWatchlist);
