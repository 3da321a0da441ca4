/**
 * Where a fact came from. Every fact a page shows has a source, kept per field in
 * `fact_sources`; a source may fill or correct a fact only where it ranks at least as high as the
 * source that set it, so a Netflix file never overwrites what an editor wrote.
 */
export type SourceId = string;

export const EDITORS: SourceId = "editors";
export const NETFLIX_TOP10: SourceId = "netflix-top10";
const ENGAGEMENT = "netflix-engagement:";
export const engagementSource = (periodId: string): SourceId => `${ENGAGEMENT}${periodId}`;

/** Higher wins: editors over Netflix's reports over the rounded runtimes of the Top 10 files. */
export function sourceRank(source: SourceId | undefined): number {
  if (!source) return 0;
  if (source === EDITORS) return 100;
  if (source.startsWith(ENGAGEMENT)) return 50;
  if (source === NETFLIX_TOP10) return 10;
  return 1;
}

/** May `source` set a field that `current` set before? Of two reports, the newer one wins. */
export function mayOverwrite(current: SourceId | undefined, source: SourceId): boolean {
  if (current && sourceRank(source) === sourceRank(current) && current.startsWith(ENGAGEMENT)) {
    return source >= current; // `netflix-engagement:2024H1` > `netflix-engagement:2023H2`
  }
  return sourceRank(source) >= sourceRank(current);
}

/** `2023H2` → `Jul–Dec 2023`. */
export function periodLabel(period: string): string | null {
  const m = /^(\d{4})H([12])$/.exec(period);
  if (!m) return null;
  return `${m[2] === "1" ? "Jan–Jun" : "Jul–Dec"} ${m[1]}`;
}

/** How a page names a source: "Netflix, What We Watched (Jul–Dec 2023)". */
export function sourceLabel(source: SourceId): string {
  if (source === EDITORS) return "Reelrank editors";
  if (source === NETFLIX_TOP10) return "Netflix Top 10 (runtime as Netflix rounds it)";
  if (source.startsWith("netflix-engagement:")) {
    const period = source.slice("netflix-engagement:".length);
    return `Netflix, What We Watched (${periodLabel(period) ?? period})`;
  }
  return source;
}

/** `fact_sources` for the fields of `facts` that have a value, all from one source. */
export function sourcesOf(
  facts: Record<string, unknown>,
  source: SourceId,
): Record<string, SourceId> {
  const out: Record<string, SourceId> = {};
  for (const [field, value] of Object.entries(facts)) if (value != null) out[field] = source;
  return out;
}
