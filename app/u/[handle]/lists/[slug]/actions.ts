"use server";
import { serverAction } from "@/app/server-action";
import { listHandlers } from "@/db/actions";
import { getDb } from "@/db/index";
import { listLikeInput } from "@/lib/validation";

export const likeListAction = serverAction(listLikeInput, listHandlers(getDb).like);
