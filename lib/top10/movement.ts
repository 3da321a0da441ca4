/** Week-on-week movement on one list, as Netflix shows it. */
export type Movement =
  | { kind: "up" | "down"; by: number; from: number }
  | { kind: "same"; from: number }
  | { kind: "new" }
  | { kind: "re-entry" };

/**
 * `previousRank` is the title's rank on the same list the week before, if it was on it;
 * `cumulativeWeeks` is Netflix's count of weeks on the list including this one.
 */
export function movementOf(
  rank: number,
  previousRank: number | null,
  cumulativeWeeks: number,
): Movement {
  if (previousRank != null) {
    if (previousRank === rank) return { kind: "same", from: previousRank };
    return previousRank > rank
      ? { kind: "up", by: previousRank - rank, from: previousRank }
      : { kind: "down", by: rank - previousRank, from: previousRank };
  }
  return cumulativeWeeks <= 1 ? { kind: "new" } : { kind: "re-entry" };
}

/** `▲2`, `▼3`, `=`, `new`, `re-entry`. */
export function movementSymbol(m: Movement): string {
  switch (m.kind) {
    case "up":
      return `▲${m.by}`;
    case "down":
      return `▼${m.by}`;
    case "same":
      return "=";
    default:
      return m.kind;
  }
}

/** `▲2 from #3` — for tables and screen readers. */
export function movementText(m: Movement): string {
  switch (m.kind) {
    case "up":
    case "down":
      return `${movementSymbol(m)} from #${m.from}`;
    case "same":
      return `= (#${m.from} last week)`;
    default:
      return m.kind;
  }
}

/** The same, in words for assistive technology: `up 2 from #3`. */
export function movementLabel(m: Movement): string {
  switch (m.kind) {
    case "up":
      return `up ${m.by} from #${m.from}`;
    case "down":
      return `down ${m.by} from #${m.from}`;
    case "same":
      return `unchanged at #${m.from}`;
    case "new":
      return "new this week";
    case "re-entry":
      return "back on the list";
  }
}

type Placed = { rank: number; previousRank: number | null; cumulativeWeeks: number };

/**
 * A week's headlines across lists: titles new to the Top 10 (by rank) and the biggest climbers
 * (by places gained, then by rank). Re-entries are neither: they were here before.
 */
export function weekHighlights<T extends Placed>(
  rows: readonly T[],
  limit: number,
): { entries: T[]; climbers: (T & { by: number })[] } {
  const entries = rows
    .filter((r) => movementOf(r.rank, r.previousRank, r.cumulativeWeeks).kind === "new")
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit);
  const climbers = rows
    .flatMap((r) => {
      const m = movementOf(r.rank, r.previousRank, r.cumulativeWeeks);
      return m.kind === "up" ? [{ ...r, by: m.by }] : [];
    })
    .sort((a, b) => b.by - a.by || a.rank - b.rank)
    .slice(0, limit);
  return { entries, climbers };
}
