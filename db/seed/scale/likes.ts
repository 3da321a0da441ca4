/** Likes: on written reviews, the popular films' most; never on one's own review. */
import type { Catalogue } from "./catalogue";
import { DAY, iso } from "./common";
import type { ScaleOptions } from "./options";
import type { Progress } from "./progress";
import { Alias, type Random } from "./random";
import type { Reviews } from "./reviews";
import { insertBatches, type Run } from "./sql";
import type { Users } from "./users";

export type Likes = {
  /** How much each review draws likes (and, after them, comments and reports); 0 when deleted. */
  likeWeight: Float64Array;
  likeCount: Int32Array;
  likeR: number[];
  likeU: number[];
  likeAt: number[];
};

export function generateLikes(
  rng: Random,
  options: ScaleOptions,
  { end: END, filmWeight, maxFilmWeight }: Catalogue,
  { U, joined, readerAlias }: Users,
  { R, revFlags, revFilm, revWords, revUser, revAt }: Reviews,
): Likes {
  const likeWeight = new Float64Array(R);
  for (let i = 0; i < R; i++) {
    if (revFlags[i]! & 2) continue;
    const boost = Math.pow(filmWeight[revFilm[i]!]! / maxFilmWeight, 0.25);
    likeWeight[i] =
      (revWords[i]! > 0 ? Math.exp(1.2 * rng.normal()) * Math.sqrt(1 + revWords[i]! / 40) : 0.08) *
      boost;
  }
  const likeCount = new Int32Array(R);
  const likeR: number[] = [];
  const likeU: number[] = [];
  const likeAt: number[] = [];
  if (options.likes > 0) {
    const reviewAlias = new Alias(likeWeight);
    const seen = new Set<number>();
    for (
      let attempts = 0;
      likeR.length < options.likes && attempts < options.likes * 4;
      attempts++
    ) {
      const i = reviewAlias.sample(rng);
      const u = readerAlias.sample(rng);
      if (u === revUser[i]) continue;
      const key = i * U + u;
      if (seen.has(key)) continue;
      seen.add(key);
      likeR.push(i);
      likeU.push(u);
      likeAt.push(Math.min(Math.max(revAt[i]!, joined[u]!) + rng.exponential(25 * DAY), END));
      likeCount[i] = likeCount[i]! + 1;
    }
  }
  return { likeWeight, likeCount, likeR, likeU, likeAt };
}

export async function writeLikes(
  run: Run,
  progress: Progress,
  { userId }: Users,
  { reviewId }: Reviews,
  { likeR, likeU, likeAt }: Likes,
) {
  await insertBatches(
    run,
    progress,
    "likes",
    `insert into review_likes (review_id, user_id, created_at)
     select r, u, c from json_to_recordset($1::json) as x(r int, u text, c timestamptz)`,
    likeR.length,
    (l) => ({ r: reviewId[likeR[l]!], u: userId[likeU[l]!], c: iso(likeAt[l]!) }),
    { batchSize: 10_000 },
  );
}
