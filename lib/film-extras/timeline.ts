/**
 * A film's chart run and its reception on one weekly axis: rank and views from Netflix, and the
 * ratings posted each week with the running average up to that week.
 */
import { addDays } from "../top10/week";

export type ChartWeekPoint = { week: string; list: string; rank: number; views: number | null };
/** Visible ratings posted in the week ending on `week` (a Sunday): how many and their half-star sum. */
export type RatingWeek = { week: string; count: number; sum: number };

export type TimelineWeek = {
  week: string;
  /** Best rank that week, or null when the film was not on a list. */
  rank: number | null;
  list: string | null;
  views: number | null;
  /** Ratings posted that week. */
  ratings: number;
  /** Average of every rating posted up to the end of that week, in half stars; null before the first. */
  runningAverage: number | null;
  runningCount: number;
};

export type Tally = { count: number; sum: number };
export type ReceptionTimeline = {
  weeks: TimelineWeek[];
  /** Ratings posted before the first week shown (already in the running average). */
  before: Tally;
  /** Ratings posted after the last week shown. */
  after: Tally & { firstWeek: string | null };
  total: Tally;
};

/** How far the axis stretches beyond the chart run to take in ratings. */
export const WEEKS_BEFORE_RUN = 8;
export const WEEKS_AFTER_RUN = 26;

/** The Sunday ending the Monday–Sunday week of a calendar day (`2023-10-09` → `2023-10-15`). */
export function weekEnding(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return addDays(isoDate, (7 - day) % 7);
}

/** Monday 00:00 UTC of the week a moment falls in: where a rating's week (as counted) begins. */
export function startOfUtcWeek(moment: Date): Date {
  const day = new Date(
    Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate()),
  );
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
}

/**
 * The weeks from the chart run's first to its last, stretched to take in the weeks with ratings
 * up to WEEKS_BEFORE_RUN before and WEEKS_AFTER_RUN after it; ratings further off are only
 * counted (`before`, `after`). Null without a chart run.
 */
export function buildReceptionTimeline(
  chart: readonly ChartWeekPoint[],
  ratings: readonly RatingWeek[],
): ReceptionTimeline | null {
  if (chart.length === 0) return null;
  const chartWeeks = chart.map((c) => c.week).sort();
  const rated = ratings.filter((r) => r.count > 0).sort((a, b) => a.week.localeCompare(b.week));
  const firstRun = chartWeeks[0]!;
  const lastRun = chartWeeks.at(-1)!;
  const earliestShown = addDays(firstRun, -7 * WEEKS_BEFORE_RUN);
  const latestShown = addDays(lastRun, 7 * WEEKS_AFTER_RUN);
  const near = rated.filter((r) => r.week >= earliestShown && r.week <= latestShown);
  const start = near[0] && near[0].week < firstRun ? near[0].week : firstRun;
  const end = near.at(-1) && near.at(-1)!.week > lastRun ? near.at(-1)!.week : lastRun;

  const best = new Map<string, ChartWeekPoint>();
  for (const c of chart) {
    const seen = best.get(c.week);
    if (!seen || c.rank < seen.rank) best.set(c.week, c);
  }
  const byWeek = new Map(rated.map((r) => [r.week, r]));
  const before: Tally = { count: 0, sum: 0 };
  const after: Tally & { firstWeek: string | null } = { count: 0, sum: 0, firstWeek: null };
  for (const r of rated) {
    if (r.week < start) {
      before.count += r.count;
      before.sum += r.sum;
    } else if (r.week > end) {
      after.count += r.count;
      after.sum += r.sum;
      after.firstWeek ??= r.week;
    }
  }

  const weeks: TimelineWeek[] = [];
  let count = before.count;
  let sum = before.sum;
  for (let week = start; week <= end; week = addDays(week, 7)) {
    const r = byWeek.get(week);
    count += r?.count ?? 0;
    sum += r?.sum ?? 0;
    const c = best.get(week);
    weeks.push({
      week,
      rank: c?.rank ?? null,
      list: c?.list ?? null,
      views: c?.views ?? null,
      ratings: r?.count ?? 0,
      runningAverage: count > 0 ? sum / count : null,
      runningCount: count,
    });
  }
  return { weeks, before, after, total: { count: count + after.count, sum: sum + after.sum } };
}
