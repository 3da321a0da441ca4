import "server-only";
import { and, eq, gt, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../index";
import { filmRatingStats, films, moderationStates } from "../schema";

/**
 * Changes a film's aggregates by increments, in the caller's transaction (the row lock
 * serialises raters). `before`/`after` are the ratings counted before and after the change.
 */
export async function changeStats(
  tx: Executor,
  filmId: number,
  before: number | null,
  after: number | null,
) {
  if (before === after) return;
  await tx.insert(filmRatingStats).values({ filmId }).onConflictDoNothing();
  const sets: SQL[] = [];
  if (before != null)
    sets.push(
      sql`histogram[${sql.raw(String(before))}] = histogram[${sql.raw(String(before))}] - 1`,
    );
  if (after != null)
    sets.push(sql`histogram[${sql.raw(String(after))}] = histogram[${sql.raw(String(after))}] + 1`);
  const dCount = (after != null ? 1 : 0) - (before != null ? 1 : 0);
  const dSum = (after ?? 0) - (before ?? 0);
  await tx.execute(sql`
    update film_rating_stats
    set count = count + ${dCount}, sum = sum + ${dSum}, ${sql.join(sets, sql`, `)}
    where film_id = ${filmId}`);
}

/** Whether a review's rating counts in its film's aggregates: only while moderation leaves it visible. */
export async function ratingCounts(tx: Executor, reviewId: number): Promise<boolean> {
  const [state] = await tx
    .select({ status: moderationStates.status })
    .from(moderationStates)
    .where(and(eq(moderationStates.targetType, "review"), eq(moderationStates.targetId, reviewId)));
  return !state || state.status === "visible";
}

/** Every film anyone has rated, with its aggregates, for the best-rated list. */
export async function listRatedFilms(db: Executor) {
  return db
    .select({
      slug: films.slug,
      title: films.title,
      year: films.year,
      count: filmRatingStats.count,
      sum: filmRatingStats.sum,
    })
    .from(filmRatingStats)
    .innerJoin(films, eq(films.id, filmRatingStats.filmId))
    .where(gt(filmRatingStats.count, 0));
}
