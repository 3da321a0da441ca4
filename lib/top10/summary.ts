/** The headline figures of a chart run. */
export type RunWeek = { week: string; rank: number; views: number | null; hoursViewed: number };

export type RunSummary = {
  peakRank: number;
  weeksAtPeak: number;
  weeksAtNumberOne: number;
  weeksInTop10: number;
  totalViews: number | null;
  /** Weeks with views: Netflix publishes views only since the week ending 2023-06-18. */
  weeksWithViews: number;
  totalHours: number;
  firstWeek: string;
  lastWeek: string;
};

export function summarizeRun(weeks: readonly RunWeek[]): RunSummary | null {
  if (weeks.length === 0) return null;
  const peakRank = Math.min(...weeks.map((w) => w.rank));
  const withViews = weeks.filter((w) => w.views != null);
  const sorted = weeks.map((w) => w.week).sort();
  return {
    peakRank,
    weeksAtPeak: weeks.filter((w) => w.rank === peakRank).length,
    weeksAtNumberOne: weeks.filter((w) => w.rank === 1).length,
    weeksInTop10: new Set(sorted).size,
    totalViews: withViews.length ? withViews.reduce((s, w) => s + w.views!, 0) : null,
    weeksWithViews: withViews.length,
    totalHours: weeks.reduce((s, w) => s + w.hoursViewed, 0),
    firstWeek: sorted[0]!,
    lastWeek: sorted[sorted.length - 1]!,
  };
}

/**
 * `14,700,000` → `14.7M`, `2,000,000` → `2.0M`, `52,190,000` → `52.19M`, `890,000` → `890K`:
 * exact to Netflix's rounding (100,000 since mid-2023, 10,000 before), never more precise.
 */
export function formatCompact(n: number): string {
  if (n >= 1_000_000_000) return `${decimals(n / 1_000_000_000)}B`;
  if (n >= 1_000_000) return `${decimals(n / 1_000_000)}M`;
  if (n >= 1_000) return `${Math.round(n / 1_000)}K`;
  return String(n);
}

/** Two decimals, trailing zero dropped, but always one: 2 → 2.0, 52.19 → 52.19, 14.7 → 14.7. */
function decimals(x: number): string {
  const two = x.toFixed(2);
  return two.endsWith("0") ? x.toFixed(1) : two;
}
