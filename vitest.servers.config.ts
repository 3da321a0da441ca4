import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * The suites that need the production build: several production servers sharing Redis, and
 * a server killed mid-write (db/crash.suite.ts), and one server under a flood of sign-ups with its
 * security headers and cross-site refusals (bench/hardening.suite.ts). `npm test` runs them after
 * the build; the main run (vitest.config.ts) does not include them.
 */
export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // the crash suite seeds its database with the query modules, which import "server-only"
      "server-only": path.join(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    environment: "node",
    include: [
      "lib/cache/several-servers.suite.ts",
      "db/crash.suite.ts",
      "bench/hardening.suite.ts",
    ],
    // each starts production servers: one file at a time, so none times another's load
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
