import { scaleBand, scaleLinear } from "d3-scale";
import { averageStars, HALF_STAR_VALUES, starsLabel, type RatingStats } from "@/lib/rating";
import { plural } from "@/lib/format";
import { Stars } from "./ui/stars";

const W = 320;
const H = 96;

/** Ratings per half star, 0.5 to 5, as server-rendered bars. */
export function RatingHistogram({ stats, label }: { stats: RatingStats; label: string }) {
  const x = scaleBand<number>().domain(HALF_STAR_VALUES).range([0, W]).padding(0.15).round(true);
  const max = Math.max(...stats.histogram, 1);
  const y = scaleLinear()
    .domain([0, max])
    .rangeRound([0, H - 18]);
  const description = HALF_STAR_VALUES.map(
    (v) => `${starsLabel(v)}: ${stats.histogram[v - 1] ?? 0}`,
  ).join(", ");
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="h-auto w-full max-w-xs"
      role="img"
      aria-label={`${label}. ${description}`}
    >
      {HALF_STAR_VALUES.map((v) => {
        const n = stats.histogram[v - 1] ?? 0;
        const h = Math.max(n > 0 ? 2 : 1, y(n));
        return (
          <g key={v}>
            <rect
              x={x(v)}
              width={x.bandwidth()}
              y={H - 16 - h}
              height={h}
              rx={2}
              className={n > 0 ? "fill-amber-500" : "fill-zinc-200 dark:fill-zinc-800"}
            />
            {v % 2 === 1 || v === 10 ? (
              <text
                x={(x(v) ?? 0) + x.bandwidth() / 2}
                y={H - 3}
                textAnchor="middle"
                className="fill-zinc-600 text-[10px] dark:fill-zinc-400"
              >
                {v / 2}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

/** Average (one decimal), number of ratings and their distribution. */
export function RatingSummary({ stats, title }: { stats: RatingStats; title: string }) {
  const average = averageStars(stats);
  return (
    <section aria-labelledby="ratings-heading" className="mt-10">
      <h2 id="ratings-heading" className="text-xl font-semibold">
        Viewer ratings
      </h2>
      {average == null ? (
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">
          No ratings yet. Be the first to rate {title}.
        </p>
      ) : (
        <div className="mt-3 flex flex-wrap items-end gap-8">
          <div>
            <p className="text-4xl font-bold tabular-nums" data-testid="rating-average">
              {average.toFixed(1)}
              <span className="text-base font-normal text-zinc-600 dark:text-zinc-400"> / 5</span>
            </p>
            <Stars halfStars={Math.round(average * 2)} />
            <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300" data-testid="rating-count">
              {plural(stats.count, "rating")}
            </p>
          </div>
          <RatingHistogram stats={stats} label={`Ratings of ${title}`} />
        </div>
      )}
    </section>
  );
}
