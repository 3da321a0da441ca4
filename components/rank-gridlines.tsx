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
