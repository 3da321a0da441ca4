"use server";
import { serverAction } from "@/app/server-action";
import { diaryHandlers } from "@/db/actions";
import { getDb } from "@/db/index";
import { editLogInput, logIdInput } from "@/lib/validation";

const diary = diaryHandlers(getDb);

export const editLogAction = serverAction(editLogInput, diary.editLog);
export const deleteLogAction = serverAction(logIdInput, diary.deleteLog);
