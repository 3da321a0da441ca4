/**
 * Page throughput: the production server (run `npm run build` first) on a fresh seeded embedded
 * database, 64 connections per URL. The baseline, measured in the same run against the same
 * server, is /about: a page prerendered at build time. Shared pages should come close to it,
 * because they are served from cache after their first request.
 *
 *   npm run build && npm run bench:pages
 */
import { spawn } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import { summarise } from "./lib/load";
import { waitFor } from "./lib/server";

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const root = path.resolve(import.meta.dirname, "..");

const BASELINE = "/about";
const URLS = [
  "/films/ballerina-2023",
  "/charts/2023-10-15/films-non-english",
  "/films",
  "/films?list=non-english&kind=film&sort=rank",
  "/people/lee-chung-hyun",
  "/",
  "/search?q=ballerina",
  "/api/search?q=balerina",
  "/films/ballerina-2023/reviews.xml",
  "/sitemaps/films-1.xml",
  "/api/films/ballerina-2023",
];

async function measure(url: string) {
  return summarise(await autocannon({ url: BASE + url, connections: 64, duration: SECONDS }));
}

async function main() {
  const server = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/e2e-server.ts")],
    {
      cwd: root,
      env: { ...process.env, PORT: String(PORT) },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  try {
    await waitFor(`${BASE}/api/health`, 60_000);
    // first request renders and caches; then a short load on each URL warms the JIT
    for (const url of [BASELINE, ...URLS]) await fetch(BASE + url);
    for (const url of [BASELINE, ...URLS])
      await autocannon({ url: BASE + url, connections: 8, duration: 1 });
    // the baseline is measured before and after the pages, and averaged, so drift shows
    const before = await measure(BASELINE);
    const results = [];
    for (const url of URLS) results.push({ url, ...(await measure(url)) });
    const after = await measure(BASELINE);
    const baseline = (before.rps + after.rps) / 2;
    console.log(
      `baseline ${BASELINE} (prerendered): ${baseline.toFixed(0)} req/s (${before.rps.toFixed(0)} before, ${after.rps.toFixed(0)} after)`,
    );
    for (const m of results) {
      console.log(
        `${m.url.padEnd(40)} ${m.rps.toFixed(0).padStart(6)} req/s  p99 ${String(m.p99).padStart(4)} ms  ` +
          `${(m.rps / baseline).toFixed(2)}× baseline${m.errors ? `  (${m.errors} errors)` : ""}`,
      );
    }
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
