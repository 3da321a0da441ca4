/** Site-wide moderation settings: how many open reports hide an item. */
import "server-only";
import { eq, sql } from "drizzle-orm";
import { DEFAULT_REPORT_THRESHOLD } from "../../../lib/moderation";
import type { Executor } from "../../index";
import { settings } from "../../schema";
import type { Actor } from "../users";
import { assertAdmin } from "./permissions";
import { log } from "./state";

export async function getReportThreshold(db: Executor): Promise<number> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, "report_threshold"));
  return typeof row?.value === "number" ? row.value : DEFAULT_REPORT_THRESHOLD;
}

export async function setReportThreshold(
  db: Executor,
  actorOrNull: Actor | null,
  input: { threshold: number },
) {
  const actor = assertAdmin(actorOrNull);
  return db.transaction(async (tx) => {
    const before = await getReportThreshold(tx);
    await tx
      .insert(settings)
      .values({ key: "report_threshold", value: input.threshold })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value: input.threshold, updatedAt: sql`now()` },
      });
    await log(tx, actor, {
      action: "set_report_threshold",
      targetType: "setting",
      targetId: "report_threshold",
      snapshot: { from: before, to: input.threshold },
    });
    return { data: { threshold: input.threshold }, tags: [] };
  });
}
