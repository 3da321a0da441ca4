/**
 * Two production servers (scripts/serve.mjs) on one PostgreSQL database and one Redis, as behind a
 * load balancer: a review posted through one shows on the other's cached film page within a
 * second; with Redis killed both still serve correct pages from the database, each saying so
 * once in its log; with Redis back the cache is shared again.
 *
 * Needs the production build, TEST_DATABASE_URL and redis-server; `npm test` runs it after the
 * build (`vitest run --config vitest.servers.config.ts`). Without them it skips, saying why.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { createClient } from "@redis/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serveCommand } from "../http/serve-command";

const root = path.resolve(import.meta.dirname, "../..");
const redisServer = process.env.REDIS_SERVER_BIN ?? "/usr/bin/redis-server";
const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? "/usr/bin/chromium";
const FILM = "/films/ballerina-2023";
const UNAVAILABLE = /Redis at \S+ unavailable: serving without the shared cache/g;

const missing = [
  !process.env.TEST_DATABASE_URL && "TEST_DATABASE_URL",
  !fs.existsSync(redisServer) && `${redisServer} (apt-get install -y redis-server)`,
  !fs.existsSync(path.join(root, ".next", "BUILD_ID")) && "a production build (npm run build)",
  !fs.existsSync(chromiumPath) && chromiumPath,
].filter((x): x is string => Boolean(x));
if (missing.length) console.log(`Several servers: skipped, this needs ${missing.join(", ")}.`);

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, ok: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ok().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

type Redis = { child: ChildProcess; url: string };

async function startRedis(port: number): Promise<Redis> {
  const child = spawn(
    redisServer,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  await waitFor(
    `redis-server on port ${port}`,
    () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.end();
          resolve(true);
        });
        socket.on("error", () => resolve(false));
      }),
    10_000,
  );
  return { child, url: `redis://127.0.0.1:${port}` };
}

type Instance = { name: string; url: string; child: ChildProcess; log: string[] };

async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const log: string[] = [];
  const child = spawn(...serveCommand(String(port)), {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
  });
  child.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${name} to answer`, async () => (await fetch(`${url}/api/health`)).ok, 60_000);
  return { name, url, child, log };
}

/** The film page as a reader without a session gets it: the shared, cached page. */
async function filmPage(instance: Instance) {
  const response = await fetch(`${instance.url}${FILM}`);
  return { status: response.status, html: await response.text() };
}

describe.skipIf(missing.length > 0)("several servers sharing Redis", () => {
  let redisPort = 0;
  let redis: Redis;
  let a: Instance;
  let b: Instance;
  let browser: Browser;
  let databaseName = "";

  beforeAll(async () => {
    const base = process.env.TEST_DATABASE_URL!;
    databaseName = `reelrank_servers_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${databaseName}`;
    const databaseUrl = url.toString();

    // migrate and seed as `npm start` does, in its own process
    const prepare = spawn(
      path.join(root, "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "scripts/prepare-db.ts"],
      { cwd: root, stdio: "inherit", env: { ...process.env, DATABASE_URL: databaseUrl } },
    );
    await exited(prepare);
    expect(prepare.exitCode).toBe(0);

    redisPort = await freePort();
    redis = await startRedis(redisPort);
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
    };
    [a, b] = await Promise.all([startInstance("A", env), startInstance("B", env)]);
    browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    for (const child of [a?.child, b?.child, redis?.child]) child?.kill("SIGTERM");
    await Promise.all([a, b, redis].filter(Boolean).map((x) => exited(x.child)));
    if (databaseName) {
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    }
  }, 60_000);

  /** Signs a demo account without a review of the film in on `via` and posts one through the form. */
  async function postReview(via: Instance, email: string, text: string) {
    const context = await browser.newContext({ baseURL: via.url });
    try {
      const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as {
        csrfToken: string;
      };
      const signIn = await context.request.post("/api/auth/callback/credentials", {
        form: { csrfToken, email, password: "reelrank-demo", callbackUrl: "/" },
        maxRedirects: 0,
      });
      expect(signIn.status()).toBe(302);
      expect(signIn.headers()["location"]).not.toContain("error");
      const page = await context.newPage();
      await page.goto(FILM);
      const mine = page.getByTestId("your-review");
      await mine.getByRole("radio", { name: "4 stars", exact: true }).check();
      await mine.getByLabel("Your review").fill(text);
      await mine.getByRole("button", { name: "Post review" }).click();
      await mine.getByRole("article").filter({ hasText: text }).waitFor({ timeout: 30_000 });
    } finally {
      await context.close();
    }
  }

  /** Polls the film page on `on` until it shows `text`; returns how long after `since` that was. */
  async function shownAfter(on: Instance, text: string, since: number) {
    for (;;) {
      const started = Date.now();
      const { status, html } = await filmPage(on);
      expect(status).toBe(200);
      if (html.includes(text)) return started - since;
      if (Date.now() - since > 15_000) throw new Error(`${on.name} never showed "${text}"`);
      await sleep(50);
    }
  }

  test("a review posted on one server shows on the other's cached page within a second", async () => {
    // both have the page cached before the write
    for (const instance of [a, b]) {
      expect((await filmPage(instance)).status).toBe(200);
      const again = await fetch(`${instance.url}${FILM}`);
      expect(again.status).toBe(200);
    }
    const text = `Seen from both servers ${randomBytes(4).toString("hex")}`;
    expect((await filmPage(b)).html).not.toContain(text);

    await postReview(a, "editor@demo.reelrank.test", text);
    const delay = await shownAfter(b, text, Date.now());
    console.log(`B showed the review posted on A after ${delay} ms.`);
    expect(delay).toBeLessThan(1000);
  }, 120_000);

  test("with Redis gone both serve correct pages from the database, and say so once", async () => {
    redis.child.kill("SIGKILL");
    await exited(redis.child);

    // several reads each: the line must not repeat per request
    for (let i = 0; i < 3; i++) {
      for (const instance of [a, b]) {
        const started = Date.now();
        const { status, html } = await filmPage(instance);
        expect(status).toBe(200);
        expect(html).toContain("Ballerina");
        // never held up by the dead Redis for long
        expect(Date.now() - started).toBeLessThan(10_000);
      }
    }

    const text = `Written while Redis was down ${randomBytes(4).toString("hex")}`;
    await postReview(b, "moderator@demo.reelrank.test", text);
    const delay = await shownAfter(a, text, Date.now());
    expect(delay).toBeLessThan(1000);

    for (const instance of [a, b]) {
      expect(instance.log.join("").match(UNAVAILABLE), `${instance.name}'s log`).toHaveLength(1);
    }
  }, 120_000);

  test("with Redis back the cache is shared again", async () => {
    redis = await startRedis(redisPort);
    // the instances reconnect in the background, at most a second apart
    await waitFor(
      "both servers to use Redis again",
      () => Promise.resolve([a, b].every((i) => i.log.join("").includes("available again"))),
      10_000,
    );
    for (const instance of [a, b]) expect((await filmPage(instance)).status).toBe(200);

    const text = `After Redis came back ${randomBytes(4).toString("hex")}`;
    await postReview(a, "admin@demo.reelrank.test", text);
    const delay = await shownAfter(b, text, Date.now());
    expect(delay).toBeLessThan(1000);

    // and the page is served from the shared cache again, not rendered per request
    const keys = await redisKeys(redisPort);
    expect(keys.some((k) => k.includes(":incremental:"))).toBe(true);
    expect(keys.some((k) => k.includes(":use-cache:"))).toBe(true);
  }, 120_000);
});

/** The keys in the Redis on `port`. */
async function redisKeys(port: number): Promise<string[]> {
  const client = createClient({ url: `redis://127.0.0.1:${port}` });
  await client.connect();
  try {
    return await client.keys("*");
  } finally {
    client.destroy();
  }
}
