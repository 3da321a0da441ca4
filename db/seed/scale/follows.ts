/** Follows: readers following the active writers, the busiest profile most of all. */
import type { Catalogue } from "./catalogue";
import { iso } from "./common";
import type { ScaleOptions } from "./options";
import type { Progress } from "./progress";
import { Alias, type Random } from "./random";
import { insertBatches, type Run } from "./sql";
import type { Users } from "./users";

export type Follow = { a: number; b: number; at: number };

export function generateFollows(
  rng: Random,
  options: ScaleOptions,
  { end: END }: Catalogue,
  { U, activity, joined, readerAlias }: Users,
): Follow[] {
  const follow: Follow[] = [];
  if (options.follows > 0) {
    const followeeAlias = new Alias(Float64Array.from(activity, (a, u) => (u === 0 ? a * 50 : a)));
    const seen = new Set<number>();
    for (
      let attempts = 0;
      follow.length < options.follows && attempts < options.follows * 4;
      attempts++
    ) {
      const a = readerAlias.sample(rng);
      const b = followeeAlias.sample(rng);
      const key = a * U + b;
      if (a === b || seen.has(key)) continue;
      seen.add(key);
      const from = Math.max(joined[a]!, joined[b]!);
      follow.push({ a, b, at: from + (END - from) * rng.next() });
    }
  }
  return follow;
}

export async function writeFollows(
  run: Run,
  progress: Progress,
  { userId }: Users,
  follow: Follow[],
) {
  await insertBatches(
    run,
    progress,
    "follows",
    `insert into follows (follower_id, followee_id, created_at)
     select a, b, c from json_to_recordset($1::json) as x(a text, b text, c timestamptz)`,
    follow.length,
    (i) => ({ a: userId[follow[i]!.a], b: userId[follow[i]!.b], c: iso(follow[i]!.at) }),
    { batchSize: 10_000 },
  );
}
