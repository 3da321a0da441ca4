/**
 * A user's Reelrank data as a .zip: CSV files with Letterboxd's names and columns where
 * Letterboxd has them (so the files import elsewhere, and back here), and `reelrank.json` with
 * everything, versions and revisions included.
 */
import { stringify } from "csv-stringify/sync";
import { strToU8, zipSync } from "fflate";
import { halfStarsToStars } from "../rating";
import { LETTERBOXD_COLUMNS } from "./parse";

type FilmRef = { title: string; year: number | null; url: string };

export type ExportData = {
  profile: {
    name: string;
    handle: string;
    email: string;
    url: string;
    createdAt: string;
    diaryAudience: string;
    watchlistAudience: string;
    listsAudience: string;
  };
  diary: (FilmRef & {
    loggedAt: string;
    watchedOn: string | null;
    rating: number | null;
    rewatch: boolean;
    tags: string[];
    review: string | null;
  })[];
  reviews: (FilmRef & {
    reviewUrl: string;
    rating: number;
    body: string | null;
    containsSpoilers: boolean;
    watchedOn: string | null;
    createdAt: string;
    updatedAt: string;
    editedAt: string | null;
    deletedAt: string | null;
    versions: {
      rating: number;
      body: string | null;
      containsSpoilers: boolean;
      watchedOn: string | null;
      replacedAt: string;
    }[];
  })[];
  watchlist: (FilmRef & { addedAt: string })[];
  lists: {
    slug: string;
    name: string;
    description: string | null;
    ranked: boolean;
    isPrivate: boolean;
    url: string;
    createdAt: string;
    deletedAt: string | null;
    items: (FilmRef & { position: number; note: string | null })[];
  }[];
  comments: {
    reviewUrl: string;
    body: string;
    createdAt: string;
    editedAt: string | null;
    deletedAt: string | null;
    revisions: { body: string; replacedAt: string }[];
  }[];
  likedReviews: (FilmRef & { reviewUrl: string; author: string; likedAt: string })[];
  likedLists: { name: string; url: string; owner: string; likedAt: string }[];
  following: { handle: string; name: string; url: string; since: string }[];
  followers: { handle: string; name: string; url: string; since: string }[];
  blocked: { handle: string; name: string; since: string }[];
};

const day = (timestamp: string) => timestamp.slice(0, 10);
const stars = (half: number | null) => (half == null ? "" : String(halfStarsToStars(half)));

function csv(columns: readonly string[], rows: (string | number | null)[][]): string {
  return stringify([columns, ...rows.map((r) => r.map((v) => (v == null ? "" : v)))], {
    record_delimiter: "unix",
  });
}

/** Letterboxd's list file: the list's own row, a blank line, then its films. */
function listCsv(list: ExportData["lists"][number]): string {
  return (
    "Letterboxd list export v7\n" +
    csv(
      ["Date", "Name", "Tags", "URL", "Description"],
      [[day(list.createdAt), list.name, "", list.url, list.description]],
    ) +
    "\n" +
    csv(
      ["Position", "Name", "Year", "URL", "Description"],
      list.items.map((i) => [i.position, i.title, i.year, i.url, i.note]),
    )
  );
}

/** The files of the export by path, as text. */
export function exportFiles(data: ExportData): Record<string, string> {
  const live = data.reviews.filter((r) => !r.deletedAt);
  // a film is watched when it has a diary entry (a rating alone is not a watch here)
  const watched = new Map<string, FilmRef & { date: string }>();
  for (const d of data.diary) {
    const seen = watched.get(d.url);
    const date = day(d.loggedAt);
    if (!seen || date < seen.date)
      watched.set(d.url, { title: d.title, year: d.year, url: d.url, date });
  }
  const files: Record<string, string> = {
    "diary.csv": csv(
      LETTERBOXD_COLUMNS["diary.csv"],
      data.diary.map((d) => [
        day(d.loggedAt),
        d.title,
        d.year,
        d.url,
        stars(d.rating),
        d.rewatch ? "Yes" : "",
        d.tags.join(", "),
        d.watchedOn,
      ]),
    ),
    "ratings.csv": csv(
      LETTERBOXD_COLUMNS["ratings.csv"],
      live.map((r) => [day(r.updatedAt), r.title, r.year, r.url, stars(r.rating)]),
    ),
    "reviews.csv": csv(
      LETTERBOXD_COLUMNS["reviews.csv"],
      live
        .filter((r) => r.body)
        .map((r) => [
          day(r.createdAt),
          r.title,
          r.year,
          r.url,
          stars(r.rating),
          "",
          r.body,
          "",
          r.watchedOn,
        ]),
    ),
    "review-versions.csv": csv(
      ["Replaced At", "Name", "Year", "Letterboxd URI", "Rating", "Review", "Watched Date"],
      data.reviews.flatMap((r) =>
        r.versions.map((v) => [
          v.replacedAt,
          r.title,
          r.year,
          r.url,
          stars(v.rating),
          v.body,
          v.watchedOn,
        ]),
      ),
    ),
    "watched.csv": csv(
      LETTERBOXD_COLUMNS["watched.csv"],
      [...watched.values()].map((w) => [w.date, w.title, w.year, w.url]),
    ),
    "watchlist.csv": csv(
      LETTERBOXD_COLUMNS["watchlist.csv"],
      data.watchlist.map((w) => [day(w.addedAt), w.title, w.year, w.url]),
    ),
    "comments.csv": csv(
      ["Date", "Content", "Comment on"],
      data.comments.filter((c) => !c.deletedAt).map((c) => [day(c.createdAt), c.body, c.reviewUrl]),
    ),
    "likes/reviews.csv": csv(
      ["Date", "Name", "Year", "Letterboxd URI", "Author"],
      data.likedReviews.map((l) => [day(l.likedAt), l.title, l.year, l.reviewUrl, l.author]),
    ),
    "likes/lists.csv": csv(
      ["Date", "Name", "URL", "Owner"],
      data.likedLists.map((l) => [day(l.likedAt), l.name, l.url, l.owner]),
    ),
    "following.csv": csv(
      ["Date", "Username", "Name", "URL"],
      data.following.map((f) => [day(f.since), f.handle, f.name, f.url]),
    ),
    "followers.csv": csv(
      ["Date", "Username", "Name", "URL"],
      data.followers.map((f) => [day(f.since), f.handle, f.name, f.url]),
    ),
    "profile.csv": csv(
      ["Date Joined", "Username", "Given Name", "Email Address", "URL"],
      [
        [
          day(data.profile.createdAt),
          data.profile.handle,
          data.profile.name,
          data.profile.email,
          data.profile.url,
        ],
      ],
    ),
    "reelrank.json": JSON.stringify({ format: "reelrank-export", version: 1, ...data }, null, 2),
  };
  for (const list of data.lists.filter((l) => !l.deletedAt))
    files[`lists/${list.slug}.csv`] = listCsv(list);
  return files;
}

/** The export as a .zip. */
export function exportZip(data: ExportData): Uint8Array {
  const files = exportFiles(data);
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])),
    { level: 6 },
  );
}

/** `reelrank-minji-2026-11-29.zip`. */
export const exportFileName = (handle: string, today: string) => `reelrank-${handle}-${today}.zip`;
