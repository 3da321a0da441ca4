/**
 * What a load generator remembers of its writes, and the comparison with what the database holds
 * afterwards. A write is `acknowledged` when the action answered success, `failed` when it answered
 * an error (it must have written nothing), `unknown` when no answer came (the server died or the
 * connection broke: it may or may not have committed).
 */

export type Outcome = "acknowledged" | "failed" | "unknown";

/** One post of a review: the first one creates it, later ones by the same author edit it. */
export type ReviewPost = {
  userId: string;
  filmId: number;
  /** In half stars, 1–10, as stored. */
  rating: number;
  body: string;
  outcome: Outcome;
};

/** A review row as the database has it, with its earlier versions oldest first. */
export type StoredReview = {
  userId: string;
  filmId: number;
  rating: number;
  body: string | null;
  deleted: boolean;
  revisions: { rating: number; body: string | null }[];
};

export type Reconciliation = {
  /** Posts the server acknowledged. */
  acknowledged: number;
  /** Acknowledged posts whose text and rating the database holds (as the review or a revision). */
  found: number;
  /** Posts without an answer that committed anyway (allowed: the kill came after the commit). */
  committedUnacknowledged: number;
  /** Everything that is wrong, as sentences; empty when nothing is lost or half-written. */
  problems: string[];
};

const key = (userId: string, filmId: number) => `${userId}/${filmId}`;

/**
 * Compares the posts with the reviews. Each author's posts of one film must have been sent one
 * after another (the next only after the previous answered), in the order given. Then the review
 * must be the last post that committed, its revisions the earlier committed ones in order, every
 * acknowledged post among them, and no failed post anywhere. `reviews` may include rows of other
 * authors or films: only the keys the posts name are looked at.
 */
export function reconcileReviews(posts: ReviewPost[], reviews: StoredReview[]): Reconciliation {
  const byKey = new Map<string, ReviewPost[]>();
  for (const p of posts) {
    const list = byKey.get(key(p.userId, p.filmId)) ?? [];
    list.push(p);
    byKey.set(key(p.userId, p.filmId), list);
  }
  const stored = new Map(reviews.map((r) => [key(r.userId, r.filmId), r]));
  const problems: string[] = [];
  let acknowledged = 0;
  let found = 0;
  let committedUnacknowledged = 0;

  for (const [k, list] of byKey) {
    const acked = list.filter((p) => p.outcome === "acknowledged");
    acknowledged += acked.length;
    const review = stored.get(k);
    if (!review) {
      if (acked.length) problems.push(`${k}: ${acked.length} acknowledged post(s) but no review`);
      continue;
    }
    // the versions the database holds, oldest first
    const versions = [...review.revisions, { rating: review.rating, body: review.body }];
    if (review.deleted) problems.push(`${k}: the review is marked deleted; nothing deleted it`);
    // walk the posts in order, matching each committed one to the next version
    let v = 0;
    for (const p of list) {
      const version = versions[v];
      const matches = version && version.body === p.body && version.rating === p.rating;
      if (matches) {
        v++;
        if (p.outcome === "acknowledged") found++;
        else if (p.outcome === "unknown") committedUnacknowledged++;
        else problems.push(`${k}: a post answered with an error is stored ("${p.body}")`);
      } else if (p.outcome === "acknowledged") {
        problems.push(
          `${k}: acknowledged "${p.body}" (rating ${p.rating}) is missing; ` +
            `the database has ${version ? `"${version.body}" (rating ${version.rating})` : "nothing more"} there`,
        );
      }
    }
    if (v < versions.length) {
      problems.push(
        `${k}: ${versions.length - v} stored version(s) match no post, first "${versions[v]!.body}"`,
      );
    }
  }
  return { acknowledged, found, committedUnacknowledged, problems };
}

/** `acknowledged 120, found 120 (+3 unacknowledged that committed before the kill)`. */
export function reconciliationLine(r: Reconciliation): string {
  return (
    `acknowledged ${r.acknowledged}, found ${r.found} ` +
    `(+${r.committedUnacknowledged} unacknowledged that committed before the kill)`
  );
}
