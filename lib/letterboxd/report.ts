/** What a Letterboxd import reports, per kind of row, and the films it could not match. */
import type { FilmRows, NotImported } from "./plan";

export type Count = { created: number; existing: number };
export type ImportReport = {
  films: { matched: number; unmatched: number; resolved: number; skipped: number };
  diary: Count;
  ratings: Count;
  reviews: Count;
  watched: Count;
  watchlist: Count;
  notImported: NotImported[];
};
export type Candidate = { filmId: number; slug: string; title: string; year: number | null };
export type UnmatchedRows = Omit<FilmRows, "name" | "year" | "uri">;

/** A job still "running" this long after it started was cut off (the server stopped). */
export const STALE_AFTER_MS = 30 * 60_000;

const count = (): Count => ({ created: 0, existing: 0 });
export const emptyReport = (): ImportReport => ({
  films: { matched: 0, unmatched: 0, resolved: 0, skipped: 0 },
  diary: count(),
  ratings: count(),
  reviews: count(),
  watched: count(),
  watchlist: count(),
  notImported: [],
});

export const emptyRows = (): UnmatchedRows => ({
  diary: [],
  ratings: [],
  reviews: [],
  watched: [],
  watchlist: [],
});
