/**
 * Who may see a part of a profile (diary, watchlist, lists). Framework-free: the relation between
 * the reader and the owner is read from the database by db/queries/relations.ts.
 */
import type { Audience } from "../db/schema";

export type { Audience };

export const AUDIENCES = [
  "everyone",
  "followers",
  "only_me",
] as const satisfies readonly Audience[];

export const AUDIENCE_LABELS: Record<Audience, string> = {
  everyone: "Everyone",
  followers: "My followers",
  only_me: "Only me",
};

/** The reader as the owner sees them. An anonymous reader is `{ self: false, follower: false, blocked: false }`. */
export type Relation = {
  /** The reader is the owner. */
  self: boolean;
  /** The reader follows the owner. */
  follower: boolean;
  /** Either blocked the other. */
  blocked: boolean;
};

export const STRANGER: Relation = { self: false, follower: false, blocked: false };

/** Whether a reader with this relation may see what the owner shows to `audience`. */
export function canSee(audience: Audience, relation: Relation): boolean {
  if (relation.self) return true;
  if (relation.blocked) return false;
  if (audience === "everyone") return true;
  if (audience === "followers") return relation.follower;
  return false;
}
