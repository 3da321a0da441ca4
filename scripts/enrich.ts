/**
 * `npm run enrich -- [--source wikidata|tmdb] [--limit N] [--film slug] [--force]`: looks films up
 * at the open film databases, most prominent on the charts first, and applies what is sure or
 * queues it for an editor. Resumable: a film already looked up at a source is skipped unless
 * --force. Wikidata needs no key; TMDB is used when TMDB_API_KEY is set.
 */
import { parseArgs } from "node:util";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import {
  configuredSources,
  lookUpFilm,
  type LookupOutcome,
  type SourceName,
} from "../db/enrich/run";
import { describeTarget, openDatabase } from "../db/index";
import { migrateDatabase } from "../db/migrate";
import { enrichmentLookups, films } from "../db/schema";
import { titleWithYear } from "../lib/format";
import { notifyServer } from "../lib/notify-server";

const USAGE =
  "usage: npm run enrich -- [--source wikidata|tmdb] [--limit N] [--film slug] [--force]";

async function main() {
  const { values } = parseArgs({
    options: {
      source: { type: "string" },
      limit: { type: "string" },
      film: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  const limit = values.limit ? Number(values.limit) : 100;
  if (!Number.isInteger(limit) || limit < 1) {
    console.error(USAGE);
    process.exit(2);
  }
  const handle = await openDatabase();
  const changed = { films: new Set<string>(), people: new Set<string>() };
  let failed = 0;
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    const sources = configuredSources(db);
    const names = (values.source ? [values.source] : Object.keys(sources)) as SourceName[];
    for (const name of names) {
      const source = sources[name];
      if (!source) {
        console.error(
          name === "tmdb" ? "TMDB needs TMDB_API_KEY." : `Unknown source "${name}". ${USAGE}`,
        );
        process.exit(2);
      }
      // the films readers see most first: weeks on the charts, then best rank
      const prominence = sql<number>`(select count(*) from chart_entries ce where ce.film_id = films.id)`;
      const candidates = await db
        .select({ id: films.id, title: films.title, year: films.year })
        .from(films)
        .leftJoin(
          enrichmentLookups,
          and(eq(enrichmentLookups.filmId, films.id), eq(enrichmentLookups.source, name)),
        )
        .where(
          and(
            values.film ? eq(films.slug, values.film) : undefined,
            values.force || values.film ? undefined : isNull(enrichmentLookups.filmId),
            isNull(films.lockedAt),
          ),
        )
        .orderBy(
          desc(prominence),
          sql`(select min(ce.rank) from chart_entries ce where ce.film_id = films.id)`,
        )
        .limit(values.film ? 1 : limit);
      if (values.film && candidates.length === 0) {
        console.error(`No unlocked film at /films/${values.film}.`);
        process.exit(1);
      }
      console.log(
        `${name}: looking up ${candidates.length} films in the ${describeTarget(handle.target)}…`,
      );
      const tally: Record<LookupOutcome, number> = {
        applied: 0,
        queued: 0,
        unchanged: 0,
        "not-found": 0,
        failed: 0,
      };
      for (const [i, f] of candidates.entries()) {
        const result = await lookUpFilm(db, source, f.id);
        tally[result.outcome]++;
        result.changedFilms.forEach((s) => changed.films.add(s));
        result.changedPeople.forEach((s) => changed.people.add(s));
        console.log(
          `  [${i + 1}/${candidates.length}] ${titleWithYear(f.title, f.year)}: ${result.outcome} — ${result.message}`,
        );
      }
      failed += tally.failed;
      console.log(
        `${name}: ${candidates.length} looked up, ${tally.applied + tally.unchanged + tally.queued} matched, ` +
          `${tally.applied} applied, ${tally.queued} queued for editors, ${tally["not-found"]} not found, ${tally.failed} failed.`,
      );
    }
  } finally {
    await handle.close();
  }
  if (changed.films.size || changed.people.size) {
    await notifyServer({ weeks: [], films: changed.films, people: changed.people });
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
