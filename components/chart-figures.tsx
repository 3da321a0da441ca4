import type { ChartRow } from "@/db/queries/charts";
import { movementLabel, movementOf, movementText } from "@/lib/top10/movement";
import { formatCompact } from "@/lib/top10/summary";

// Styled by `table.data[data-figures="4"]` in globals.css: these five columns end every chart
// table, the last four right-aligned; no classes per cell.
const Missing = () => <span className="muted">—</span>;

function Figure({ value }: { value: number | null }) {
  return value == null ? <Missing /> : <data value={value}>{formatCompact(value)}</data>;
}

/** The column headers of a chart row's figures, shared by every chart table (`table.data`). */
export function ChartFigureHeaders() {
  return (
    <>
      <th scope="col">Movement</th>
      <th scope="col">Views</th>
      <th scope="col">Hours</th>
      <th scope="col">Weeks in Top 10</th>
      <th scope="col">Countries</th>
    </>
  );
}

/** A chart row's figures: movement (read out in words), views, hours, weeks and countries. */
export function ChartFigureCells({ row }: { row: ChartRow }) {
  const m = movementOf(row.rank, row.previousRank, row.cumulativeWeeks);
  return (
    <>
      <td>
        <span aria-hidden="true">{movementText(m)}</span>
        <span className="sr-only">{movementLabel(m)}</span>
      </td>
      <td>
        <Figure value={row.views} />
      </td>
      <td>
        <Figure value={row.hoursViewed} />
      </td>
      <td>{row.cumulativeWeeks}</td>
      <td>{row.countries ?? <Missing />}</td>
    </>
  );
}
