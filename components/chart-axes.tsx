import { formatWeek } from "@/lib/top10/week";

/** The horizontal rank lines (#1, #5, #10…) with their labels, shared by the charts' SVGs. */
export function RankGridlines({
  ranks,
  y,
  left,
  right,
}: {
  ranks: readonly number[];
  y: (rank: number) => number;
  left: number;
  right: number;
}) {
  return ranks.map((rank) => (
    <g key={`rank-${rank}`}>
      <line
        x1={left}
        x2={right}
        y1={y(rank)}
        y2={y(rank)}
        className="stroke-zinc-200 dark:stroke-zinc-800"
      />
      <text
        x={left - 8}
        y={y(rank)}
        dy="0.32em"
        textAnchor="end"
        className="fill-current text-[11px]"
      >
        #{rank}
      </text>
    </g>
  ));
}

/** A week as the x axis names it: "Oct 9 – 15", the year left to the caption. */
export const shortWeek = (week: string) =>
  formatWeek(week)
    .replace(/, \d{4}$/, "")
    .replace(/, \d{4} – /, " – ");

/** Every `everyNth` week's label under the x axis. */
export function WeekLabels<T extends { week: string }>({
  items,
  everyNth,
  x,
  y,
}: {
  items: readonly T[];
  everyNth: number;
  x: (item: T) => number;
  y: number;
}) {
  return (
    <g className="fill-current text-[11px]" textAnchor="middle">
      {items.map((item, i) =>
        i % everyNth === 0 ? (
          <text key={item.week} x={x(item)} y={y}>
            {shortWeek(item.week)}
          </text>
        ) : null,
      )}
    </g>
  );
}

/**
 * Vertical bars as one path's data (`M x y h w v h h -w z` each): a run of many weeks stays one
 * element, not a rect per week (each element is sent twice: in the HTML and in the RSC payload).
 */
export function barsPath(
  bars: readonly { x: number; width: number; top: number; bottom: number }[],
) {
  return bars
    .filter((b) => b.bottom > b.top)
    .map((b) => `M${b.x} ${b.top}h${b.width}V${b.bottom}H${b.x}z`)
    .join("");
}

/** Dots as one path's data: zero-length segments that a round line cap draws as circles. */
export function dotsPath(points: readonly { x: number; y: number }[]) {
  return points.map((p) => `M${p.x} ${p.y}h0`).join("");
}
