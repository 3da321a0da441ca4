"use server";
import { serverAction } from "@/app/server-action";
import { dataHandlers } from "@/db/actions";
import { syncInput } from "@/lib/validation";
import { startSyncJob } from "./sync-job";

/** "Check now": an admin starts a sync of Netflix's files; the page follows its progress. */
export const checkNowAction = serverAction(syncInput, dataHandlers(startSyncJob).checkNow);
