/**
 * Comments: on the reviews people like, some replying to an earlier comment on the same review,
 * a few deleted; their text in the commenter's language.
 */
import type { Catalogue } from "./catalogue";
import { DAY, iso } from "./common";
import type { Likes } from "./likes";
import type { ScaleOptions } from "./options";
import type { Progress } from "./progress";
import { Alias, type Random } from "./random";
import type { Reviews } from "./reviews";
import { insertBatches, type Run } from "./sql";
import { makeText } from "./text";
import type { Users } from "./users";

export type Comments = {
  C: number;
  comR: number[];
  comU: number[];
  comAt: number[];
  /** The comments in the order of their ids. */
  comOrder: Int32Array;
  comId: Int32Array;
  /** 0: none */
  comParent: Int32Array;
  comDeleted: Uint8Array;
};

export async function generateComments(
  run: Run,
  rng: Random,
  options: ScaleOptions,
  { end: END }: Catalogue,
  { joined, readerAlias }: Users,
  { revWords, revAt }: Reviews,
  { likeWeight, likeCount }: Likes,
): Promise<Comments> {
  const comR: number[] = [];
  const comU: number[] = [];
  const comAt: number[] = [];
  if (options.comments > 0) {
    const weights = Float64Array.from(likeWeight, (w, i) =>
      w === 0 ? 0 : (likeCount[i]! + 0.3) * (revWords[i]! > 0 ? 1 : 0.2),
    );
    const commentAlias = new Alias(weights);
    for (let c = 0; c < options.comments; c++) {
      const i = commentAlias.sample(rng);
      const u = readerAlias.sample(rng);
      comR.push(i);
      comU.push(u);
      comAt.push(Math.min(Math.max(revAt[i]!, joined[u]!) + rng.exponential(10 * DAY), END));
    }
  }
  const C = comR.length;
  const comOrder = Int32Array.from({ length: C }, (_, i) => i).sort(
    (a, b) => comAt[a]! - comAt[b]! || a - b,
  );
  const [{ next: firstCommentId } = { next: 1 }] = await run(
    "select coalesce(max(id), 0) + 1 as next from review_comments",
  );
  const comId = new Int32Array(C);
  const comParent = new Int32Array(C);
  const comDeleted = new Uint8Array(C);
  const roots = new Map<number, number[]>();
  comOrder.forEach((ci, rank) => {
    const id = Number(firstCommentId) + rank;
    comId[ci] = id;
    const earlier = roots.get(comR[ci]!);
    if (earlier && rng.chance(0.3)) comParent[ci] = rng.pick(earlier);
    else if (earlier) earlier.push(id);
    else roots.set(comR[ci]!, [id]);
    if (rng.chance(0.03)) comDeleted[ci] = 1;
  });
  return { C, comR, comU, comAt, comOrder, comId, comParent, comDeleted };
}

export async function writeComments(
  run: Run,
  progress: Progress,
  rng: Random,
  { end: END }: Catalogue,
  { userId, userLang }: Users,
  { reviewId }: Reviews,
  { C, comOrder, comId, comR, comU, comParent, comAt, comDeleted }: Comments,
) {
  await insertBatches(
    run,
    progress,
    "comments",
    `insert into review_comments (id, review_id, user_id, parent_id, body, created_at, deleted_at)
     select i, r, u, p, b, c, d
     from json_to_recordset($1::json) as x(i int, r int, u text, p int, b text, c timestamptz, d timestamptz)`,
    C,
    (rank) => {
      const c = comOrder[rank]!;
      const words = Math.max(
        1,
        Math.min(300, Math.round(Math.exp(Math.log(12) + 0.9 * rng.normal()))),
      );
      return {
        i: comId[c],
        r: reviewId[comR[c]!],
        u: userId[comU[c]!],
        p: comParent[c] || null,
        b: makeText(rng, userLang[comU[c]!]!, words, 2000),
        c: iso(comAt[c]!),
        d: comDeleted[c] ? iso(Math.min(comAt[c]! + rng.exponential(5 * DAY), END)) : null,
      };
    },
  );
}
