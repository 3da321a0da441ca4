/** Admins granting and taking away roles. */
import "server-only";
import { eq, sql } from "drizzle-orm";
import { AppError } from "../../../lib/errors";
import type { Executor } from "../../index";
import { users, type UserRole } from "../../schema";
import { tags } from "../../tags";
import type { Actor } from "../users";
import { assertAdmin } from "./permissions";
import { loadUser, log } from "./state";

export async function setRole(
  db: Executor,
  actorOrNull: Actor | null,
  input: { handle: string; role: UserRole; reason: string },
) {
  const actor = assertAdmin(actorOrNull);
  return db.transaction(async (tx) => {
    // lock every admin: two admins demoting each other at once cannot leave none
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.role, "admin"))
      .for("update");
    const user = await loadUser(tx, input.handle);
    if (user.role === "admin" && input.role !== "admin" && admins.length <= 1) {
      throw new AppError(
        "conflict",
        "The last admin cannot be demoted: make someone else an admin first.",
      );
    }
    if (user.role === input.role) return { data: { role: user.role }, tags: [] };
    await tx
      .update(users)
      .set({ role: input.role, updatedAt: sql`now()` })
      .where(eq(users.id, user.id));
    await log(tx, actor, {
      action: "set_role",
      targetType: "user",
      targetId: user.handle,
      reason: input.reason,
      snapshot: { user: user.handle, from: user.role, to: input.role },
    });
    return { data: { role: input.role }, tags: [tags.user(user.handle)] };
  });
}
