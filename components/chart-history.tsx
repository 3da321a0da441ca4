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

/** A title's whole run on Netflix's weekly global Top 10: summary, chart and citable table. */
export function ChartHistory({
  rows,
  revisions,
  title,
}: {
  rows: ChartRow[];
  revisions: Revision[];
  title: string;
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
          <table className="w-full min-w-[40rem] text-left text-sm tabular-nums">
            <caption className="sr-only">
              {title}: week by week on Netflix&apos;s global Top 10
            </caption>
            <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Week
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  List
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Rank
                </th>
                <ChartFigureHeaders />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const week = formatWeek(r.week);
                return (
                  <tr key={r.id} className="border-b border-zinc-100 dark:border-zinc-900">
                    <th scope="row" className="py-2 pr-3 font-normal">
                      <Link
                        href={chartHref(r.week, r.list)}
                        className="underline decoration-zinc-400"
                        aria-label={`${week}: Netflix Top 10, ${listBySlug(r.list)!.label}`}
                        title={`Source: Netflix Top 10, week of ${week}`}
                      >
                        <time dateTime={r.week}>{week}</time>
                      </Link>
                    </th>
                    <td className="py-2 pr-3">{listBySlug(r.list)!.label}</td>
                    <td className="py-2 pr-3 font-semibold">#{r.rank}</td>
                    <ChartFigureCells row={r} />
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
            Source: Netflix Top 10, each week linked to its full list. Views are hours viewed ÷
            runtime, published since June 2023; figures are rounded by Netflix.{" "}
            <Link href="/about" className="underline">
              How to read these figures
            </Link>
          </p>
        </div>
      </div>
      {revisions.length > 0 ? (
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer">
            Corrections to these figures ({revisions.length})
          </summary>
          <ul className="mt-2 list-disc pl-6">
            {revisions.map((rev, i) => {
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
