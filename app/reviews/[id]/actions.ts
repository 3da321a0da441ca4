"use server";
import { serverAction } from "@/app/server-action";
import { reviewHandlers } from "@/db/actions";
import { getDb } from "@/db/index";
import { commentEditInput, commentIdInput, replyInput } from "@/lib/validation";

const handlers = reviewHandlers(getDb);

export const replyAction = serverAction(replyInput, handlers.commentOnReview);
export const editCommentAction = serverAction(commentEditInput, handlers.editComment);
export const deleteCommentAction = serverAction(commentIdInput, handlers.deleteComment);
