import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // Query modules import "server-only" to keep them out of client bundles; tests are servers.
      "server-only": path.join(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    // next-auth imports "next/server" without an extension, which only a bundler resolves
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    testTimeout: 30_000,

    hookTimeout: 60_000,
  },
});
