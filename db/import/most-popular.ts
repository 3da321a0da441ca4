/** Imports Netflix's all-time most popular lists. */
import { eq, sql } from "drizzle-orm";
import type { MostPopularRow } from "../../lib/top10/parse";
import type { Executor } from "../index";
import { mostPopularEntries } from "../schema";
import { TitleResolver } from "./titles";

export async function importMostPopular(tx: Executor, rows: MostPopularRow[]) {
  const resolver = new TitleResolver(tx);
  await resolver.load();
  const existing = new Map(
    (await tx.select().from(mostPopularEntries)).map((e) => [`${e.list}|${e.rank}`, e]),
  );
  let added = 0;
  let updated = 0;
  const resolved = rows.map((row) => {
    const old = existing.get(`${row.list}|${row.rank}`);
    const same =
      old &&
      old.showTitle === row.showTitle &&
      old.seasonTitle === row.seasonTitle &&
      (old.filmId || old.seasonId);
    // The all-time lists have no week, so no year bounds the match.
    return same ? null : resolver.resolve(row, null);
  });
  await resolver.flush();
  for (const [i, row] of rows.entries()) {
    const old = existing.get(`${row.list}|${row.rank}`);
    const r = resolved[i];
    const ids = r
      ? { filmId: r.film?.id ?? null, seasonId: r.season?.id ?? null }
      : { filmId: old!.filmId, seasonId: old!.seasonId };
    const values = {
      list: row.list,
      rank: row.rank,
      showTitle: row.showTitle,
      seasonTitle: row.seasonTitle,
      ...ids,
      hoursViewed: row.hoursViewed,
      runtimeHours: row.runtimeHours,
      views: row.views,
      windowDays: row.windowDays,
    };
    if (!old) {
      await tx.insert(mostPopularEntries).values(values);
      added++;
    } else if ((Object.keys(values) as (keyof typeof values)[]).some((k) => old[k] !== values[k])) {
      await tx
        .update(mostPopularEntries)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(mostPopularEntries.id, old.id));
      updated++;
    }
  }
  return {
    titlesCreated: resolver.created,
    titlesMatched: resolver.matched.size,
    weeksAdded: 0,
    weeksUpdated: 0,
    rowsAdded: added,
    rowsUpdated: updated,
    rowsUnchanged: rows.length - added - updated,
    ambiguous: resolver.ambiguous,
    changedWeeks: [],
    changedFilms: [],
  };
}
