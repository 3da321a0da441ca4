"use server";
import { serverAction } from "@/app/server-action";
import { moderationHandlers } from "@/db/actions";
import { getDb } from "@/db/index";
import {
  liftSanctionInput,
  lockCommentsInput,
  moderateInput,
  reportInput,
  roleInput,
  sanctionInput,
  thresholdInput,
} from "@/lib/validation";

const handlers = moderationHandlers(getDb);

export const reportAction = serverAction(reportInput, handlers.report);
export const moderateAction = serverAction(moderateInput, handlers.moderate);
export const lockCommentsAction = serverAction(lockCommentsInput, handlers.lockComments);
export const sanctionAction = serverAction(sanctionInput, handlers.sanction);
export const liftSanctionAction = serverAction(liftSanctionInput, handlers.liftSanction);
export const setRoleAction = serverAction(roleInput, handlers.setRole);
export const setThresholdAction = serverAction(thresholdInput, handlers.setThreshold);
