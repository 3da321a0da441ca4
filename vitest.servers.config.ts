import { defineConfig } from "vitest/config";

/**
 * The suites that need the production build: several `next start` instances sharing Redis, and
 * one server under a flood of sign-ups with its security headers and cross-site refusals.
 * `npm test` runs them after the build; the main run (vitest.config.ts) does not include them.
 */
export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    environment: "node",
    include: ["lib/cache/several-servers.suite.ts", "bench/hardening.suite.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
