// @ts-check
/**
 * The incremental cache handler (next.config `cacheHandler`) when REDIS_URL is set: the rendered
 * pages and route responses every instance serves. They live in Redis, shared; what the build
 * prerendered is read from the build output on disk (the same on every instance), as Next's own
 * file-system cache does. Before an entry is served, the tags it was rendered from (the
 * `x-next-cache-tags` header Next stores with it) are checked against the shared tag times, so a
 * page a write on another instance changed is rendered again instead of served.
 *
 * While Redis is away, reads other than the build's pages are misses and writes are dropped: no
 * instance keeps a copy another one could have invalidated.
 */
import { createRequire } from "node:module";
import { decode, encode, sharedRedis, ttlSeconds } from "./redis-shared.mjs";
import { noteAsked, renderStart } from "./render-start.mjs";

const require = createRequire(import.meta.url);
/** @type {{ default: new (ctx: object) => { get(key: string, ctx: object): Promise<Stored | null> } }} */
const fileSystemCacheModule = require("next/dist/server/lib/incremental-cache/file-system-cache.js");
const FileSystemCache = fileSystemCacheModule.default;

const KIND = "incremental";
const TAGS_HEADER = "x-next-cache-tags";

/**
 * @typedef {{
 *   lastModified: number,
 *   value: null | { kind: string, headers?: Record<string, unknown>, tags?: string[] },
 *   cacheControl?: { revalidate?: number | false, expire?: number },
 * }} Stored
 * @typedef {{ kind?: string, tags?: string[], softTags?: string[], cacheControl?: Stored["cacheControl"] }} Context
 */

/** @param {Stored} data @param {Context} ctx */
function tagsOf(data, ctx) {
  const tags = [...(ctx.tags ?? []), ...(ctx.softTags ?? [])];
  const header = data.value?.headers?.[TAGS_HEADER];
  if (typeof header === "string" && header) tags.push(...header.split(","));
  if (Array.isArray(data.value?.tags)) tags.push(...data.value.tags);
  return tags;
}

export default class RedisIncrementalCache {
  /** @param {{ fs?: unknown, serverDistDir?: string, maxMemoryCacheSize?: number }} ctx */
  constructor(ctx) {
    // the build's own pages: read-only, and never written to disk here
    this.buildOutput = new FileSystemCache({ ...ctx, flushToDisk: false, revalidatedTags: [] });
  }

  /** @param {string} key @param {Context} ctx @returns {Promise<Stored | null>} */
  async get(key, ctx) {
    // an entry rendered after this is dated from here (see ./render-start.mjs)
    noteAsked(key);
    const redis = sharedRedis();
    const client = await redis.whenReady();
    /** @type {Stored | null} */
    let data = null;
    if (client) {
      try {
        const text = await client.get(redis.entryKey(KIND, key));
        if (text) data = /** @type {Stored} */ (decode(text));
      } catch {
        data = null;
      }
      await redis.syncTags();
    }
    data ??= await this.buildOutput.get(key, ctx);
    if (!data) return null;
    const tags = tagsOf(data, ctx);
    if (redis.isExpired(tags, data.lastModified) || redis.isStale(tags, data.lastModified)) {
      return null;
    }
    return data;
  }

  /** @param {string} key @param {Stored["value"]} value @param {Context} ctx */
  async set(key, value, ctx) {
    const lastModified = renderStart(key);
    const redis = sharedRedis();
    const client = redis.ready();
    if (!client) return;
    /** @type {Stored} */
    const stored = { lastModified, value, cacheControl: ctx.cacheControl };
    try {
      await client.set(redis.entryKey(KIND, key), encode(stored), {
        expiration: { type: "EX", value: ttlSeconds(ctx.cacheControl?.expire) },
      });
    } catch {
      // dropped: the next request renders it again
    }
  }

  /** @param {string | string[]} tags @param {{ expire?: number }} [durations] */
  async revalidateTag(tags, durations) {
    await sharedRedis().updateTags(typeof tags === "string" ? [tags] : tags, durations);
  }

  resetRequestCache() {}
}
