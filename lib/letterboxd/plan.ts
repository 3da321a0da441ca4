/**
 * An export's rows gathered by film, with what each film's rows become in Reelrank: one review
 * (the latest review, its earlier ones as versions, or the rating alone), diary entries keyed so
 * that a second import finds them, an undated entry for a film only marked watched, and a
 * watchlist entry.
 */
import type {
  DiaryRow,
  LetterboxdExport,
  RatingRow,
  ReviewRow,
  WatchedRow,
  WatchlistRow,
} from "./parse";

export type KeyedDiaryRow = DiaryRow & { importKey: string };

/** Every row of one film (one Name and Year) of the export. */
export type FilmRows = {
  name: string;
  year: number | null;
  uri: string;
  diary: KeyedDiaryRow[];
  ratings: RatingRow[];
  reviews: ReviewRow[];
  watched: WatchedRow[];
  watchlist: WatchlistRow[];
};

export const filmKey = (name: string, year: number | null) =>
  `${name.normalize("NFC").toLowerCase()}\u0000${year ?? ""}`;

export const filmRowCount = (f: Omit<FilmRows, "name" | "year" | "uri">) =>
  f.diary.length + f.ratings.length + f.reviews.length + f.watched.length + f.watchlist.length;

/**
 * A diary row's import key: its Letterboxd URI (one per diary entry in Letterboxd's exports);
 * with the watched date when URIs repeat (a film's own URI, as other sites' exports write), and a
 * count when even that repeats. The same file gives the same keys every time.
 */
export function diaryImportKeys(diary: DiaryRow[]): KeyedDiaryRow[] {
  const uses = new Map<string, number>();
  const base = (r: DiaryRow) => r.uri || `${r.name}|${r.year ?? ""}`;
  for (const r of diary) uses.set(base(r), (uses.get(base(r)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return diary.map((r) => {
    let key = base(r);
    if ((uses.get(key) ?? 0) > 1) key = `${key}|${r.watchedDate ?? r.date}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return { ...r, importKey: n > 1 ? `${key}|${n}` : key };
  });
}

/** The export's rows by film, in the order films first appear. */
export function groupByFilm(e: LetterboxdExport): FilmRows[] {
  const films = new Map<string, FilmRows>();
  const film = (r: { name: string; year: number | null; uri: string }) => {
    const key = filmKey(r.name, r.year);
    let f = films.get(key);
    if (!f) {
      f = {
        name: r.name,
        year: r.year,
        uri: r.uri,
        diary: [],
        ratings: [],
        reviews: [],
        watched: [],
        watchlist: [],
      };
      films.set(key, f);
    }
    return f;
  };
  for (const r of diaryImportKeys(e.diary)) film(r).diary.push(r);
  for (const r of e.ratings) film(r).ratings.push(r);
  for (const r of e.reviews) film(r).reviews.push(r);
  // a watched or watchlist row carries the film's own URI: prefer it to a diary entry's
  for (const r of e.watched) Object.assign(film(r), { uri: r.uri || film(r).uri }).watched.push(r);
  for (const r of e.watchlist)
    Object.assign(film(r), { uri: r.uri || film(r).uri }).watchlist.push(r);
  return [...films.values()];
}

const when = (r: { date: string; watchedDate?: string | null; line: number }) =>
  `${r.watchedDate ?? r.date}|${r.date}|${String(r.line).padStart(8, "0")}`;

export type NotImported = {
  file: string;
  line: number;
  name: string;
  year: number | null;
  reason: string;
};

/** What a film's ratings and reviews become: one review, with its earlier versions. */
export type ReviewPlan = {
  review: {
    rating: number;
    body: string | null;
    watchedOn: string | null;
    createdAt: string;
  } | null;
  versions: { rating: number; body: string | null; watchedOn: string | null; replacedAt: string }[];
  /** Rows that went into the review (counted as created, or as already there). */
  used: { ratings: number; reviews: number };
  notImported: NotImported[];
};

export const MAX_REVIEW_TEXT = 10_000;

/**
 * Reelrank keeps one review per film, with a rating. The latest Letterboxd review becomes it
 * (its rating, or else the film's rating from ratings.csv); earlier reviews become its earlier
 * versions. A film rated but not reviewed gets a rating-only review (from ratings.csv, or else
 * the latest rated diary entry). A review without any rating cannot be stored.
 */
export function planReview(f: FilmRows): ReviewPlan {
  const notImported: NotImported[] = [];
  const skip = (file: string, r: { line: number }, reason: string) =>
    notImported.push({ file, line: r.line, name: f.name, year: f.year, reason });
  const latestRating = [...f.ratings].sort((a, b) => when(a).localeCompare(when(b))).at(-1);
  const reviews = [...f.reviews]
    .filter((r) => {
      if (r.review.length > MAX_REVIEW_TEXT) {
        skip(
          "reviews.csv",
          r,
          `review longer than ${MAX_REVIEW_TEXT.toLocaleString("en-US")} characters`,
        );
        return false;
      }
      return true;
    })
    .sort((a, b) => when(a).localeCompare(when(b)));
  const latest = reviews.at(-1);
  if (latest) {
    const rating = latest.rating ?? latestRating?.rating ?? null;
    if (rating == null) {
      for (const r of reviews) skip("reviews.csv", r, "review without a rating");
      return { review: null, versions: [], used: { ratings: 0, reviews: 0 }, notImported };
    }
    const versions: ReviewPlan["versions"] = [];
    const earlier = reviews.slice(0, -1);
    earlier.forEach((r, i) => {
      if (r.rating == null) return skip("reviews.csv", r, "review without a rating");
      const next = reviews[i + 1]!;
      versions.push({
        rating: r.rating,
        body: r.review || null,
        watchedOn: r.watchedDate,
        replacedAt: next.date,
      });
    });
    return {
      review: {
        rating,
        body: latest.review || null,
        watchedOn: latest.watchedDate,
        createdAt: latest.date,
      },
      versions,
      used: {
        ratings: f.ratings.length,
        reviews: versions.length + 1,
      },
      notImported,
    };
  }
  const rated =
    latestRating ??
    [...f.diary]
      .filter((d) => d.rating != null)
      .sort((a, b) => when(a).localeCompare(when(b)))
      .at(-1);
  if (!rated || rated.rating == null)
    return { review: null, versions: [], used: { ratings: 0, reviews: 0 }, notImported };
  return {
    review: {
      rating: rated.rating,
      body: null,
      watchedOn: "watchedDate" in rated ? rated.watchedDate : null,
      createdAt: rated.date,
    },
    versions: [],
    used: { ratings: f.ratings.length, reviews: 0 },
    notImported,
  };
}
