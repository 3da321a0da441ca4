import { loadChartWeek } from "@/db/cached";
import { jsonNotFound, jsonOk } from "@/lib/http";
import { movementOf, movementSymbol } from "@/lib/top10/movement";

/** One week's list: the ranked rows with their figures and the titles' addresses. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ week: string; list: string }> },
) {
  const { week, list } = await params;
  const chart = await loadChartWeek(week, list);
  if (!chart) return jsonNotFound(`No ${list} list for the week ending ${week}.`);
  return jsonOk({
    week: chart.week,
    list: chart.list,
    rows: chart.rows.map((r) => ({
      week: r.week,
      list: r.list,
      rank: r.rank,
      title: r.showTitle,
      seasonTitle: r.seasonTitle,
      slug: r.film?.slug ?? null,
      seriesSlug: r.series?.slug ?? null,

      movement: movementSymbol(movementOf(r.rank, r.previousRank, r.cumulativeWeeks)),
      views: r.views,
      hoursViewed: r.hoursViewed,
      runtimeHours: r.runtimeHours,
      cumulativeWeeks: r.cumulativeWeeks,
      countries: r.countries,
    })),
    source: "Netflix Top 10 (netflix.com/tudum/top10)",
  });
}
