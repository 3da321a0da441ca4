/**
 * Moderators' and admins' actions, and the admin's Netflix check. The handlers run once the action
 * pipeline has its actor and valid input (see ./index.ts).
 */
import type { z } from "zod";
import type {
  liftSanctionInput,
  lockCommentsInput,
  moderateInput,
  reportInput,
  roleInput,
  sanctionInput,
  syncInput,
  thresholdInput,
} from "../../lib/validation";
import { moderateItems, setCommentsLocked } from "../queries/moderation/content";
import { assertAdmin } from "../queries/moderation/permissions";
import { reportContent } from "../queries/moderation/reports";
import { setRole } from "../queries/moderation/roles";
import { liftSanction, sanctionUser } from "../queries/moderation/sanctions";
import { setReportThreshold } from "../queries/moderation/settings";
import type { Actor } from "../queries/users";
import type { ActionDb as Db } from "./index";

export function moderationHandlers(db: Db) {
  return {
    report: async (actor: Actor | null, input: z.infer<typeof reportInput>) => ({
      ...(await reportContent(await db(), actor, input)),
      message: "Thank you: your report is sent to the moderators.",
    }),
    moderate: async (actor: Actor | null, input: z.infer<typeof moderateInput>) =>
      moderateItems(await db(), actor, input),
    lockComments: async (actor: Actor | null, input: z.infer<typeof lockCommentsInput>) =>
      setCommentsLocked(await db(), actor, input),
    sanction: async (actor: Actor | null, input: z.infer<typeof sanctionInput>) =>
      sanctionUser(await db(), actor, input),
    liftSanction: async (actor: Actor | null, input: z.infer<typeof liftSanctionInput>) =>
      liftSanction(await db(), actor, input),
    setRole: async (actor: Actor | null, input: z.infer<typeof roleInput>) =>
      setRole(await db(), actor, input),
    setThreshold: async (actor: Actor | null, input: z.infer<typeof thresholdInput>) =>
      setReportThreshold(await db(), actor, input),
  };
}

/** The admin's "Check now": `start` runs the sync in the background (one at a time). */
export function dataHandlers(start: (trigger: `admin:${string}`) => { started: boolean }) {
  return {
    checkNow: (actor: Actor | null, _input: z.infer<typeof syncInput>) => {
      const admin = assertAdmin(actor);
      const { started } = start(`admin:${admin.handle}`);
      return Promise.resolve({
        data: { started },
        tags: [] as string[],
        message: started ? "Checking Netflix…" : "A check is already running.",
      });
    },
  };
}
