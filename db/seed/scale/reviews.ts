/**
 * The reviews: how many each user writes, which films (one review per user per film), ratings
 * J-shaped with film and viewer leanings, and their text in the writer's (or the film's) language.
 */
import { filmTime, type Catalogue } from "./catalogue";
import { dateOf, DAY, iso, LANGUAGES } from "./common";
import { ScaleRefusal, type ScaleOptions } from "./options";
import { fmt, type Progress } from "./progress";
import { Alias, Random } from "./random";
import { insertBatches, type Run } from "./sql";
import { makeText, type Language } from "./text";
import type { Users } from "./users";

export type Reviews = {
  R: number;
  revFilm: Int32Array;
  revUser: Int32Array;
  revRating: Int8Array;
  revAt: Float64Array;
  /** 0: rating only. */
  revWords: Int32Array;
  revLang: Uint8Array;
  /** 1 spoiler, 2 deleted, 4 has watched_on. */
  revFlags: Uint8Array;
  revDeletedAt: Float64Array;
  /** film * U + user → review index */
  pairs: Map<number, number>;
  /** The reviews in the order of their ids. */
  revOrder: Int32Array;
  reviewId: Int32Array;
  firstReviewId: number;
};

export async function generateReviews(
  run: Run,
  rng: Random,
  options: ScaleOptions,
  catalogue: Catalogue,
  users: Users,
): Promise<Reviews> {
  const { films, end: END, filmWeight, filmAlias, filmQuality } = catalogue;
  const { U, activity, joined, bias, userLang } = users;
  const F = films.length;
  // how many each user writes, then which films
  const R = options.reviews;
  const cap = Math.floor(F * 0.95);
  const busiestTarget = Math.min(cap, 5000, Math.max(1, Math.floor(R * 0.05)), R);
  if (R - busiestTarget > (U - 1) * cap) {
    throw new ScaleRefusal(
      `${fmt(R)} reviews cannot go to ${fmt(U)} users: one review per user per film, and there are ${fmt(F)} films.`,
    );
  }
  const perUser = new Int32Array(U);
  perUser[0] = busiestTarget;
  const writerWeights = Float64Array.from(activity, (a, u) => (u === 0 ? 0 : a));
  const writerAlias = new Alias(writerWeights);
  for (let left = R - busiestTarget; left > 0;) {
    const u = writerAlias.sample(rng);
    if (perUser[u]! >= cap) continue;
    perUser[u] = perUser[u]! + 1;
    left--;
  }

  const revFilm = new Int32Array(R);
  const revUser = new Int32Array(R);
  const revRating = new Int8Array(R);
  const revAt = new Float64Array(R);
  const revWords = new Int32Array(R);
  const revLang = new Uint8Array(R);
  const revFlags = new Uint8Array(R);
  const revDeletedAt = new Float64Array(R);
  const pairs = new Map<number, number>();
  let r = 0;
  const keys = new Float64Array(F);
  const idx = Int32Array.from({ length: F }, (_, i) => i);
  for (let u = 0; u < U; u++) {
    const k = perUser[u]!;
    if (k === 0) continue;
    const chosen: number[] = [];
    if (k <= F / 4) {
      const seen = new Set<number>();
      while (chosen.length < k) {
        const f = filmAlias.sample(rng);
        if (!seen.has(f)) {
          seen.add(f);
          chosen.push(f);
        }
      }
    } else {
      // weighted sampling without replacement (Efraimidis–Spirakis)
      for (let f = 0; f < F; f++) keys[f] = -Math.log(1 - rng.next()) / filmWeight[f]!;
      idx.sort((a, b) => keys[a]! - keys[b]!);
      for (let i = 0; i < k; i++) chosen.push(idx[i]!);
    }
    for (const f of chosen) {
      const film = films[f]!;
      revFilm[r] = f;
      revUser[r] = u;
      pairs.set(f * U + u, r);
      const at = Math.min(
        Math.max(filmTime(rng, END, film), joined[u]! + rng.exponential(10 * DAY)),
        END,
      );
      revAt[r] = at;
      // J-shaped: a few "hate" ratings, the rest around 4 stars with film and viewer leanings,
      // piled up at five stars by the ceiling
      revRating[r] = rng.chance(0.04)
        ? rng.chance(0.6)
          ? 1
          : 2
        : Math.min(
            10,
            Math.max(1, Math.round(2 * (4 + filmQuality[f]! + bias[u]! + 0.75 * rng.normal()))),
          );
      if (rng.chance(u === 0 ? 0.7 : 0.45)) {
        revWords[r] = Math.max(
          1,
          Math.min(1500, Math.round(Math.exp(Math.log(20) + 1.1 * rng.normal()))),
        );
        const own = userLang[u]!;
        const filmLang = film.lang as Language | null;
        const language =
          filmLang && filmLang !== own && LANGUAGES.includes(filmLang) && rng.chance(0.25)
            ? filmLang
            : own;
        revLang[r] = LANGUAGES.indexOf(language);
        if (rng.chance(0.06)) revFlags[r] = revFlags[r]! | 1;
      }
      if (rng.chance(0.3)) revFlags[r] = revFlags[r]! | 4;
      if (u !== 0 && rng.chance(0.01)) {
        revFlags[r] = revFlags[r]! | 2;
        revDeletedAt[r] = Math.min(at + rng.exponential(30 * DAY), END);
      }
      r++;
    }
  }
  // ids follow time, as a serial column does
  const revOrder = Int32Array.from({ length: R }, (_, i) => i).sort(
    (a, b) => revAt[a]! - revAt[b]! || a - b,
  );
  const [{ next: firstReviewId } = { next: 1 }] = await run(
    "select coalesce(max(id), 0) + 1 as next from reviews",
  );
  const reviewId = new Int32Array(R);
  revOrder.forEach((ri, rank) => (reviewId[ri] = Number(firstReviewId) + rank));
  return {
    R,
    revFilm,
    revUser,
    revRating,
    revAt,
    revWords,
    revLang,
    revFlags,
    revDeletedAt,
    pairs,
    revOrder,
    reviewId,
    firstReviewId: Number(firstReviewId),
  };
}

export async function writeReviews(
  run: Run,
  progress: Progress,
  options: ScaleOptions,
  { films }: Catalogue,
  { userId }: Users,
  reviews: Reviews,
) {
  const { R, revOrder, reviewId, revFilm, revUser, revRating, revWords, revLang } = reviews;
  const { revFlags, revAt, revDeletedAt } = reviews;
  // each body from its own stream, so the text does not shift the draws after it
  const bodyOf = (i: number) =>
    revWords[i]! > 0
      ? makeText(
          new Random(`${options.seed}:review:${i}`),
          LANGUAGES[revLang[i]!]!,
          revWords[i]!,
          10_000,
        )
      : null;
  await insertBatches(
    run,
    progress,
    "reviews",
    `insert into reviews (id, film_id, user_id, rating, body, contains_spoilers, watched_on, created_at, updated_at, deleted_at)
     select i, f, u, r, b, s, w, c, coalesce(d, c), d
     from json_to_recordset($1::json) as x(i int, f int, u text, r int2, b text, s bool, w date, c timestamptz, d timestamptz)`,
    R,
    (rank) => {
      const i = revOrder[rank]!;
      return {
        i: reviewId[i],
        f: films[revFilm[i]!]!.id,
        u: userId[revUser[i]!],
        r: revRating[i],
        b: bodyOf(i),
        s: (revFlags[i]! & 1) !== 0,
        w: revFlags[i]! & 4 ? dateOf(revAt[i]!) : null,
        c: iso(revAt[i]!),
        d: revFlags[i]! & 2 ? iso(revDeletedAt[i]!) : null,
      };
    },
  );
}
