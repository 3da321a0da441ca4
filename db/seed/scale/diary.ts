/**
 * The diary (logs of reviewed films linked to the review, rewatches, unrated watches) and the
 * watchlists, which hold only films their owner has not logged.
 */
import { filmTime, type Catalogue } from "./catalogue";
import { dateOf, DAY, iso } from "./common";
import type { ScaleOptions } from "./options";
import type { Progress } from "./progress";
import type { Random } from "./random";
import type { Reviews } from "./reviews";
import { insertBatches, type Run } from "./sql";
import type { Users } from "./users";

const TAGS = [
  "netflix",
  "with friends",
  "rewatch",
  "cinema",
  "date night",
  "한국영화",
  "アニメ",
  "noche de cine",
  "comfort",
  "🍿",
];

export type Log = {
  u: number;
  f: number;
  on: number | null;
  rating: number | null;
  review: number | null;
  rewatch: boolean;
  tags: string[];
};

export type Diary = {
  logs: Log[];
  /** film * U + user → when last watched (0: watched, no date) */
  logged: Map<number, number>;
};

export function generateDiary(
  rng: Random,
  options: ScaleOptions,
  { films, end: END, filmAlias }: Catalogue,
  { U, joined, readerAlias }: Users,
  { R, revRating, revUser, revFlags, revFilm, revAt, pairs }: Reviews,
): Diary {
  const logs: Log[] = [];
  const logged = new Map<number, number>();
  const addLog = (u: number, f: number, on: number | null, review: number | null) => {
    const key = f * U + u;
    const before = logged.get(key);
    const rewatch = before !== undefined;
    let when = on;
    if (rewatch && on != null) when = Math.min(before + 30 * DAY + rng.exponential(200 * DAY), END);
    if (when != null) logged.set(key, when);
    else if (!rewatch) logged.set(key, 0);
    const tags: string[] = [];
    if (rng.chance(0.12)) for (let t = 1 + rng.int(3); t > 0; t--) tags.push(rng.pick(TAGS));
    logs.push({
      u,
      f,
      on: when,
      rating: review == null ? null : revRating[review]!,
      review,
      rewatch,
      tags: [...new Set(tags)],
    });
  };
  if (options.diary > 0) {
    const busiestDiary = Math.min(5000, Math.floor(options.diary * 0.3));
    const mine: number[] = [];
    for (let i = 0; i < R; i++) if (revUser[i] === 0 && !(revFlags[i]! & 2)) mine.push(i);
    for (let n = 0; n < busiestDiary && mine.length > 0; n++) {
      const i = n < mine.length ? mine[n]! : rng.pick(mine);
      addLog(0, revFilm[i]!, revAt[i]!, i);
    }
    const filmPick = filmAlias;
    for (
      let attempts = 0;
      logs.length < options.diary && attempts < options.diary * 4;
      attempts++
    ) {
      if (rng.chance(0.85)) {
        const i = rng.int(R);
        if (revFlags[i]! & 2 || revUser[i] === 0) continue;
        addLog(revUser[i]!, revFilm[i]!, revAt[i]!, i);
      } else {
        const u = readerAlias.sample(rng);
        const f = filmPick.sample(rng);
        if (u === 0) continue;
        const review = pairs.get(f * U + u);
        const live = review !== undefined && !(revFlags[review]! & 2) ? review : null;
        const on = rng.chance(0.03) && live == null ? null : filmTime(rng, END, films[f]!);
        addLog(u, f, on == null ? null : Math.min(Math.max(on, joined[u]!), END), live);
      }
    }
  }
  return { logs, logged };
}

export type WatchlistEntry = { u: number; f: number; at: number };

export function generateWatchlist(
  rng: Random,
  options: ScaleOptions,
  { end: END, filmAlias }: Catalogue,
  { U, joined, readerAlias }: Users,
  { logged }: Diary,
): WatchlistEntry[] {
  const watch: WatchlistEntry[] = [];
  if (options.watchlist > 0) {
    const seen = new Set<number>();
    for (
      let attempts = 0;
      watch.length < options.watchlist && attempts < options.watchlist * 4;
      attempts++
    ) {
      const u = readerAlias.sample(rng);
      const f = filmAlias.sample(rng);
      const key = f * U + u;
      // logging a film takes it off the watchlist
      if (seen.has(key) || logged.has(key)) continue;
      seen.add(key);
      watch.push({ u, f, at: joined[u]! + (END - joined[u]!) * rng.next() });
    }
  }
  return watch;
}

export async function writeDiary(
  run: Run,
  progress: Progress,
  rng: Random,
  { films, end: END }: Catalogue,
  { userId, joined }: Users,
  { reviewId }: Reviews,
  { logs }: Diary,
) {
  await insertBatches(
    run,
    progress,
    "diary",
    `insert into diary_entries (user_id, film_id, watched_on, rating, rewatch, review_id, tags, created_at, updated_at)
     select u, f, w, r, x.rw, ri, array(select json_array_elements_text(t)), c, c
     from json_to_recordset($1::json) as x(u text, f int, w date, r int2, rw bool, ri int, t json, c timestamptz)`,
    logs.length,
    (l) => {
      const entry = logs[l]!;
      return {
        u: userId[entry.u],
        f: films[entry.f]!.id,
        w: entry.on == null ? null : dateOf(entry.on),
        r: entry.rating,
        rw: entry.rewatch,
        ri: entry.review == null ? null : reviewId[entry.review],
        t: entry.tags,
        c: iso(entry.on ?? joined[entry.u]! + (END - joined[entry.u]!) * rng.next()),
      };
    },
  );
}

export async function writeWatchlist(
  run: Run,
  progress: Progress,
  { films }: Catalogue,
  { userId }: Users,
  watch: WatchlistEntry[],
) {
  await insertBatches(
    run,
    progress,
    "watchlist",
    `insert into watchlist_entries (user_id, film_id, added_at)
     select u, f, c from json_to_recordset($1::json) as x(u text, f int, c timestamptz)`,
    watch.length,
    (w) => ({ u: userId[watch[w]!.u], f: films[watch[w]!.f]!.id, c: iso(watch[w]!.at) }),
    { batchSize: 10_000 },
  );
}
