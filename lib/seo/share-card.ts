/** The facts a film's share image states, all from its page's data; null where unknown. */
import { averageStars, type RatingStats } from "../rating";
import { listBySlug } from "../top10/lists";

export type ShareCardFacts = {
  title: string;
  year: number | null;
  /** `#1 on Netflix's Films (Non-English) list`, from the film's best week. */
  bestRank: string | null;
  /** `Rated 4.1 of 5 by 12 viewers`. */
  rating: string | null;
};

export function shareCardFacts(film: {
  title: string;
  year: number | null;
  chart: { rank: number; list: string; week: string }[];
  ratings: Pick<RatingStats, "count" | "sum">;
}): ShareCardFacts {
  // the best rank, first reached (the chart comes oldest week first)
  const best = film.chart.reduce<(typeof film.chart)[number] | null>(
    (b, r) => (!b || r.rank < b.rank ? r : b),
    null,
  );
  const average = averageStars(film.ratings);
  const n = film.ratings.count;
  return {
    title: film.title,
    year: film.year,
    bestRank: best
      ? `#${best.rank} on Netflix's ${listBySlug(best.list)?.label ?? best.list} list`
      : null,
    rating:
      average != null ? `Rated ${average} of 5 by ${n} ${n === 1 ? "viewer" : "viewers"}` : null,
  };
}
