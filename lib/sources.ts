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

/**
 * Higher wins: editors; then the open film databases (a film's own runtime and year, not
 * Netflix's count); Netflix's engagement reports; the 2021 catalogue snapshot; and last the
 * rounded runtimes of the Top 10 files.
 */
export function sourceRank(source: SourceId | undefined): number {
  if (!source) return 0;
  if (source === EDITORS) return 100;
  if (source.startsWith("wikidata:")) return 60;
  if (source.startsWith("tmdb:")) return 55;
  if (source.startsWith(ENGAGEMENT)) return 50;
  if (source.startsWith("netflix-titles:")) return 30;
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
  if (source.startsWith(ENGAGEMENT)) {
    const period = source.slice(ENGAGEMENT.length);
    return `Netflix, What We Watched (${periodLabel(period) ?? period})`;
  }
  const [kind, id] = source.split(":");
  if (kind === "wikidata") return `Wikidata (${id})`;
  if (kind === "tmdb") return `TMDB (movie ${id})`;
  if (kind === "netflix-titles") return "Netflix titles catalogue, 2021 (Kaggle)";
  return source;
}

/** Where a reader can check a source's facts, when it has a page. */
export function sourceUrl(source: SourceId): string | null {
  const [kind, id] = source.split(":");
  if (kind === "wikidata" && id && /^Q\d+$/.test(id)) return `https://www.wikidata.org/wiki/${id}`;
  if (kind === "tmdb" && id && /^\d+$/.test(id)) return `https://www.themoviedb.org/movie/${id}`;
  return null;
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

/** TMDB's terms ask every product using its API to show this notice where its data appears. */
export const TMDB_ATTRIBUTION =
  "This product uses the TMDB API but is not endorsed or certified by TMDB.";
