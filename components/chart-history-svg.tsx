import { scaleBand, scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { formatCompact } from "@/lib/top10/summary";
import { barsPath, dotsPath, RankGridlines, WeekLabels } from "./chart-axes";

export type ChartPoint = { week: string; rank: number; views: number | null; hoursViewed: number };

const WIDTH = 720;
const HEIGHT = 260;
const M = { top: 24, right: 56, bottom: 44, left: 40 };
/** Up to this many weeks, every dot has its rank over it. */
const RANK_LABELS_MAX = 20;

/**
 * Rank by week (#1 at the top) as a line, with views (or hours, before Netflix published views)
 * as bars behind it. Rendered on the server; the table beside it carries the same figures.
 */
export function ChartHistorySvg({ points, title }: { points: ChartPoint[]; title: string }) {
  const useViews = points.some((p) => p.views != null);
  const measure = (p: ChartPoint) => (useViews ? (p.views ?? 0) : p.hoursViewed);
  const x = scaleBand<string>()
    .domain(points.map((p) => p.week))
    .range([M.left, WIDTH - M.right])
    .padding(0.35)
    .round(true);
  const y = scaleLinear()
    .domain([1, 10])
    .rangeRound([M.top, HEIGHT - M.bottom]);
  const maxMeasure = Math.max(...points.map(measure), 1);
  const bar = scaleLinear()
    .domain([0, maxMeasure])
    .rangeRound([0, HEIGHT - M.bottom - M.top])
    .nice();
  const cx = (p: ChartPoint) => (x(p.week) ?? 0) + x.bandwidth() / 2;
  const path =
    line<ChartPoint>()
      .x(cx)
      .y((p) => y(p.rank))(points) ?? "";
  const everyNth = Math.ceil(points.length / 8);

  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="h-auto w-full text-zinc-700 dark:text-zinc-300"
      role="img"
      aria-labelledby="chart-svg-title"
    >
      <title id="chart-svg-title">{title}</title>
      <RankGridlines ranks={[1, 3, 5, 7, 10]} y={y} left={M.left} right={WIDTH - M.right} />
      <path
        d={barsPath(
          points.map((p) => ({
            x: x(p.week) ?? 0,
            width: x.bandwidth(),
            top: HEIGHT - M.bottom - bar(measure(p)),
            bottom: HEIGHT - M.bottom,
          })),
        )}
        className="fill-brand-500/20"
      />
      <path
        d={path}
        fill="none"
        strokeWidth={2.5}
        className="stroke-brand-600 dark:stroke-brand-500"
      />
      <path
        d={dotsPath(points.map((p) => ({ x: cx(p), y: y(p.rank) })))}
        strokeWidth={10}
        strokeLinecap="round"
        className="stroke-brand-600 dark:stroke-brand-500"
      />
      {/* a rank over every dot while they fit; a long run's ranks are in the table */}
      <g className="fill-current text-[11px] font-semibold" textAnchor="middle">
        {points.map((p, i) =>
          points.length <= RANK_LABELS_MAX || i % everyNth === 0 ? (
            <text key={p.week} x={cx(p)} y={y(p.rank)} dy="-0.8em">
              #{p.rank}
            </text>
          ) : null,
        )}
      </g>
      <WeekLabels items={points} everyNth={everyNth} x={cx} y={HEIGHT - M.bottom + 18} />
      <text x={WIDTH - M.right + 8} y={HEIGHT - M.bottom} className="fill-current text-[11px]">
        0
      </text>
      <text
        x={WIDTH - M.right + 8}
        y={HEIGHT - M.bottom - bar(bar.domain()[1]!)}
        dy="0.8em"
        className="fill-current text-[11px]"
      >
        {formatCompact(bar.domain()[1]!)}
      </text>
      <text x={WIDTH - M.right + 8} y={HEIGHT - 8} className="fill-current text-[10px]">
        bars: {useViews ? "views" : "hours"}
      </text>
    </svg>
  );
}
