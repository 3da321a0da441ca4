import Link from "next/link";
import type { ChartRow, Revision } from "@/db/queries/charts";
import { formatDate, formatInteger, plural } from "@/lib/format";
import { listBySlug } from "@/lib/top10/lists";
import { formatCompact, summarizeRun } from "@/lib/top10/summary";
import { formatWeek } from "@/lib/top10/week";
import { ChartFigureCells, ChartFigureHeaders } from "./chart-figures";
import { ChartHistorySvg } from "./chart-history-svg";

export function chartHref(week: string, list: string) {
  return `/charts/${week}/${list}`;
}

const FIELD_LABEL: Record<string, string> = {
  hoursViewed: "hours viewed",
  views: "views",
  runtimeHours: "runtime (hours)",
  cumulativeWeeks: "weeks in Top 10",
  showTitle: "title",
  seasonTitle: "season",
};

/** Weeks the film page's table shows; a longer run links to its own page for the rest. */
export const LATEST_CHART_WEEKS = 8;

/**
 * A title's run on Netflix's weekly global Top 10: summary, chart and citable table. With
 * `allWeeksHref`, a run longer than LATEST_CHART_WEEKS shows only its latest weeks in the table
 * and links to the page with every week (a long run is most of a page's weight otherwise).
 */
export function ChartHistory({
  rows,
  revisions,
  title,
  allWeeksHref,
}: {
  rows: ChartRow[];
  revisions: Revision[];
  title: string;
  allWeeksHref?: string;
}) {
  const summary = summarizeRun(rows);
  if (!summary) {
    return (
      <section aria-labelledby="chart-history" className="mt-10">
        <h2 id="chart-history" className="text-xl font-semibold">
          Netflix Top 10 chart history
        </h2>
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">
          {title} has no weeks on Netflix&apos;s global weekly Top 10 in Reelrank&apos;s data.
        </p>
      </section>
    );
  }
  const lists = [...new Set(rows.map((r) => listBySlug(r.list)!.label))];
  const entryWeek = new Map(rows.map((r) => [r.id, r]));
  const shortened = allWeeksHref != null && rows.length > LATEST_CHART_WEEKS;
  const shown = shortened ? rows.slice(-LATEST_CHART_WEEKS) : rows;
  const shownIds = new Set(shown.map((r) => r.id));
  const shownRevisions = shortened
    ? revisions.filter((rev) => shownIds.has(rev.entryId))
    : revisions;
  return (
    <section aria-labelledby="chart-history" className="mt-10">
      <h2 id="chart-history" className="text-xl font-semibold">
        Netflix Top 10 chart history
      </h2>
      <p className="mt-2 text-zinc-700 dark:text-zinc-300" data-testid="chart-summary">
        Peaked at <strong>#{summary.peakRank}</strong>
        {summary.weeksAtNumberOne > 0
          ? ` (${plural(summary.weeksAtNumberOne, "week")} at #1)`
          : ""}{" "}
        on {lists.join(" and ")}
        {" · "}
        <strong>{plural(summary.weeksInTop10, "week")}</strong> in the Top 10
        {summary.totalViews != null ? (
          <>
            {" · "}
            <strong>{formatCompact(summary.totalViews)}</strong> views
          </>
        ) : null}
        {" and "}
        <strong>{formatCompact(summary.totalHours)}</strong> hours on the lists
        {" · "}
        {formatWeek(summary.firstWeek)}
        {summary.lastWeek !== summary.firstWeek ? ` to ${formatWeek(summary.lastWeek)}` : ""}
      </p>
      <div className="mt-4 space-y-6">
        <figure className="max-w-3xl">
          <ChartHistorySvg
            points={rows}
            title={`${title}: rank by week on Netflix's Top 10, with views as bars`}
          />
          <figcaption className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            Source: Netflix Top 10. Rank by week, #1 at the top; bars show weekly views.
          </figcaption>
        </figure>
        <div
          className="relative overflow-x-auto"
          tabIndex={0}
          role="region"
          aria-label="Chart history table"
        >
          <table className="data min-w-[40rem]" data-figures="4">
            <caption className="sr-only">
              {shortened
                ? `${title}: its latest ${shown.length} weeks on Netflix's global Top 10`
                : `${title}: week by week on Netflix's global Top 10`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">List</th>
                <th scope="col">Rank</th>
                <ChartFigureHeaders />
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => {
                const week = formatWeek(r.week);
                const list = listBySlug(r.list)!.label;
                return (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link
                        href={chartHref(r.week, r.list)}
                        aria-label={`${week}: Netflix Top 10, ${list}`}
                      >
                        <time dateTime={r.week}>{week}</time>
                      </Link>
                    </th>
                    <td>{list}</td>
                    <td className="font-semibold">#{r.rank}</td>
                    <ChartFigureCells row={r} />
                  </tr>
                );
              })}
            </tbody>
          </table>
          {shortened ? (
            <p className="mt-2 text-sm">
              Its latest {shown.length} of {rows.length} weeks.{" "}
              <Link href={allWeeksHref} className="underline">
                All {rows.length} weeks, week by week
              </Link>
            </p>
          ) : null}
          <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
            Source: Netflix Top 10, each week linked to its full list. Views are hours viewed ÷
            runtime, published since June 2023; figures are rounded by Netflix.{" "}
            <Link href="/about" className="underline">
              How to read these figures
            </Link>
          </p>
        </div>
      </div>
      {shownRevisions.length > 0 ? (
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer">
            Corrections to these figures ({shownRevisions.length})
          </summary>
          <ul className="mt-2 list-disc pl-6">
            {shownRevisions.map((rev, i) => {
              const entry = entryWeek.get(rev.entryId);
              const num = (v: string | null) =>
                v != null && /^\d+$/.test(v) ? formatInteger(Number(v)) : (v ?? "none");
              return (
                <li key={i}>
                  {entry ? formatWeek(entry.week) : "A week"}: {FIELD_LABEL[rev.field] ?? rev.field}{" "}
                  changed from {num(rev.oldValue)} to {num(rev.newValue)} on{" "}
                  {formatDate(rev.changedAt.toISOString().slice(0, 10))} (Netflix file {rev.source})
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
