// @ts-check
/**
 * The incremental cache handler (next.config `cacheHandler`) without REDIS_URL: Next's own
 * in-memory cache of rendered pages, with one change. Next dates a page by when it is stored; this
 * dates it from when it was asked for, before its render read the database (see
 * ./render-start.mjs), so that a review edited while its page was rendering is not left out of
 * that page until the next change.
 */
import { createRequire } from "node:module";
import { noteAsked, renderStart } from "./render-start.mjs";

const require = createRequire(import.meta.url);
/**
 * @typedef {{ lastModified: number }} MemoryEntry
 * @typedef {new (ctx: object) => {
 *   get(key: string, ctx: object): Promise<unknown>,
 *   set(key: string, data: unknown, ctx: object): Promise<void>,
 * }} CacheClass
 */
/** @type {{ default: CacheClass & { memoryCache?: { get(key: string): MemoryEntry | undefined } } }} */
const fileSystemCacheModule = require("next/dist/server/lib/incremental-cache/file-system-cache.js");
const FileSystemCache = fileSystemCacheModule.default;

export default class MemoryIncrementalCache extends FileSystemCache {
  /** @param {string} key @param {object} ctx */
  async get(key, ctx) {
    noteAsked(key);
    return super.get(key, ctx);
  }

  /** @param {string} key @param {unknown} data @param {object} ctx */
  async set(key, data, ctx) {
    const startedAt = renderStart(key);
    // Next's set puts the entry in memory before its first await; date it before anyone reads it
    const stored = super.set(key, data, ctx);
    const entry = FileSystemCache.memoryCache?.get(key);
    if (entry) entry.lastModified = Math.min(entry.lastModified, startedAt);
    await stored;
  }
}
