import path from "node:path";
import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { MAX_UPLOAD_FORM_BYTES } from "./lib/limits";
import { securityHeaders } from "./lib/security-headers";

const nextConfig: NextConfig = {
  cacheComponents: true,
  // Off on purpose: with it, the first request for a URL not prerendered at build gets the shared
  // shell at once and streams the rest, so an unknown film answers 200 instead of a real 404, and
  // no complete per-URL entry is cached. Without it, that first request renders the whole page.
  partialPrefetching: false,
  reactStrictMode: true,
  poweredByHeader: false,
  // scripts/serve.mjs compresses, gzipping a page every reader shares once instead of per request
  compress: false,
  // Next would hash every page's whole HTML (FNV-1a in JavaScript) on every request to make an
  // ETag: for a 150 KB film page served from cache that hash costs more than sending it.
  // Conditional requests are the CDN's or nginx's job (they cache by Cache-Control).
  generateEtags: false,
  // Types are checked by `npm run typecheck` (npm test runs it before the build): a second pass in
  // every build would only slow the first `npm start` on a fresh clone by 20 s.
  typescript: { ignoreBuildErrors: true },
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  experimental: {
    // Cached pages live in memory only: a server started after a command-line import (which
    // needs the embedded database to itself) must not serve pages cached before it.
    isrFlushToDisk: false,
    // proxy.ts runs on /api/*, and Next then hands a route handler only the first this-many bytes
    // of a body (10 MB by default). A Letterboxd upload form may weigh MAX_UPLOAD_FORM_BYTES and
    // must arrive whole; a body past that must arrive past it, for /api/me/imports to answer 413
    // rather than fail to read a cut-off form.
    proxyClientMaxBodySize: MAX_UPLOAD_FORM_BYTES + 1024 * 1024,
  },
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  rewrites() {
    // Shared pages that read the database live under dynamic segments, so that the build (which
    // has no database) prerenders only their shells and each URL is cached on its first request.
    // `/films?…` has too many combinations for rewrites: proxy.ts maps its query onto a segment.
    return Promise.resolve({
      beforeFiles: [
        { source: "/", destination: "/home/current" },
        // `/search?q=ballerina` → `/search/results/ballerina`, cached per query. A rewrite puts
        // the text into the path as it is, unescaped, so a q that would change the path's meaning
        // (`/`, `\`, `?`, `#`, `%`, a lone `.` or `..`) goes to the dynamic /search/query, which
        // reads it from the query string. An empty q stays on /search.
        {
          source: "/search",
          has: [{ type: "query", key: "q", value: "(?<q>(?!\\.{1,2}$)[^/\\\\?#%]+)" }],
          destination: "/search/results/:q",
        },
        {
          source: "/search",
          has: [{ type: "query", key: "q", value: ".+" }],
          destination: "/search/query",
        },
        { source: "/charts", destination: "/charts/latest/films-english" },
        { source: "/charts/most-popular", destination: "/charts/most-popular/current" },
      ],
      afterFiles: [],
      fallback: [],
    });
  },
  headers() {
    // `next build` and `next start` run with NODE_ENV=production, `next dev` with development
    const production = process.env.NODE_ENV === "production";
    return Promise.resolve([{ source: "/:path*", headers: securityHeaders({ production }) }]);
  },
};

/**
 * With REDIS_URL, several `next start` instances share one cache in Redis (see lib/cache/): the
 * rendered pages (`cacheHandler`) and the `'use cache'` entries (`cacheHandlers`). `next start`
 * reads this file again, so REDIS_URL counts where the server starts, whatever the build had.
 * Without it, one process keeps both in memory: Next's own caches, but for the rendered pages
 * dated from before their render rather than after it (lib/cache/render-start.mjs).
 * The build itself keeps Next's own caches: it has no database, and what it prerenders is read
 * from its output on disk.
 */
function serverCache(phase: string): Partial<NextConfig> {
  if (phase === PHASE_PRODUCTION_BUILD) return {};
  // Next imports these at run time without its bundler, hence plain JavaScript and full paths
  // (this file is compiled to CommonJS, where __dirname is the project folder).
  const dir = typeof __dirname === "string" ? __dirname : process.cwd();
  const handler = (name: string) => path.join(dir, "lib/cache", name);
  if (!process.env.REDIS_URL) {
    return { cacheHandler: handler("memory-incremental-handler.mjs") };
  }
  const useCache = handler("redis-use-cache-handler.mjs");
  return {
    cacheHandler: handler("redis-incremental-handler.mjs"),
    cacheHandlers: { default: useCache, remote: useCache },
  };
}

export default function config(phase: string): NextConfig {
  return { ...nextConfig, ...serverCache(phase) };
}
