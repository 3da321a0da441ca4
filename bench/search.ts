/**
 * Search benchmark: the full catalogue (demo data + the shipped Netflix snapshot) in a fresh
 * in-memory PGlite, and in a fresh database on a PostgreSQL server when TEST_DATABASE_URL (or a
 * postgres:// DATABASE_URL) names one. A mix of 50 queries readers type (exact titles, prefixes,
 * typos, Hangul, people, misses) runs round after round; the baseline, measured in the same run on
 * the same database, is the film page's own lookup, `getFilmBySlug`.
 *
 *   npm run bench:search
 */
import { getFilmBySlug } from "../db/queries/films";
import { searchCatalogue } from "../db/queries/search";
import { seedDemo } from "../db/seed/index";
import { importNetflixSnapshot } from "../db/seed/netflix-snapshot";
import { createTestDatabase, type TestEngine } from "../db/testing";
import { films } from "../db/schema";

const QUERIES = [
  // exact titles, English and original
  "Ballerina",
  "Squid Game",
  "Wednesday",
  "Don't Look Up",
  "Red Notice",
  "The Gray Man",
  "Extraction 2",
  "Glass Onion: A Knives Out Mystery",
  "Leave the World Behind",
  "Damsel",
  // prefixes, as typed
  "bal",
  "squid",
  "stranger th",
  "the witch",
  "spider",
  "all quiet",
  "money he",
  "bridg",
  // typos and missing punctuation
  "balerina",
  "squid gmae",
  "wensday",
  "dont look up",
  "red notise",
  "extracton",
  "glass onoin",
  "spider man no way home",
  "pokemon",
  "amelie",
  "leave the wrld behind",
  "avatar last airbender",
  // Hangul, Japanese and other scripts
  "발레리나",
  "오징어 게임",
  "더 글로리",
  "전종서",
  "전종",
  "이충현",
  "김지훈",
  "종이의 집",
  "進撃の巨人",
  // people
  "jeon jong seo",
  "lee chung hyun",
  "park yoo rim",
  "kim ji",
  // no hit
  "zzqxjv",
  "qwertyuiop",
  "xylophone orchestra nebula",
  "123456789",
  "ñññ",
  "ÆØÅ",
];
const ROUNDS = 20;
const LIMIT = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function benchEngine(engine: TestEngine) {
  const handle = await createTestDatabase(engine);
  try {
    const loading = performance.now();
    await seedDemo(handle.db);
    await importNetflixSnapshot(handle.db);
    console.log(
      `${engine}: catalogue loaded in ${((performance.now() - loading) / 1000).toFixed(1)} s`,
    );
    const slugs = (
      await handle.db.select({ slug: films.slug }).from(films).limit(QUERIES.length)
    ).map((f) => f.slug);
    // one warm-up round each, so both measure a warm database
    for (const q of QUERIES) await searchCatalogue(handle.db, { q, limit: LIMIT });
    for (const slug of slugs) await getFilmBySlug(handle.db, { slug });

    const search: number[] = [];
    const baseline: number[] = [];
    const perQuery = new Map<string, number[]>(QUERIES.map((q) => [q, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of QUERIES) {
        const ms = await time(() => searchCatalogue(handle.db, { q, limit: LIMIT }));
        search.push(ms);
        perQuery.get(q)!.push(ms);
      }
      for (const slug of slugs) baseline.push(await time(() => getFilmBySlug(handle.db, { slug })));
    }
    search.sort((a, b) => a - b);
    baseline.sort((a, b) => a - b);
    const p95 = percentile(search, 95);
    console.log(
      [
        `${engine}: ${search.length} searches (${QUERIES.length} queries × ${ROUNDS} rounds, up to ${LIMIT} hits per kind)`,
        `  search      p50 ${percentile(search, 50).toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  max ${search.at(-1)!.toFixed(1)} ms`,
        `  baseline getFilmBySlug  p50 ${percentile(baseline, 50).toFixed(1)} ms  p95 ${percentile(baseline, 95).toFixed(1)} ms  max ${baseline.at(-1)!.toFixed(1)} ms`,
        `  ratio search / baseline: p50 ${(percentile(search, 50) / percentile(baseline, 50)).toFixed(1)}×  p95 ${(p95 / percentile(baseline, 95)).toFixed(1)}×`,
        `  p95 ≤ 50 ms: ${p95 <= 50 ? "yes" : "NO"}`,
        `  slowest queries by median: ${[...perQuery]
          .map(([q, times]) => [q, times.sort((a, b) => a - b)[times.length >> 1]!] as const)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 5)
          .map(([q, ms]) => `"${q}" ${ms.toFixed(1)} ms`)
          .join(", ")}`,
      ].join("\n"),
    );
  } finally {
    await handle.close();
  }
}

async function main() {
  const server =
    process.env.TEST_DATABASE_URL ??
    (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")
      ? process.env.DATABASE_URL
      : undefined);
  // the PostgreSQL run works in a database of its own, created and dropped on that server
  if (server) process.env.TEST_DATABASE_URL = server;
  const engines: TestEngine[] = server ? ["pglite", "postgres"] : ["pglite"];
  for (const engine of engines) await benchEngine(engine);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
