/** Readers reporting reviews and comments; enough open reports hide the item until a moderator decides. */
import "server-only";
import { and, count, eq } from "drizzle-orm";
import { AppError } from "../../../lib/errors";
import type { Executor } from "../../index";
import { reports, type ReportReason, type ReportTarget } from "../../schema";
import { consumeLimit, reportLimit } from "../rate-limits";
import type { Actor } from "../users";
import { assertCanParticipate } from "./permissions";
import { getReportThreshold } from "./settings";
import {
  followVisibility,
  loadTarget,
  notifyAuthor,
  stateOf,
  targetTags,
  writeState,
} from "./state";

export async function reportContent(
  db: Executor,
  actorOrNull: Actor | null,
  input: { targetType: ReportTarget; targetId: number; reason: ReportReason; note: string | null },
) {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, input.targetType, input.targetId);
    if (target.authorId === actor.id)
      throw new AppError("forbidden", `You cannot report your own ${input.targetType}.`);
    const [created] = await tx
      .insert(reports)
      .values({
        targetType: input.targetType,
        targetId: input.targetId,
        targetUserId: target.authorId,
        reporterId: actor.id,
        reason: input.reason,
        note: input.note,
      })
      .onConflictDoNothing()
      .returning({ id: reports.id });
    if (!created)
      throw new AppError("conflict", `You have already reported this ${input.targetType}.`);
    await consumeLimit(tx, reportLimit(actor));

    const [open] = await tx
      .select({ n: count() })
      .from(reports)
      .where(
        and(
          eq(reports.targetType, input.targetType),
          eq(reports.targetId, input.targetId),
          eq(reports.status, "open"),
        ),
      );
    const state = await stateOf(tx, input.targetType, input.targetId);
    const hidden = state.status === "visible" && (open?.n ?? 0) >= (await getReportThreshold(tx));
    if (hidden) {
      await writeState(tx, input.targetType, input.targetId, {
        status: "hidden",
        reason: "reports",
        autoHidden: true,
      });
      await followVisibility(tx, target, "visible", "hidden");
      // no moderator decided this: the report that tipped it names the event
      await notifyAuthor(tx, target, {
        status: "hidden",
        action: "hide",
        reason: "reports",
        key: `moderation:report:${created.id}`,
      });
    }
    return { data: { hidden }, tags: hidden ? targetTags(target) : [] };
  });
}
