"use server";
import { serverAction } from "@/app/server-action";
import { diaryHandlers } from "@/db/actions";
import { getDb } from "@/db/index";
import { audienceInput } from "@/lib/validation";

export const saveAudiencesAction = serverAction(audienceInput, diaryHandlers(getDb).setAudiences);
