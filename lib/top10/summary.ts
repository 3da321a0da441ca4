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

/** `14,700,000` → `14.7M`; `890,000` → `890K`. Netflix rounds to 100,000 (10,000 before mid-2023). */
export function formatCompact(n: number): string {
  if (n >= 1_000_000_000) return `${trim(n / 1_000_000_000)}B`;
  if (n >= 1_000_000) return `${trim(n / 1_000_000)}M`;
  if (n >= 1_000) return `${trim(n / 1_000)}K`;
  return String(n);
}

function trim(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}
