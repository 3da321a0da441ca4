/**
 * `npm test`: typecheck and lint beside the unit and integration tests (PGlite, and PostgreSQL
 * when TEST_DATABASE_URL is set), the production build, then the browser tests against it on the
 * embedded database (and on PostgreSQL when TEST_DATABASE_URL is set, without the tests tagged
 * @ui, which only look at what the browser shows), and the production-server suites: two server
 * instances sharing PostgreSQL and Redis (it needs TEST_DATABASE_URL and redis-server), and a
 * server killed mid-write on each engine (db/crash.suite.ts). Ends with one line
 * `N passed, N failed, N skipped` totalling every suite.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const resultsDir = path.join(root, ".data", "test-results");

type Tally = { suite: string; passed: number; failed: number; skipped: number };
const tallies: Tally[] = [];

function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  output?: string[],
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: output ? ["ignore", "pipe", "pipe"] : "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    });
    child.stdout?.on("data", (chunk: Buffer) => output?.push(chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => output?.push(chunk.toString()));
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * A check that passes or fails as a whole. `quiet` collects its output and prints it at the end,
 * for a check that runs beside another one.
 */
async function check(suite: string, command: string, args: string[], quiet = false) {
  const output: string[] = [];
  if (!quiet) console.log(`\n── ${suite} ──`);
  const code = await run(command, args, {}, quiet ? output : undefined);
  if (quiet) console.log(`\n── ${suite} ──\n${output.join("") || (code === 0 ? "ok" : "")}`);
  tallies.push({ suite, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });
  return code === 0;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

/** A Vitest run (`args` beyond the reporters) tallied as one suite; a crash before any report fails. */
async function vitestSuite(suite: string, report: string, args: string[] = []) {
  const out = path.join(resultsDir, report);
  fs.rmSync(out, { force: true });
  const code = await run(bin("vitest"), [
    "run",
    ...args,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${out}`,
  ]);
  const result = readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  }>(out);
  tallies.push({
    suite,
    passed: result?.numPassedTests ?? 0,
    failed: result
      ? result.numFailedTests + (code !== 0 && result.numFailedTests === 0 ? 1 : 0)
      : 1,
    skipped: (result?.numPendingTests ?? 0) + (result?.numTodoTests ?? 0),
  });
}

async function vitest() {
  console.log("\n── unit and integration tests ──");
  if (!process.env.TEST_DATABASE_URL) {
    console.log("TEST_DATABASE_URL is not set: integration tests run on PGlite only.");
  }
  await vitestSuite("unit and integration", "vitest.json");
}

/**
 * Two production servers behind one database and one Redis (lib/cache/several-servers.suite.ts),
 * a server killed mid-write (db/crash.suite.ts) and one under a flood of sign-ups with its security
 * headers (bench/hardening.suite.ts): they need the build, so they run after it, with their own
 * tally.
 */
async function severalServers() {
  console.log("\n── production servers (several servers; killed mid-write; under a flood) ──");
  await vitestSuite("production servers", "vitest-servers.json", [
    "--config",
    "vitest.servers.config.ts",
  ]);
}

async function playwright(engine: "embedded" | "postgres") {
  console.log(`\n── browser tests (${engine} database) ──`);
  const out = path.join(resultsDir, `playwright-${engine}.json`);
  fs.rmSync(out, { force: true });
  const code = await run(bin("playwright"), ["test"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    E2E_ENGINE: engine,
  });
  const report = readJson<{
    stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  }>(out);
  const s = report?.stats;
  tallies.push({
    suite: `browser (${engine})`,
    passed: s ? s.expected : 0,
    failed: s ? s.unexpected + s.flaky + (code !== 0 && s.unexpected + s.flaky === 0 ? 1 : 0) : 1,
    skipped: s?.skipped ?? 0,
  });
}

async function main() {
  fs.mkdirSync(resultsDir, { recursive: true });
  const chromium = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) {
    console.error(
      `Chromium not found at ${chromium}: the browser tests need it. Install it with\n` +
        `  apt-get install -y chromium\n` +
        `or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium binary.`,
    );
    process.exit(1);
  }

  // Vitest runs one file at a time on two cores: the type check and lint use the other one.
  await Promise.all([
    vitest(),
    (async () => {
      await check("typecheck", bin("tsc"), ["--noEmit"], true);
      await check("lint", bin("eslint"), ["--max-warnings", "0", "."], true);
    })(),
  ]);
  if (await check("production build", bin("next"), ["build"])) {
    await playwright("embedded");
    if (process.env.TEST_DATABASE_URL) await playwright("postgres");
    await severalServers();
  }

  const total = tallies.reduce(
    (t, x) => ({
      passed: t.passed + x.passed,
      failed: t.failed + x.failed,
      skipped: t.skipped + x.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  console.log("\n── summary ──");
  for (const t of tallies) {
    console.log(
      `${t.suite.padEnd(24)} ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ""}`,
    );
  }
  console.log(
    `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`,
  );
  process.exit(total.failed === 0 ? 0 : 1);
}

void main();
