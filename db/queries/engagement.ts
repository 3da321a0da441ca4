import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Executor } from "../index";
import { engagementEntries } from "../schema";

export type EngagementFigure = {
  period: string;
  periodStart: string;
  periodEnd: string;
  title: string;
  hoursViewed: number;
  views: number | null;
  runtimeMinutes: number | null;
  availableGlobally: boolean;
};

const figure = {
  period: engagementEntries.period,
  periodStart: engagementEntries.periodStart,
  periodEnd: engagementEntries.periodEnd,
  title: engagementEntries.title,
  hoursViewed: engagementEntries.hoursViewed,
  views: engagementEntries.views,
  runtimeMinutes: engagementEntries.runtimeMinutes,
  availableGlobally: engagementEntries.availableGlobally,
};

/** A film's half-year figures from Netflix's engagement reports, newest first. */
export async function getEngagementByFilmId(
  db: Executor,
  { filmId }: { filmId: number },
): Promise<EngagementFigure[]> {
  return db
    .select(figure)
    .from(engagementEntries)
    .where(eq(engagementEntries.filmId, filmId))
    .orderBy(desc(engagementEntries.periodStart));
}
