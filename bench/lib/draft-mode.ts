/**
 * The uncached film page, with no change to the app: Next's draft mode. A request carrying the
 * build's draft-mode cookie is rendered at request time: the whole-page cache is neither read nor
 * written, concurrent requests are not merged into one render, and every 'use cache' function runs
 * again without saving its result (next/dist/server/use-cache/use-cache-wrapper.js,
 * `shouldForceRevalidate`). That is the page as it would be without caching.
 */
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

/** The cookie that turns draft mode on, with the build's preview id. */
export function draftModeCookie(
  manifestFile = path.join(root, ".next", "prerender-manifest.json"),
): string {
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as {
    preview?: { previewModeId?: string };
  };
  const id = manifest.preview?.previewModeId;
  if (!id)
    throw new Error(
      `${manifestFile} has no preview.previewModeId: rebuild with \`npm run build\`.`,
    );
  return `__prerender_bypass=${id}`;
}
