/** Moderators deciding on reviews and comments: dismiss, hide, remove, restore, mark spoilers, lock comments. */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { AppError } from "../../../lib/errors";
import type { ModerationAction } from "../../../lib/moderation";
import type { Executor } from "../../index";
import { reports, reviews, users, type ReportTarget } from "../../schema";
import { tags } from "../../tags";
import type { Actor } from "../users";
import { assertModerator } from "./permissions";
import {
  followVisibility,
  loadTarget,
  log,
  notifyAuthor,
  stateOf,
  targetTags,
  writeState,
} from "./state";

export async function moderateItems(
  db: Executor,
  actorOrNull: Actor | null,
  input: {
    items: { type: ReportTarget; id: number }[];
    action: ModerationAction;
    reason: string;
    note: string | null;
  },
) {
  const actor = assertModerator(actorOrNull);
  return db.transaction(async (tx) => {
    const changedTags = new Set<string>();
    for (const item of input.items) {
      const target = await loadTarget(tx, item.type, item.id);
      const before = await stateOf(tx, item.type, item.id);
      const openReports = await tx
        .select({ reason: reports.reason, reporter: users.handle })
        .from(reports)
        .innerJoin(users, eq(users.id, reports.reporterId))
        .where(
          and(
            eq(reports.targetType, item.type),
            eq(reports.targetId, item.id),
            eq(reports.status, "open"),
          ),
        );
      const resolve = (status: "dismissed" | "upheld") =>
        tx
          .update(reports)
          .set({ status, resolvedAt: sql`now()`, resolvedBy: actor.id })
          .where(
            and(
              eq(reports.targetType, item.type),
              eq(reports.targetId, item.id),
              eq(reports.status, "open"),
            ),
          );
      switch (input.action) {
        case "dismiss":
          await resolve("dismissed");
          // reports that hid it automatically were unfounded
          if (before.autoHidden && before.status === "hidden")
            await writeState(tx, item.type, item.id, {
              status: "visible",
              reason: null,
              autoHidden: false,
            });
          break;
        case "hide":
          await resolve("upheld");
          await writeState(tx, item.type, item.id, {
            status: "hidden",
            reason: input.reason,
            autoHidden: false,
          });
          break;
        case "remove":
          await resolve("upheld");
          await writeState(tx, item.type, item.id, {
            status: "removed",
            reason: input.reason,
            autoHidden: false,
          });
          break;
        case "restore":
          await resolve("dismissed");
          await writeState(tx, item.type, item.id, {
            status: "visible",
            reason: null,
            autoHidden: false,
          });
          break;
        case "spoiler":
          if (item.type !== "review")
            throw new AppError("invalid", "Only reviews can be marked as spoilers.");
          await resolve("upheld");
          await tx
            .update(reviews)
            .set({ containsSpoilers: true, updatedAt: sql`now()` })
            .where(eq(reviews.id, item.id));
          if (before.status === "hidden" && before.autoHidden)
            await writeState(tx, item.type, item.id, {
              status: "visible",
              reason: null,
              autoHidden: false,
            });
          break;
      }
      const after = await stateOf(tx, item.type, item.id);
      await followVisibility(tx, target, before.status, after.status);
      const logId = await log(tx, actor, {
        action: input.action,

        targetType: item.type,
        targetId: item.id,
        reason: input.reason,
        note: input.note,
        snapshot: {
          ...target.snapshot,
          statusBefore: before.status,
          reasonBefore: before.reason,
          openReports,
        },
      });
      if (after.status !== before.status) {
        await notifyAuthor(tx, target, {
          status: after.status,
          action: input.action,
          reason: after.status === "visible" ? null : input.reason,
          key: `moderation:${logId}`,
        });
      }
      targetTags(target).forEach((t) => changedTags.add(t));
    }
    return { data: { count: input.items.length }, tags: [...changedTags] };
  });
}

export async function setCommentsLocked(
  db: Executor,
  actorOrNull: Actor | null,
  input: { reviewId: number; locked: boolean; reason: string; note: string | null },
) {
  const actor = assertModerator(actorOrNull);
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, "review", input.reviewId);
    await stateOf(tx, "review", input.reviewId);
    await writeState(tx, "review", input.reviewId, { commentsLocked: input.locked });
    await log(tx, actor, {
      action: input.locked ? "lock_comments" : "unlock_comments",
      targetType: "review",
      targetId: input.reviewId,
      reason: input.reason,
      note: input.note,
      snapshot: target.snapshot,
    });
    return { data: { locked: input.locked }, tags: [tags.review(input.reviewId)] };
  });
}
