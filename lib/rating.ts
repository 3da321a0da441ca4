/**
 * Ratings are half stars from 0.5 to 5, stored as whole half-star counts 1–10 so that sums and
 * averages are exact integers until the final division.
 */
export const MIN_HALF_STARS = 1;
export const MAX_HALF_STARS = 10;
export const HALF_STAR_VALUES = Array.from({ length: 10 }, (_, i) => i + 1);

/** `"4.5"` or `4.5` → `9`; anything that is not a multiple of 0.5 in 0.5–5 → null. */
export function starsToHalfStars(stars: string | number): number | null {
  const text = typeof stars === "number" ? String(stars) : stars.trim();
  if (!/^\d(\.\d+)?$/.test(text)) return null;
  const half = Number(text) * 2;
  return Number.isInteger(half) && half >= MIN_HALF_STARS && half <= MAX_HALF_STARS ? half : null;
}

export function halfStarsToStars(halfStars: number): number {
  return halfStars / 2;
}

/** `9` → `4.5 stars`, `2` → `1 star`. */
export function starsLabel(halfStars: number): string {
  const stars = halfStarsToStars(halfStars);
  return `${stars} ${stars === 1 ? "star" : "stars"}`;
}

export type RatingStats = { count: number; sum: number; histogram: number[] };

export const emptyStats = (): RatingStats => ({
  count: 0,
  sum: 0,
  histogram: Array<number>(10).fill(0),
});

/** Average in stars with one decimal, as shown: sum 41 over 5 ratings → 4.1. Null without ratings. */
export function averageStars(stats: Pick<RatingStats, "count" | "sum">): number | null {
  if (stats.count === 0) return null;
  return Math.round((stats.sum / stats.count / 2) * 10) / 10;
}

/** The change a review makes to the aggregates: a new rating, a changed one, or a removed one. */
export function applyRatingChange(
  stats: RatingStats,
  before: number | null,
  after: number | null,
): RatingStats {
  const histogram = [...stats.histogram];
  let { count, sum } = stats;
  if (before != null) {
    histogram[before - 1]! -= 1;
    count -= 1;
    sum -= before;
  }
  if (after != null) {
    histogram[after - 1]! += 1;
    count += 1;
    sum += after;
  }
  return { count, sum, histogram };
}

/** Recounts aggregates from ratings: what the stored aggregates must always equal. */
export function recount(ratings: readonly number[]): RatingStats {
  return ratings.reduce((s, r) => applyRatingChange(s, null, r), emptyStats());
}

/**
 * A Bayesian (weighted) average in stars, `(C·m + Σratings) / (m + n)`: as if each film also had
 * `m` ratings at the site-wide mean `C`, so that two five-star ratings do not outrank two hundred
 * four-and-a-half-star ones. Films with fewer than `minRatings` are left out; best first, ties by
 * more ratings. The site-wide mean is null (and the list empty) while nobody has rated anything.
 */
export function rankByWeightedAverage<T extends Pick<RatingStats, "count" | "sum">>(
  films: readonly T[],
  { prior, minRatings }: { prior: number; minRatings: number },
): { mean: number | null; ranked: (T & { score: number })[] } {
  const count = films.reduce((s, f) => s + f.count, 0);
  if (count === 0) return { mean: null, ranked: [] };
  const mean = films.reduce((s, f) => s + f.sum, 0) / count / 2;
  const ranked = films
    .filter((f) => f.count >= minRatings)
    .map((f) => ({ ...f, score: (mean * prior + f.sum / 2) / (prior + f.count) }))
    .sort((a, b) => b.score - a.score || b.count - a.count);
  return { mean, ranked };
}
