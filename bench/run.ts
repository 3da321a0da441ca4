/**
 * `npm run bench`: the production build under load, on a large database.
 *
 *   npm run build && npm run bench                      # PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL)
 *   npm run bench -- --no-scale --seconds 10            # the ordinary seed, shorter runs
 *   npm run bench -- --database-url postgres://…/db     # reuse a database seed:scale filled
 *   npm run bench -- --quick                            # about a minute, embedded database
 *
 * Every scenario is measured with autocannon after a warm-up, and compared with the baseline
 * measured against the same server in the same run: /about, prerendered at build. The film page
 * is measured a second time rendered from the database on every request (Next's draft mode, see
 * lib/draft-mode.ts), to show what caching buys.
 */
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { parseDatabaseUrl, describeTarget } from "../db/index";
import { readActionId } from "./lib/action";
import {
  chooseDatabase,
  countAllReviews,
  countVisibleReviews,
  createWriters,
  findTargets,
  migrateAndSeed,
  root,
  runSeedScale,
  withDatabase,
} from "./lib/database";
import { expectOk, measure, warmUp, type Measurement } from "./lib/load";
import {
  formatRatio,
  judgeTargets,
  scenarioTable,
  targetLines,
  visibilityLine,
  writeCostLine,
  type ScenarioResult,
  type Visibility,
  type WriteCost,
} from "./lib/report";
import { assertBuilt, startServer } from "./lib/server";
import { startBytesServer } from "./lib/bytes-floor";
import { processTreeCpuMs } from "./lib/cpu";
import { draftModeCookie } from "./lib/draft-mode";
import { signInAll, writeAndWatch, writeCost } from "./lib/writers";
import { parseOptions, USAGE, type ScenarioKey } from "./lib/options";

const RESULTS = path.join(root, "bench", "results");
/** Reviews posted one by one on the idle server to measure what one costs. */
const WRITE_COST_REVIEWS = 40;

/** Transactions the PostgreSQL server has committed in this database (null on the embedded one). */
function transactionCounter(url: string): (() => Promise<number>) | null {
  if (parseDatabaseUrl(url).kind !== "postgres") return null;
  return async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // statistics reach the shared counters up to a second after a transaction ends
      await new Promise((r) => setTimeout(r, 1500));
      const { rows } = await client.query<{ n: string }>(
        "select xact_commit::text as n from pg_stat_database where datname = current_database()",
      );
      return Number(rows[0]?.n ?? 0);
    } finally {
      await client.end();
    }
  };
}

const redact = (url: string) => url.replace(/:[^:@/]*@/, ":***@");
const log = (text: string) => console.log(`· ${text}`);

async function main() {
  const parsed = parseOptions(process.argv.slice(2));
  if (parsed === "help") {
    console.log(USAGE);
    return;
  }
  const opts = parsed;
  assertBuilt();
  const actionId = readActionId("app/films/[slug]/actions.ts", "postReviewAction");
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  fs.mkdirSync(RESULTS, { recursive: true });

  // (1) the database
  const database = await chooseDatabase(opts);
  log(`database: ${describeTarget(parseDatabaseUrl(database.url))}`);
  await migrateAndSeed(database.url);
  if (opts.scale) {
    // some generated reviews are hidden by moderation: compare with every row written
    const have = await withDatabase(database.url, countAllReviews);
    if (have >= opts.reviews) {
      log(`the database has ${have.toLocaleString("en-US")} reviews already: not scaling it`);
    } else {
      log(`seed:scale to ${opts.users} users and ${opts.reviews} reviews…`);
      await runSeedScale(database.url, opts.users, opts.reviews);
    }
  }
  const writeSeconds = opts.seconds;
  const { targets, writers, reviewCount } = await withDatabase(database.url, async (db) => ({
    targets: await findTargets(db),
    // scenarios 3 and 3b post one review per writer each, after the cost of one review
    writers: await createWriters(
      db,
      WRITE_COST_REVIEWS + 2 * Math.ceil(opts.writeRate * writeSeconds),
    ),
    reviewCount: await countVisibleReviews(db),
  }));
  log(
    `${reviewCount.toLocaleString("en-US")} visible reviews; most-reviewed film ${targets.film.slug} ` +
      `(${targets.film.reviews}), busiest profile @${targets.profile.handle} (${targets.profile.reviews}), ` +
      `latest chart week ${targets.latestWeek}`,
  );
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");

  const filmPath = `/films/${targets.film.slug}`;
  const warmSeconds = opts.quick ? 1 : 3;
  const results: ScenarioResult[] = [];
  const counter = transactionCounter(database.url);
  const checks: Record<string, unknown> = {};
  let visibility: Visibility | null = null;
  let pacedVisibility: Visibility | null = null;
  let cost: WriteCost | null = null;
  let baselineAfter: Measurement | null = null;

  // (2) the server, and (3) the scenarios
  const server = await startServer({
    port: opts.port,
    databaseUrl: database.url,
    logFile: path.join(RESULTS, `${stamp}-server.log`),
  });
  try {
    const wanted = (key: ScenarioKey) => opts.only == null || opts.only.includes(key);
    // readers ask for what their browsers ask for (see --identity)
    const reader: Record<string, string> = opts.acceptEncoding
      ? { "Accept-Encoding": opts.acceptEncoding }
      : {};
    const run = async (
      key: string,
      name: string,
      urlPath: string,
      extra: Record<string, string> = {},
    ) => {
      const headers = { ...reader, ...extra };
      log(`${name}: ${urlPath}`);
      await warmUp(server.base + urlPath, warmSeconds, headers);
      const body = await expectOk(server.base + urlPath, headers);
      const before = counter ? await counter() : null;
      const cpuBefore = processTreeCpuMs(server.pid);
      const measurement = await measure(
        server.base + urlPath,
        opts.connections,
        opts.seconds,
        headers,
      );
      const cpuAfter = processTreeCpuMs(server.pid);
      if (counter && before != null) {
        checks[`${key}DbTransactionsPerRequest`] =
          ((await counter()) - before) / Math.max(1, measurement.requests);
      }
      const result: ScenarioResult = {
        key,
        name,
        path: urlPath,
        measurement,
        bytes: Buffer.byteLength(body),
        cpuMsPerRequest:
          cpuBefore != null && cpuAfter != null
            ? (cpuAfter - cpuBefore) / Math.max(1, measurement.requests)
            : null,
      };
      results.push(result);
      return result;
    };

    // A fresh server loads each route's code on its first request and its JIT needs a while:
    // every page once, then the baseline under full load, before anything is measured.
    const query = encodeURIComponent(targets.searchTerm);
    const pages = ["/about", filmPath, "/charts", `/search?q=${query}`, `/api/search?q=${query}`];
    pages.push(`/api/films/${targets.film.slug}`, `/u/${targets.profile.handle}`);
    log("warming up the server");
    for (const page of pages) await expectOk(server.base + page);
    await measure(server.base + "/about", opts.connections, warmSeconds * 3, reader);

    await run("baseline", "1 /about (prerendered)", "/about");
    if (wanted("film")) {
      await run("film", "2 film page", filmPath);
      checks.bytesFloor = await bytesFloor(server.base, ["/about", filmPath]);
    }

    /**
     * The same bytes from a bare node:http server: what this machine's client and kernel allow
     * for answers of these sizes, with no framework.
     */
    async function bytesFloor(base: string, paths: string[]) {
      // gzipped once here when readers ask for it, as Next sends it to them (level 6, zlib's default)
      const gzip = opts.acceptEncoding != null;
      const bodies = Object.fromEntries(
        await Promise.all(
          paths.map(async (p) => {
            const page = Buffer.from(await expectOk(base + p));
            return [p, gzip ? gzipSync(page) : page] as const;
          }),
        ),
      );
      const bare = await startBytesServer(opts.port + 2, bodies, gzip);
      try {
        const rps: Record<string, number> = {};
        for (const p of paths) {
          log(
            `bare node:http server, the same ${(bodies[p]!.length / 1024).toFixed(1)} KB as ${p}`,
          );
          rps[p] = (await measure(bare.base + p, opts.connections, opts.seconds, reader)).rps;
        }
        return { bytes: Object.fromEntries(paths.map((p) => [p, bodies[p]!.length])), rps };
      } finally {
        await bare.stop();
      }
    }

    // 3: the film page while writers post through the server action
    if (wanted("film-writes")) {
      log(`3 film page + ${opts.writeRate} reviews/s: signing in ${writers.length} writers…`);
      const signedIn = await signInAll(server.base, writers);
      const writing = {
        base: server.base,
        pagePath: filmPath,
        actionId,
        filmId: targets.film.id,
      };
      cost = await writeCost({
        ...writing,
        jars: signedIn.slice(0, WRITE_COST_REVIEWS),
        cpuMs: () => processTreeCpuMs(server.pid),
      });
      const jars = signedIn.slice(WRITE_COST_REVIEWS);
      const half = jars.length / 2;
      const writeWhileReading = (writerJars: typeof jars, overallRate?: number) =>
        Promise.all([
          measure(server.base + filmPath, opts.connections, opts.seconds, reader, overallRate),
          writeAndWatch({
            ...writing,
            jars: writerJars,
            rate: opts.writeRate,
            seconds: writeSeconds,
          }),
        ]);
      const [load, seen] = await writeWhileReading(jars.slice(0, half));
      results.push({
        key: "film-writes",
        name: "3 film page + writes",
        path: filmPath,
        measurement: load,
      });
      visibility = seen;
      // 3b: 64 connections as fast as they go keep any server saturated, and then every request
      // waits its turn behind theirs. Readers at half the rate the server managed show the
      // writes on a busy server that is not overloaded.
      const filmRps = results.find((r) => r.key === "film")?.measurement.rps;
      if (filmRps) {
        const rate = Math.max(1, Math.round(filmRps / 2));
        log(`3b film page at ${rate} req/s + ${opts.writeRate} reviews/s`);
        const [paced, pacedSeen] = await writeWhileReading(jars.slice(half), rate);
        results.push({
          key: "film-writes-paced",
          name: `3b film page at ${rate} req/s + writes`,
          path: filmPath,
          measurement: paced,
        });
        pacedVisibility = pacedSeen;
      }
    }

    if (wanted("charts")) await run("charts", "4 charts, latest week", "/charts");
    const found = JSON.parse(await expectOk(`${server.base}/api/search?q=${query}`)) as {
      films?: unknown[];
    };
    if (!found.films?.length) throw new Error(`Search for "${targets.searchTerm}" finds no film.`);
    if (wanted("search")) await run("search", "5 search page", `/search?q=${query}`);
    if (wanted("api-search")) await run("api-search", "5 search JSON", `/api/search?q=${query}`);
    if (wanted("api-film")) await run("api-film", "6 film JSON", `/api/films/${targets.film.slug}`);
    if (wanted("profile"))
      await run("profile", "7 busiest profile", `/u/${targets.profile.handle}`);

    // 8: the same page rendered from the database on every request (see lib/draft-mode.ts)
    if (wanted("naive")) {
      const draft = { Cookie: draftModeCookie() };
      await run("naive", "8 film page, no caching", filmPath, draft);
      const answer = await fetch(server.base + filmPath, { headers: draft });
      await answer.text();
      checks.naiveCacheControl = answer.headers.get("cache-control");
    }

    log("1 /about again (drift)");
    baselineAfter = await measure(server.base + "/about", opts.connections, opts.seconds, reader);
  } finally {
    await server.stop();
  }

  // the report
  const before = results.find((r) => r.key === "baseline")!.measurement;
  const baselineRps = baselineAfter ? (before.rps + baselineAfter.rps) / 2 : before.rps;
  const judged = judgeTargets(results, baselineRps, visibility, pacedVisibility);
  console.log("");
  console.log(
    `Reelrank bench ${opts.quick ? "(quick) " : ""}on ${describeTarget(parseDatabaseUrl(database.url))}: ` +
      `${reviewCount.toLocaleString("en-US")} reviews, ${opts.connections} connections, ${opts.seconds} s each, ` +
      `readers sending ${opts.acceptEncoding ? `Accept-Encoding: ${opts.acceptEncoding}` : "no Accept-Encoding (--identity)"}`,
  );
  console.log(
    `baseline /about ${baselineRps.toFixed(0)} req/s (${before.rps.toFixed(0)} before, ` +
      `${baselineAfter?.rps.toFixed(0) ?? "–"} after)`,
  );
  console.log("");
  console.log(scenarioTable(results, baselineRps));
  console.log("");
  if (visibility) console.log(visibilityLine(visibility));
  if (pacedVisibility)
    console.log(visibilityLine(pacedVisibility, "3b, readers at half the film page's rate"));
  if (cost) console.log(writeCostLine(cost, opts.writeRate));
  const film = results.find((r) => r.key === "film")?.measurement;
  const naiveM = results.find((r) => r.key === "naive")?.measurement;
  if (film && naiveM) {
    console.log(
      `without caching (draft mode, answered "${String(checks.naiveCacheControl)}") the film page ` +
        `serves ${formatRatio(naiveM.rps, film.rps)} of the cached rate` +
        (checks.naiveDbTransactionsPerRequest != null
          ? `; database transactions per request: cached ${Number(checks.filmDbTransactionsPerRequest).toFixed(2)}, ` +
            `uncached ${Number(checks.naiveDbTransactionsPerRequest).toFixed(2)}`
          : ""),
    );
  }
  const floor = checks.bytesFloor as
    { bytes: Record<string, number>; rps: Record<string, number> } | undefined;
  if (floor) {
    const [small, big] = ["/about", filmPath].map((p) => floor.rps[p] ?? 0);
    console.log(
      `a bare node:http server sending the same bytes${opts.acceptEncoding ? " (gzipped once)" : ""}: /about's ${(floor.bytes["/about"]! / 1024).toFixed(1)} KB ` +
        `${small!.toFixed(0)} req/s, the film page's ${(floor.bytes[filmPath]! / 1024).toFixed(1)} KB ` +
        `${big!.toFixed(0)} req/s (${formatRatio(big!, small!)}): the most this machine's client and kernel allow for that size`,
    );
  }
  console.log("");
  console.log(targetLines(judged));

  const file = path.join(RESULTS, `${stamp}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: stamp,
        options: { ...opts, databaseUrl: opts.databaseUrl && redact(opts.databaseUrl) },
        database: redact(database.url),
        reviews: reviewCount,
        targets,
        baseline: { rps: baselineRps, before, after: baselineAfter },
        scenarios: results.map((r) => ({
          ...r,
          ratioToBaseline: r.measurement.rps / baselineRps,
        })),
        visibility,
        pacedVisibility,
        writeCost: cost,
        checks,
        goals: judged,
      },
      null,
      2,
    ),
  );
  console.log(`\nResults: ${path.relative(process.cwd(), file)}`);
  if (database.fresh && parseDatabaseUrl(database.url).kind === "postgres") {
    console.log(`The database is kept for another run: --database-url ${redact(database.url)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
