/** Who may do what: participants, moderators, admins, and the order of roles. */
import "server-only";
import { AppError, notSignedIn } from "../../../lib/errors";
import { formatDate } from "../../../lib/format";
import type { UserRole } from "../../schema";
import type { Actor } from "../users";

const until = (iso: string | null) => (iso ? ` until ${formatDate(iso.slice(0, 10))}` : "");

/** Signed in, and not silenced, suspended or banned: may post, comment, like and report. */
export function assertCanParticipate(actor: Actor | null): Actor {
  if (!actor) throw notSignedIn();
  const r = actor.restriction;
  if (r?.kind === "silence") {
    throw new AppError(
      "forbidden",
      `Your account is silenced${until(r.until)}: you can read, but not post, comment, like or report.`,
    );
  }
  if (r?.kind === "suspend")
    throw new AppError("forbidden", `Your account is suspended${until(r.until)}.`);
  if (r?.kind === "ban") throw new AppError("forbidden", "Your account is banned.");
  return actor;
}

/** A moderator or admin (as the database has them now), not suspended or banned. */
export function assertModerator(actor: Actor | null): Actor {
  if (!actor) throw notSignedIn();
  if (actor.role !== "moderator" && actor.role !== "admin")
    throw new AppError("forbidden", "Only moderators can do that.");
  if (actor.restriction && actor.restriction.kind !== "silence")
    throw new AppError("forbidden", "Your account is suspended.");
  return actor;
}

export function assertAdmin(actor: Actor | null): Actor {
  const a = assertModerator(actor);
  if (a.role !== "admin") throw new AppError("forbidden", "Only admins can do that.");
  return a;
}

/** A moderator may act on users below their own role. */
export const RANK: Record<UserRole, number> = { viewer: 0, editor: 1, moderator: 2, admin: 3 };
