/**
 * Matching a chart row to a film. Titles are not unique (two different films called "Ballerina"
 * charted in 2023 and 2024), and sources disagree on runtimes by a few minutes (Netflix counts
 * 94 minutes for a film that runs 92), so a row matches on title, the list's language, the year
 * and the runtime together — and when several films still fit, it is reported, never guessed.
 */

/** Case, accents, punctuation and spacing do not tell titles apart: `Love is in the Air` = `Love Is In The Air!`. */
export function normalizeTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC") // recompose Hangul syllables split into jamo by NFKD
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export type TitleCandidate = {
  id: number;
  title: string;
  originalTitle: string | null;
  /** Null when no source gives it. */
  year: number | null;
  runtimeMinutes: number | null;
  /** ISO 639-1; null when not known (titles the importer created). */
  originalLanguage: string | null;
  /** Which language lists it has charted on before: true English, false non-English, null neither. */
  chartedEnglish: boolean | null;
};

export type TitleQuery = {
  title: string;
  /** Other normalised forms the title may be printed under (`death wish 2018` for `Death Wish`). */
  alsoKnownAs?: string[];
  /** The list's language: Films (English) vs Films (Non-English); null when the source has none. */
  english: boolean | null;
  /** Netflix's runtime, when the file gives one. */
  runtimeMinutes: number | null;
  /** Year of the chart week: a film cannot chart before the year it came out. */
  weekYear: number | null;
  /** The title's release year, when the source states it (`Ballerina (2016)`). */
  year?: number | null;
};

export type MatchResult<T> =
  { kind: "match"; candidate: T } | { kind: "none" } | { kind: "ambiguous"; candidates: T[] };

/** Runtimes within 5 minutes (6 % for long films) count as the same film. */
export function runtimesAgree(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(5, Math.round(0.06 * Math.max(a, b)));
}

export function matchTitle<T extends TitleCandidate>(
  candidates: readonly T[],
  query: TitleQuery,
): MatchResult<T> {
  const keys = new Set([normalizeTitle(query.title), ...(query.alsoKnownAs ?? [])]);
  const fits = candidates.filter((c) => {
    if (
      !keys.has(normalizeTitle(c.title)) &&
      (!c.originalTitle || !keys.has(normalizeTitle(c.originalTitle)))
    )
      return false;
    const english = c.originalLanguage ? c.originalLanguage === "en" : c.chartedEnglish;
    if (english !== null && query.english !== null && english !== query.english) return false;
    if (c.year != null && query.weekYear != null && c.year > query.weekYear) return false;
    // sources disagree by a year around festival premieres and late releases
    if (c.year != null && query.year != null && Math.abs(c.year - query.year) > 1) return false;
    if (
      c.runtimeMinutes != null &&
      query.runtimeMinutes != null &&
      !runtimesAgree(c.runtimeMinutes, query.runtimeMinutes)
    ) {
      return false;
    }
    return true;
  });
  if (fits.length === 1) return { kind: "match", candidate: fits[0]! };
  if (fits.length === 0) return { kind: "none" };
  return { kind: "ambiguous", candidates: fits };
}
