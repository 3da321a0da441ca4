/**
 * Nothing acknowledged is lost when the server dies mid-write. On each engine (a fresh embedded
 * data directory; a fresh database on TEST_DATABASE_URL's server when it is set): the production
 * server on a seeded database, 20 signed-in clients posting and editing reviews through the real
 * server action, SIGKILL to the server's whole process group while they write, a restart on the
 * same database, then:
 * - every review whose post the action acknowledged is there with exactly its text and rating,
 *   its earlier versions in its revisions, and nothing that answered an error;
 * - every film's rating aggregates equal a recount from the reviews, and every review's like and
 *   comment counts their rows (db/seed/scale/aggregates.ts `findAggregateDrift`);
 * - the restarted server serves pages and takes a new review from a session made before the kill.
 *
 * Needs the production build (`npm test` runs this after it, with vitest.servers.config.ts).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { asc, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { callAction, readActionId, signIn } from "../bench/lib/action";
import { createWriters, type Writer } from "../bench/lib/database";
import { reconcileReviews, reconciliationLine, type ReviewPost } from "../bench/lib/ledger";
import { startServer, type Server } from "../bench/lib/server";
import { signInAll } from "../bench/lib/writers";
import { openDatabase, type DatabaseHandle } from "./index";
import { migrateDatabase } from "./migrate";
import { films, reviewRevisions, reviews } from "./schema";
import { seedDemoUsers } from "./seed/index";
import { DEMO_PASSWORD } from "./seed/demo-users";
import { findAggregateDrift } from "./seed/scale";
import { catalogueArchive, createCatalogueTestDatabase } from "./testing";

const root = path.resolve(import.meta.dirname, "..");
const built = fs.existsSync(path.join(root, ".next", "BUILD_ID"));
if (!built)
  console.log("Crash durability: skipped, this needs a production build (npm run build).");

/** Concurrent clients, each posting as its own account. */
const CLIENTS = 20;
/** The posting limit lets an account older than a day post ten times a minute. */
const POSTS_PER_USER = 10;
/** SIGKILL once this many posts are acknowledged, or KILL_AFTER_MS after the first one was. */
const KILL_AFTER_ACKS = 150;
const KILL_AFTER_MS = 2500;
/** A server that acknowledges nothing for this long is killed anyway (and the test fails). */
const NO_ACK_LIMIT_MS = 60_000;

type Engine = "embedded" | "postgres";
const engines: Engine[] = process.env.TEST_DATABASE_URL ? ["embedded", "postgres"] : ["embedded"];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

type Film = { id: number; slug: string };

/**
 * A fresh database of the engine holding the catalogue (a copy of the one the other suites use:
 * db/testing.ts), the demo accounts, and the writers, back-dated so each may post ten times a
 * minute. `drop()` removes it.
 */
async function seededDatabase(engine: Engine) {
  let handle: DatabaseHandle;
  let url: string;
  let drop: () => Promise<void>;
  if (engine === "embedded") {
    const dir = path.join(root, ".data", `reelrank_crash_${randomBytes(6).toString("hex")}`);
    url = `file:${dir}`;
    const archive = new Blob([fs.readFileSync(await catalogueArchive())]);
    handle = await openDatabase(url, { loadDataDir: archive });
    drop = () => {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(`${dir}.lock`, { force: true });
      return Promise.resolve();
    };
  } else {
    handle = await createCatalogueTestDatabase("postgres");
    url = (handle.target as { url: string }).url;
    // closing the handle drops the database
    drop = handle.close;
  }
  try {
    await migrateDatabase(handle);
    await seedDemoUsers(handle.db);
    const writers = await createWriters(handle.db, CLIENTS, { daysOld: 2 });
    // the hand-written films, the first the seed writes
    const catalogue: Film[] = await handle.db
      .select({ id: films.id, slug: films.slug })
      .from(films)
      .orderBy(asc(films.id))
      .limit(POSTS_PER_USER + 2);
    return { url, drop, writers, catalogue };
  } finally {
    if (engine === "embedded") await handle.close();
  }
}

/**
 * Each account's posts in order: a new review of a film, then an edit of the one before, and so
 * on (new f0, new f1, edit f0, new f2, edit f1, …), POSTS_PER_USER in all.
 */
function plan(catalogue: Film[]): { film: Film; version: number }[] {
  const steps: { film: Film; version: number }[] = [];
  for (let i = 0; steps.length < POSTS_PER_USER; i++) {
    steps.push({ film: catalogue[i % catalogue.length]!, version: 1 });
    if (i > 0 && steps.length < POSTS_PER_USER) {
      steps.push({ film: catalogue[(i - 1) % catalogue.length]!, version: 2 });
    }
  }
  return steps;
}

/** Everything the writers' accounts have in the database: reviews with their earlier versions. */
async function readReviews(url: string, writers: Writer[]) {
  const handle = await openDatabase(url);
  try {
    const ids = writers.map((w) => w.id);
    const rows = await handle.db.select().from(reviews).where(inArray(reviews.userId, ids));
    const revisions = rows.length
      ? await handle.db
          .select()
          .from(reviewRevisions)
          .where(
            inArray(
              reviewRevisions.reviewId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(reviewRevisions.id))
      : [];
    const drift = await findAggregateDrift(handle.db);
    const [{ total } = { total: -1 }] = await handle.db
      .select({ total: sql<number>`count(*)::int` })
      .from(reviews);
    return {
      drift,
      total,
      stored: rows.map((r) => ({
        userId: r.userId,
        filmId: r.filmId,
        rating: r.rating,
        body: r.body,
        deleted: r.deletedAt != null,
        revisions: revisions
          .filter((v) => v.reviewId === r.id)
          .map((v) => ({ rating: v.rating, body: v.body })),
      })),
    };
  } finally {
    await handle.close();
  }
}

describe.skipIf(!built).each(engines)("%s database: the server killed mid-write", (engine) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  }, 60_000);

  let seeded: Awaited<ReturnType<typeof seededDatabase>>;
  let seededMs = 0;
  // the first run in a tree builds the catalogue's copy (db/testing.ts), which takes minutes
  beforeAll(async () => {
    const t0 = Date.now();
    seeded = await seededDatabase(engine);
    cleanup.push(seeded.drop);
    seededMs = Date.now() - t0;
  }, 600_000);

  test("keeps every acknowledged review, whole, and serves again after a restart", async () => {
    const t0 = Date.now();
    const { url, writers, catalogue } = seeded;
    expect(catalogue.length).toBeGreaterThanOrEqual(POSTS_PER_USER);

    const actionId = readActionId("app/films/[slug]/actions.ts", "postReviewAction");
    const logFile = path.join(root, ".data", "test-results", `crash-${engine}-server.log`);
    fs.rmSync(logFile, { force: true });
    const env = { AUTH_SECRET: randomBytes(32).toString("base64url") };
    const start = async () =>
      startServer({
        port: await freePort(),
        databaseUrl: url,
        env,
        logFile,
        ownGroup: true,
      });
    let server: Server = await start();
    cleanup.push(() => server.stop());

    const jars = await signInAll(server.base, writers);
    // a session made before the kill, used after the restart
    const survivor = await signIn(server.base, "minji@demo.reelrank.test", DEMO_PASSWORD);
    // a fresh server renders each page and loads each route's code on first use: before the
    // clock starts, the films' pages once and one post through the action
    const steps = plan(catalogue);
    for (const { film } of steps) await (await fetch(`${server.base}/films/${film.slug}`)).text();
    const warm = catalogue.at(-2)!;
    const warmUp = await callAction({
      base: server.base,
      pagePath: `/films/${warm.slug}`,
      actionId,
      args: [null, { filmId: warm.id, rating: 3, body: "Warming up the server" }],
      jar: await signIn(server.base, "tomas@demo.reelrank.test", DEMO_PASSWORD),
    });
    expect(warmUp.ok).toBe(true);

    const readyMs = Date.now() - t0;
    const run = randomBytes(3).toString("hex");
    const posts: ReviewPost[] = [];
    let acknowledged = 0;
    let killed = false;
    let killing: Promise<void> | null = null;
    const started = Date.now();
    const kill = () => {
      if (killing) return killing;
      killed = true;
      killing = server.crash();
      return killing;
    };
    let timer = setTimeout(() => void kill(), NO_ACK_LIMIT_MS);

    // each client posts as its own account, one post at a time
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let s = 0; s < steps.length && !killed; s++) {
          const { film, version } = steps[s]!;
          const rating = 1 + ((w * 7 + s * 3) % 10);
          const post: ReviewPost = {
            userId: writer.id,
            filmId: film.id,
            rating,
            body: `Crash ${run}: writer ${w}, ${film.slug}, version ${version}, step ${s}`,
            outcome: "unknown",
          };
          posts.push(post);
          try {
            const answer = await callAction({
              base: server.base,
              pagePath: `/films/${film.slug}`,
              actionId,
              args: [null, { filmId: film.id, rating: rating / 2, body: post.body }],
              jar: jars[w]!,
            });
            // an answer cut short by the kill says nothing about the commit
            if (answer.ok) post.outcome = "acknowledged";
            else if (answer.status === 200) post.outcome = "failed";
          } catch {
            // no answer: the server died with this post in flight
          }
          if (post.outcome !== "acknowledged") continue;
          if (++acknowledged === 1) {
            clearTimeout(timer);
            timer = setTimeout(() => void kill(), KILL_AFTER_MS);
          }
          if (acknowledged >= KILL_AFTER_ACKS) void kill();
        }
      }),
    );
    clearTimeout(timer);
    await kill();
    const writingMs = Date.now() - started;
    const failed = posts.filter((p) => p.outcome === "failed");
    expect(failed.map((p) => p.body)).toEqual([]);

    server = await start();
    const restartMs = Date.now() - started - writingMs;

    // the restarted server serves, and takes a review from a session made before the kill
    const film = catalogue.at(-1)!;
    expect((await fetch(`${server.base}/films/${film.slug}`)).status).toBe(200);
    const afterText = `After the restart ${run}`;
    const after = await callAction({
      base: server.base,
      pagePath: `/films/${film.slug}`,
      actionId,
      args: [null, { filmId: film.id, rating: 4, body: afterText }],
      jar: survivor,
    });
    expect(after).toMatchObject({ ok: true, status: 200, error: null });
    // the page rendered into the action's answer already shows it
    expect(after.body).toContain(afterText);
    expect(await (await fetch(`${server.base}/films/${film.slug}`)).text()).toContain(afterText);
    await server.stop();

    const { drift, stored, total } = await readReviews(url, writers);
    const result = reconcileReviews(posts, stored);
    console.log(
      `${engine}: ${reconciliationLine(result)}; ${posts.length} sent in ${writingMs} ms, ` +
        `restarted in ${restartMs} ms, ${total} reviews in the database ` +
        `(seeded in ${seededMs} ms, started, signed in and warmed up in ${readyMs} ms)`,
    );
    expect(result.problems).toEqual([]);
    expect(drift).toEqual([]);
    // the kill came mid-stream: the writers had posts left to send
    expect(result.acknowledged).toBeGreaterThan(0);
    expect(posts.length).toBeLessThan(writers.length * POSTS_PER_USER);
  }, 120_000);
});
