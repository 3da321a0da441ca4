import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Playwright's own browser download cannot work here: we drive the system Chromium.
export const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? "/usr/bin/chromium";
if (!fs.existsSync(chromiumPath)) {
  throw new Error(
    `Chromium not found at ${chromiumPath}. Install it with "apt-get install -y chromium", ` +
      `or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium binary.`,
  );
}

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  // Tests tagged @ui check what the browser shows of the same pages (accessibility, focus, layout,
  // titles), which no database changes: they run on the embedded database's pass only.
  grepInvert: process.env.E2E_ENGINE === "postgres" ? /@ui/ : undefined,
  retries: 0,
  // journeys sign people up and in (argon2id by design costs CPU) on a 2-core machine
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME
    ? [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME }]]
    : [["list"]],
  use: {
    baseURL,
    // kept for a failed test only; without the screencast, which costs a sixth of the run's CPU
    trace: { mode: "retain-on-failure", screenshots: false },
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: /admin-data/ },
    // The Netflix sync writes a new week while it runs, and on the embedded database (one
    // connection) it holds everyone else's queries for its few seconds: it goes last, alone.
    {
      name: "sync",
      use: { ...devices["Desktop Chrome"] },
      testMatch: /admin-data/,
      dependencies: ["chromium"],
    },
  ],
  webServer: {
    // The production build on a fresh embedded database seeded for the test.
    // react-server: the query modules are server-only
    command: "tsx --conditions=react-server scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    env: { PORT: String(port) },
    reuseExistingServer: false,
    // the first start seeds the whole catalogue; on a busy 2-core machine that can take minutes
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
