/** Silences, suspensions and bans, and lifting them. */
import "server-only";
import { eq, sql } from "drizzle-orm";
import { AppError } from "../../../lib/errors";
import type { Executor } from "../../index";
import { sanctions, users, type SanctionKind } from "../../schema";
import { tags } from "../../tags";
import type { Actor } from "../users";
import { assertModerator, RANK } from "./permissions";
import { notify } from "../relations";
import { loadUser, log } from "./state";

export async function sanctionUser(
  db: Executor,
  actorOrNull: Actor | null,
  input: {
    handle: string;
    kind: SanctionKind;
    hours: number | null;
    reason: string;
    note: string | null;
  },
) {
  const actor = assertModerator(actorOrNull);
  return db.transaction(async (tx) => {
    const user = await loadUser(tx, input.handle);
    if (user.id === actor.id) throw new AppError("forbidden", "You cannot sanction yourself.");
    if (RANK[user.role] >= RANK[actor.role])
      throw new AppError("forbidden", `Only an admin can sanction a ${user.role}.`);
    if ((input.kind === "silence" || input.kind === "suspend") && !input.hours) {
      throw new AppError("invalid", "Give a duration for a silence or a suspension.", {
        hours: "Choose how long it lasts.",
      });
    }
    const endsAt =
      input.kind === "silence" || input.kind === "suspend"
        ? sql`now() + make_interval(hours => ${input.hours})`
        : null;
    const [row] = await tx
      .insert(sanctions)
      .values({
        userId: user.id,
        kind: input.kind,
        reason: input.reason,
        note: input.note,
        endsAt,
        createdBy: actor.id,
      })
      .returning({ id: sanctions.id, endsAt: sanctions.endsAt });
    const logId = await log(tx, actor, {
      action: `sanction_${input.kind}`,
      targetType: "user",
      targetId: user.handle,
      reason: input.reason,
      note: input.note,
      snapshot: {
        user: user.handle,
        role: user.role,
        kind: input.kind,
        endsAt: row!.endsAt?.toISOString() ?? null,
      },
    });
    await notify(tx, {
      userId: user.id,
      kind: "moderation",
      actorId: null,
      data: {
        action: `sanction_${input.kind}`,
        reason: input.reason,
        endsAt: row!.endsAt?.toISOString() ?? null,
      },
      dedupeKey: `moderation:${logId}`,
    });
    return { data: { sanctionId: row!.id }, tags: [tags.user(user.handle)] };
  });
}

export async function liftSanction(
  db: Executor,
  actorOrNull: Actor | null,
  input: { sanctionId: number; reason: string },
) {
  const actor = assertModerator(actorOrNull);
  return db.transaction(async (tx) => {
    const [s] = await tx
      .select({
        id: sanctions.id,
        kind: sanctions.kind,
        userId: sanctions.userId,
        handle: users.handle,
        role: users.role,
        liftedAt: sanctions.liftedAt,
      })
      .from(sanctions)
      .innerJoin(users, eq(users.id, sanctions.userId))
      .where(eq(sanctions.id, input.sanctionId))
      .for("update", { of: sanctions });
    if (!s) throw new AppError("not_found", "That sanction does not exist.");
    if (RANK[s.role] >= RANK[actor.role])
      throw new AppError("forbidden", `Only an admin can change a ${s.role}'s sanctions.`);
    if (s.liftedAt) throw new AppError("conflict", "That sanction is already lifted.");
    await tx
      .update(sanctions)
      .set({ liftedAt: sql`now()` })
      .where(eq(sanctions.id, s.id));
    const logId = await log(tx, actor, {
      action: "lift_sanction",
      targetType: "user",
      targetId: s.handle,
      reason: input.reason,
      snapshot: { sanction: s.id, kind: s.kind },
    });
    await notify(tx, {
      userId: s.userId,
      kind: "moderation",
      actorId: null,
      data: { action: "lift_sanction", kind: s.kind, reason: input.reason },
      dedupeKey: `moderation:${logId}`,
    });
    return { data: { lifted: s.id }, tags: [tags.user(s.handle)] };
  });
}
