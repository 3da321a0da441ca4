/** What a scale run is asked for and what it answers: the public types and constants. */

/** The password of every generated account (scale data is for measuring, never for a public site). */
export const SCALE_PASSWORD = "reelrank-scale";
/**
 * argon2id of SCALE_PASSWORD with the app's settings (db/queries/users.ts), computed once and
 * shared by every generated account: hashing 100,000 passwords would take over an hour.
 */
export const SCALE_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$KBD3LugAKMiakoysTpi8nA$TtyoasmeqL9/x4/DJQHhuUGmcOFGvoP66UrWrDYVqKQ";

/** Where a run is recorded (`settings`), so a second run is refused unless asked for. */
export const SCALE_MARKER = "scale-data";

export type ScaleOptions = {
  users: number;
  reviews: number;
  likes: number;
  comments: number;
  reports: number;
  diary: number;
  watchlist: number;
  follows: number;
  seed: string;
  /** Add another set on top of an earlier run instead of refusing. */
  force: boolean;
};

/** The other sizes follow the numbers of users and reviews unless given. */
export function scaleOptions(
  given: Partial<ScaleOptions> & { users: number; reviews: number },
): ScaleOptions {
  const { users, reviews } = given;
  return {
    likes: reviews * 2,
    comments: Math.round(reviews / 10),
    reports: Math.round(reviews / 2000),
    diary: Math.round(reviews * 0.6),
    watchlist: users * 3,
    follows: users * 5,
    seed: "reelrank",
    force: false,
    ...given,
  };
}

export type ScaleSummary = {
  busiest: { handle: string; reviews: number; diary: number };
  busiestFilm: { slug: string; reviews: number };
  rows: Record<string, number>;
  seconds: number;
};

/** The database is not ready for scale data, or already has it: nothing was written. */
export class ScaleRefusal extends Error {}
