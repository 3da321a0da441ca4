import { defineConfig } from "vitest/config";

/**
 * The suite that needs the production build: several `next start` instances sharing Redis.
 * `npm test` runs it after the build; the main run (vitest.config.ts) does not include it.
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
