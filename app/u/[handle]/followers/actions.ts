"use server";
import { serverAction } from "@/app/server-action";
import { followHandlers } from "@/db/actions";
import { getDb } from "@/db/index";
import { handleInput } from "@/lib/validation";

const handlers = followHandlers(getDb);

export const followAction = serverAction(handleInput, handlers.follow);
export const unfollowAction = serverAction(handleInput, handlers.unfollow);
export const blockAction = serverAction(handleInput, handlers.block);
export const unblockAction = serverAction(handleInput, handlers.unblock);
