import Link from "next/link";
import { scaleBand, scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import type { ReceptionTimeline, TimelineWeek } from "@/lib/film-extras/timeline";
import { formatInteger, plural } from "@/lib/format";
import { averageStars } from "@/lib/rating";
import { listBySlug } from "@/lib/top10/lists";
import { formatCompact } from "@/lib/top10/summary";
import { formatWeek } from "@/lib/top10/week";
import { barsPath, dotsPath, RankGridlines, WeekLabels } from "./chart-axes";

const WIDTH = 720;
const HEIGHT = 360;
const M = { top: 20, right: 84, bottom: 40, left: 44 };
/** The rank panel on top, the reception panel below, sharing the week axis. */
const RANK_BOTTOM = 170;
const RECEPTION_TOP = 200;

const stars = (halfStars: number) => (halfStars / 2).toFixed(1);

/**
 * The film's weekly rank (views as bars) above the ratings posted each week (bars) and the
 * running average rating (line), on one week axis, with the same figures as a table: below it,
 * or on its own page at `tableHref` (the film page links there rather than carry every week).
 */
export function ChartReceptionTimeline({
  timeline,
  title,
  tableHref,
}: {
  timeline: ReceptionTimeline;
  title: string;
  tableHref?: string;
}) {
  const { weeks, after, total } = timeline;
  return (
    <section aria-labelledby="reception-timeline" className="mt-10">
      <h2 id="reception-timeline" className="text-xl font-semibold">
        Chart run and reception
      </h2>
      {total.count === 0 ? (
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">
          No one has rated {title} yet, so there is no reception to set beside its chart run.
        </p>
      ) : (
        <>
          <p className="mt-2 text-zinc-700 dark:text-zinc-300" id="reception-timeline-summary">
            {describe(timeline)}
          </p>
          <figure className="mt-4 max-w-3xl">
            <TimelineSvg weeks={weeks} title={`${title}: weekly rank and reception`} />
            <figcaption className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
              Top: rank on Netflix&apos;s global Top 10 by week, #1 at the top
              {weeks.some((w) => w.views != null) ? ", views as bars" : ""}. Bottom: ratings posted
              on Reelrank each week (bars) and the average of all ratings so far (line, stars).
              {after.count > 0
                ? ` Not shown: ${plural(after.count, "rating")} posted from ${formatWeek(after.firstWeek!)} on.`
                : ""}
            </figcaption>
          </figure>
          {tableHref ? (
            <p className="mt-3 text-sm">
              <Link href={tableHref} className="underline">
                Week by week: rank, views and ratings
              </Link>
            </p>
          ) : (
            <ReceptionTable weeks={weeks} title={title} />
          )}
        </>
      )}
    </section>
  );
}

function ReceptionTable({ weeks, title }: { weeks: TimelineWeek[]; title: string }) {
  return (
    <div
      className="relative mt-4 overflow-x-auto"
      tabIndex={0}
      role="region"
      aria-label="Chart run and reception table"
    >
      <table className="data min-w-[36rem]">
        <caption className="sr-only">
          {title}: rank on Netflix&apos;s Top 10 and ratings on Reelrank, week by week
        </caption>
        <thead>
          <tr>
            <th scope="col">Week</th>
            <th scope="col">Rank</th>
            <th scope="col">Views</th>
            <th scope="col">Ratings posted</th>
            <th scope="col">Average so far</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.week}>
              <th scope="row">
                <time dateTime={w.week}>{formatWeek(w.week)}</time>
              </th>
              <td>
                {w.rank != null
                  ? `#${w.rank} (${listBySlug(w.list!)?.label ?? w.list})`
                  : "Not in the Top 10"}
              </td>
              <td>{w.views != null ? formatInteger(w.views) : "—"}</td>
              <td>{w.ratings}</td>
              <td>
                {w.runningAverage != null
                  ? `${stars(w.runningAverage)} stars (${plural(w.runningCount, "rating")})`
                  : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function describe({ weeks, total }: ReceptionTimeline) {
  const charted = weeks.filter((w) => w.rank != null);
  const best = Math.min(...charted.map((w) => w.rank!));
  const peak = charted.find((w) => w.rank === best)!;
  const lastRun = charted.at(-1)!;
  const duringRun = weeks.filter((w) => w.week <= lastRun.week).reduce((n, w) => n + w.ratings, 0);
  const average = averageStars(total);
  return `Peaked at #${best} in the week of ${formatWeek(peak.week)}. ${plural(total.count, "rating")} in all, averaging ${average} stars; ${duringRun === 0 ? "none" : plural(duringRun, "rating")} ${duringRun === 1 ? "was" : "were"} posted by the end of its chart run.`;
}

function TimelineSvg({ weeks, title }: { weeks: TimelineWeek[]; title: string }) {
  const x = scaleBand<string>()
    .domain(weeks.map((w) => w.week))
    .range([M.left, WIDTH - M.right])
    .padding(0.3)
    .round(true);
  const cx = (w: TimelineWeek) => (x(w.week) ?? 0) + x.bandwidth() / 2;
  const rankY = scaleLinear().domain([1, 10]).rangeRound([M.top, RANK_BOTTOM]);
  const maxViews = Math.max(0, ...weeks.map((w) => w.views ?? 0));
  const viewsH = scaleLinear()
    .domain([0, maxViews || 1])
    .rangeRound([0, RANK_BOTTOM - M.top]);
  const receptionBottom = HEIGHT - M.bottom;
  const maxRatings = Math.max(1, ...weeks.map((w) => w.ratings));
  const countH = scaleLinear()
    .domain([0, maxRatings])
    .rangeRound([0, receptionBottom - RECEPTION_TOP]);
  const avgY = scaleLinear().domain([1, 10]).rangeRound([receptionBottom, RECEPTION_TOP]);
  const rankPath =
    line<TimelineWeek>()
      .defined((w) => w.rank != null)
      .x(cx)
      .y((w) => rankY(w.rank ?? 10))(weeks) ?? "";
  const avgPath =
    line<TimelineWeek>()
      .defined((w) => w.runningAverage != null)
      .x(cx)
      .y((w) => avgY(w.runningAverage ?? 1))(weeks) ?? "";
  const everyNth = Math.ceil(weeks.length / 7);

  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="h-auto w-full text-zinc-700 dark:text-zinc-300"
      role="img"
      aria-labelledby="reception-svg-title"
      aria-describedby="reception-timeline-summary"
    >
      <title id="reception-svg-title">{title}</title>
      <RankGridlines ranks={[1, 5, 10]} y={rankY} left={M.left} right={WIDTH - M.right} />
      <path
        d={barsPath(
          weeks.map((w) => ({
            x: x(w.week) ?? 0,
            width: x.bandwidth(),
            top: RANK_BOTTOM - viewsH(w.views ?? 0),
            bottom: RANK_BOTTOM,
          })),
        )}
        className="fill-brand-500/20"
      />
      <path
        d={rankPath}
        fill="none"
        strokeWidth={2.5}
        className="stroke-brand-600 dark:stroke-brand-500"
      />
      <path
        d={dotsPath(weeks.flatMap((w) => (w.rank != null ? [{ x: cx(w), y: rankY(w.rank) }] : [])))}
        strokeWidth={8}
        strokeLinecap="round"
        className="stroke-brand-600 dark:stroke-brand-500"
      />
      {[2, 6, 10].map((half) => (
        <g key={`avg-${half}`}>
          <line
            x1={M.left}
            x2={WIDTH - M.right}
            y1={avgY(half)}
            y2={avgY(half)}
            className="stroke-zinc-200 dark:stroke-zinc-800"
          />
          <text
            x={WIDTH - M.right + 6}
            y={avgY(half)}
            dy="0.32em"
            className="fill-current text-[11px]"
          >
            {half / 2}★
          </text>
        </g>
      ))}
      <path
        d={barsPath(
          weeks.map((w) => ({
            x: x(w.week) ?? 0,
            width: x.bandwidth(),
            top: receptionBottom - countH(w.ratings),
            bottom: receptionBottom,
          })),
        )}
        className="fill-zinc-400/60 dark:fill-zinc-500/60"
      />
      <path
        d={avgPath}
        fill="none"
        strokeWidth={2}
        strokeDasharray="5 3"
        className="stroke-zinc-900 dark:stroke-zinc-100"
      />
      <text
        x={M.left - 8}
        y={receptionBottom}
        textAnchor="end"
        className="fill-current text-[11px]"
      >
        0
      </text>
      <text
        x={M.left - 8}
        y={RECEPTION_TOP}
        dy="0.8em"
        textAnchor="end"
        className="fill-current text-[11px]"
      >
        {maxRatings}
      </text>
      {maxViews > 0 ? (
        <text x={WIDTH - M.right + 6} y={M.top} dy="0.8em" className="fill-current text-[10px]">
          {formatCompact(maxViews)} views
        </text>
      ) : null}
      <WeekLabels items={weeks} everyNth={everyNth} x={cx} y={HEIGHT - M.bottom + 18} />
      <text x={M.left} y={HEIGHT - 6} className="fill-current text-[10px]">
        bars below: ratings posted that week · dashed line: average so far
      </text>
    </svg>
  );
}
