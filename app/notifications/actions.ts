"use server";
import { serverAction } from "@/app/server-action";
import { notificationHandlers } from "@/db/actions";
import { getDb } from "@/db/index";
import { noInput, notificationIdInput } from "@/lib/validation";

const handlers = notificationHandlers(getDb);

export const markReadAction = serverAction(notificationIdInput, handlers.markRead);
export const markAllReadAction = serverAction(noInput, handlers.markAllRead);
