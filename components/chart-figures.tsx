import type { ChartRow } from "@/db/queries/charts";
import { movementLabel, movementOf, movementText } from "@/lib/top10/movement";
import { formatCompact } from "@/lib/top10/summary";

const Missing = () => <span className="text-zinc-600 dark:text-zinc-400">—</span>;

function Figure({ value }: { value: number | null }) {
  return value == null ? <Missing /> : <data value={value}>{formatCompact(value)}</data>;
}

/** The column headers of a chart row's figures, shared by every chart table. */
export function ChartFigureHeaders() {
  const th = "py-2 pr-3 font-medium";
  return (
    <>
      <th scope="col" className={th}>
        Movement
      </th>
      <th scope="col" className={`${th} text-right`}>
        Views
      </th>
      <th scope="col" className={`${th} text-right`}>
        Hours
      </th>
      <th scope="col" className={`${th} text-right`}>
        Weeks in Top 10
      </th>
      <th scope="col" className="py-2 text-right font-medium">
        Countries
      </th>
    </>
  );
}

/** A chart row's figures: movement (read out in words), views, hours, weeks and countries. */
export function ChartFigureCells({ row }: { row: ChartRow }) {
  const m = movementOf(row.rank, row.previousRank, row.cumulativeWeeks);
  return (
    <>
      <td className="py-2 pr-3">
        <span aria-hidden="true">{movementText(m)}</span>
        <span className="sr-only">{movementLabel(m)}</span>
      </td>
      <td className="py-2 pr-3 text-right">
        <Figure value={row.views} />
      </td>
      <td className="py-2 pr-3 text-right">
        <Figure value={row.hoursViewed} />
      </td>
      <td className="py-2 pr-3 text-right">{row.cumulativeWeeks}</td>
      <td className="py-2 text-right">{row.countries ?? <Missing />}</td>
    </>
  );
}
