/**
 * The production server under abuse, and the protections a browser relies on, on one fresh
 * embedded database: 200 sign-ups through the real server action at concurrency 50 while a
 * reader loads a film page (every sign-up succeeds or gets the clear busy or limited sentence,
 * every page read is a 200; the page's p50/p99 with and without the flood are printed, not
 * asserted); then the security headers on a cached page, the session cookie's attributes, and
 * the refusal of writes sent from another site.
 *
 * Needs the production build (`npm test` runs this after it, from vitest.servers.config.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readActionAnswer, readActionId } from "./lib/action";
import { serveCommand } from "../lib/http/serve-command";

const root = path.resolve(import.meta.dirname, "..");
const FILM = "/films/ballerina-2023";
const DEMO = { email: "minji@demo.reelrank.test", password: "reelrank-demo" };
const SIGN_UPS = 200;
const CONCURRENCY = 50;
const PER_ADDRESS = 150;
const BUSY = "The server is busy; try again in a moment.";
const LIMITED =
  /^Too many accounts were created from your network in the last hour\. Try again in \d+ minutes?\.$/;

const missing = !fs.existsSync(path.join(root, ".next", "BUILD_ID"));
if (missing) console.log("Hardening: skipped, this needs a production build (npm run build).");

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

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Loads the film page one request after another until `stop()`; answers statuses and times. */
function readInLoop(base: string) {
  let running = true;
  const statuses: number[] = [];
  const times: number[] = [];
  const done = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(base + FILM);
      await response.arrayBuffer();
      times.push(performance.now() - started);
      statuses.push(response.status);
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      const sorted = [...times].sort((a, b) => a - b);
      return {
        statuses,
        n: times.length,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
      };
    },
  };
}

/**
 * The sign-up form's arguments as React's client encodes them: the form's fields as `_1_…`, then
 * the root `0` (`[previous state, $K1 = that form]`), which the server reads as it arrives.
 */
function signUpBody(fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(`_1_${key}`, value);
  body.append("0", JSON.stringify(["$undefined", "$K1"]));
  return body;
}

async function signUpOverHttp(base: string, actionId: string, i: number, address: string) {
  const id = `${Date.now().toString(36)}${i}`;
  const body = signUpBody({
    name: `Flood ${id}`,
    handle: `fl_${id}`.slice(0, 20),
    email: `flood.${id}@flood.reelrank.test`,
    password: "a long flood password",
  });
  const response = await fetch(`${base}/signup`, {
    method: "POST",
    headers: {
      Accept: "text/x-component",
      "Next-Action": actionId,
      Origin: base,
      "X-Forwarded-For": address,
    },
    body,
  });
  return readActionAnswer(response.status, await response.text());
}

describe.skipIf(missing)("the production server under abuse", () => {
  let base = "";
  let child: ChildProcess;
  const log: string[] = [];
  const dbDir = path.join(root, ".data", `hardening-${randomBytes(4).toString("hex")}`);

  beforeAll(async () => {
    const env = {
      ...process.env,
      DATABASE_URL: `file:${dbDir}`,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
      SIGNUP_LIMIT_PER_IP: String(PER_ADDRESS),
      SIGNUP_LIMIT_GLOBAL: "10000",
      // a short waiting line, so that the flood meets the busy answer too
      ARGON2_MAX_WAITING: "20",
    };
    const prepare = spawn(
      path.join(root, "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "scripts/prepare-db.ts"],
      { cwd: root, stdio: "inherit", env },
    );
    await exited(prepare);
    expect(prepare.exitCode).toBe(0);
    const port = await freePort();
    child = spawn(...serveCommand(String(port)), {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...env, PORT: String(port) },
    });
    child.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
    base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
      if (Date.now() > deadline) throw new Error(`The server did not start:\n${log.join("")}`);
      await sleep(250);
    }
    // warm the film page into the cache, as readers would have
    expect((await fetch(base + FILM)).status).toBe(200);
  }, 600_000);

  afterAll(async () => {
    child?.kill("SIGTERM");
    if (child) await exited(child);
    fs.rmSync(dbDir, { recursive: true, force: true });
    fs.rmSync(`${dbDir}.lock`, { force: true });
  }, 60_000);

  test(`${SIGN_UPS} sign-ups at concurrency ${CONCURRENCY}: each is created or told why not, and the film page keeps being served`, async () => {
    const actionId = readActionId("app/signup/actions.ts", "signUpAction");

    const quiet = readInLoop(base);
    await sleep(5_000);
    const before = await quiet.stop();

    const reader = readInLoop(base);
    const answers: Awaited<ReturnType<typeof signUpOverHttp>>[] = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < SIGN_UPS) {
          const i = next++;
          answers.push(await signUpOverHttp(base, actionId, i, "198.51.100.23"));
        }
      }),
    );
    const floodSeconds = (Date.now() - started) / 1000;
    const during = await reader.stop();

    const created = answers.filter((a) => a.ok).length;
    const busy = answers.filter((a) => a.error?.includes(BUSY)).length;
    const limited = answers.filter((a) => a.error && LIMITED.test(a.error)).length;
    const other = answers.filter(
      (a) => !a.ok && !a.error?.includes(BUSY) && !LIMITED.test(a.error ?? ""),
    );
    console.log(
      `Flood: ${SIGN_UPS} sign-ups in ${floodSeconds.toFixed(1)} s: ${created} created, ${busy} busy, ${limited} limited.\n` +
        `Film page without the flood: p50 ${before.p50.toFixed(1)} ms, p99 ${before.p99.toFixed(1)} ms (${before.n} reads)\n` +
        `Film page during the flood:  p50 ${during.p50.toFixed(1)} ms, p99 ${during.p99.toFixed(1)} ms (${during.n} reads)`,
    );
    expect(other.map((a) => `${a.status} ${a.error}`)).toEqual([]);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThanOrEqual(PER_ADDRESS);
    expect(during.n).toBeGreaterThan(0);
    expect(during.statuses.filter((s) => s !== 200)).toEqual([]);
    expect(before.statuses.filter((s) => s !== 200)).toEqual([]);
  }, 90_000);

  test("a cached film page carries the security headers", async () => {
    await fetch(base + FILM);
    const response = await fetch(base + FILM);
    expect(response.status).toBe(200);
    const h = response.headers;
    expect(h.get("x-nextjs-cache")).toBe("HIT");
    const csp = h.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(h.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(h.get("permissions-policy")).toContain("camera=()");
  });

  /** Signs the demo viewer in through Auth.js's endpoint; answers the session cookie line. */
  async function signInCookie(extra: Record<string, string>) {
    const csrf = await fetch(`${base}/api/auth/csrf`, { headers: extra });
    const cookies = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        ...extra,
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: cookies,
      },
      body: new URLSearchParams({ csrfToken, ...DEMO, callbackUrl: "/" }),
    });
    expect(response.status).toBe(302);
    return response.headers.getSetCookie().find((c) => /authjs\.session-token=/.test(c)) ?? "";
  }

  test("the session cookie is HttpOnly and SameSite=Lax, and Secure once a TLS proxy says https", async () => {
    const plain = await signInCookie({});
    expect(plain).toMatch(/^authjs\.session-token=/);
    expect(plain).toMatch(/;\s*HttpOnly/i);
    expect(plain).toMatch(/;\s*SameSite=Lax/i);
    expect(plain).not.toMatch(/;\s*Secure/i);

    const proxied = await signInCookie({ "X-Forwarded-Proto": "https" });
    expect(proxied).toMatch(/^__Secure-authjs\.session-token=/);
    expect(proxied).toMatch(/;\s*Secure/i);
    expect(proxied).toMatch(/;\s*HttpOnly/i);
    expect(proxied).toMatch(/;\s*SameSite=Lax/i);
  });

  test("writes sent from another site are refused: server actions and route handlers", async () => {
    const actionId = readActionId("app/signup/actions.ts", "signUpAction");
    const email = `evil.${Date.now()}@flood.reelrank.test`;
    const body = signUpBody({
      name: "Cross site",
      handle: `evil_${Date.now().toString(36)}`,
      email,
      password: "a long flood password",
    });
    const action = await fetch(`${base}/signup`, {
      method: "POST",
      headers: {
        Accept: "text/x-component",
        "Next-Action": actionId,
        Origin: "https://evil.example",
        "X-Forwarded-For": "192.0.2.99",
      },
      body,
    });
    const answer = await action.text();
    expect(action.status).toBeGreaterThanOrEqual(400);
    expect(answer).not.toContain('"ok":true');
    // and no account was made: signing in with it fails
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const attempt = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: csrf.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; "),
      },
      body: new URLSearchParams({ csrfToken, email, password: "a long flood password" }),
    });
    expect(attempt.headers.get("location")).toContain("error=CredentialsSignin");

    const upload = (origin: string) =>
      fetch(`${base}/api/me/imports`, {
        method: "POST",
        headers: { Origin: origin },
        body: new FormData(),
      });
    const crossSite = await upload("https://evil.example");
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toEqual({
      error: "Requests from other sites cannot change anything here.",
    });
    // the same request from the site itself reaches the handler, which wants a session
    expect((await upload(base)).status).toBe(401);
  });
});
