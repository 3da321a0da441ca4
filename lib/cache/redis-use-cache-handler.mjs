// @ts-check
/**
 * The `'use cache'` handler (next.config `cacheHandlers.default` and `.remote`) when REDIS_URL is
 * set: entries live in Redis, shared by every instance, with a time to live from their `expire`;
 * tag invalidations are shared through redis-shared.mjs. No copy of an entry is kept in memory,
 * so an instance never serves what another one invalidated, not even while Redis is away: then
 * every read is a miss (the page reads the database) and every write is dropped.
 */
import { decode, encode, sharedRedis, ttlSeconds } from "./redis-shared.mjs";

/** @typedef {import("next/dist/server/lib/cache-handlers/types").CacheHandler} CacheHandler */
/** @typedef {import("next/dist/server/lib/cache-handlers/types").CacheEntry} CacheEntry */
/** @typedef {Omit<CacheEntry, "value"> & { value: Buffer }} StoredEntry */

const KIND = "use-cache";

/** Sets still being written, so that a read of the same key in this process waits for them. */
/** @type {Map<string, Promise<void>>} */
const pendingSets = new Map();

/** @param {ReadableStream<Uint8Array>} stream */
async function readAll(stream) {
  /** @type {Uint8Array[]} */
  const chunks = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** @type {CacheHandler} */
const handler = {
  async get(cacheKey, softTags) {
    const pending = pendingSets.get(cacheKey);
    if (pending) await pending;
    const redis = sharedRedis();
    const client = await redis.whenReady();
    if (!client) return undefined;
    let text;
    try {
      text = await client.get(redis.entryKey(KIND, cacheKey));
    } catch {
      return undefined;
    }
    if (!text) return undefined;
    const entry = /** @type {StoredEntry} */ (decode(text));
    if (Date.now() > entry.timestamp + entry.expire * 1000) return undefined;
    await redis.syncTags();
    if (redis.isExpired([...entry.tags, ...softTags], entry.timestamp)) return undefined;
    const revalidate = redis.isStale(entry.tags, entry.timestamp) ? -1 : entry.revalidate;
    const bytes = entry.value;
    return {
      ...entry,
      revalidate,
      value: new ReadableStream({
        start(controller) {
          controller.enqueue(new Uint8Array(bytes));
          controller.close();
        },
      }),
    };
  },

  async set(cacheKey, pendingEntry) {
    /** @type {() => void} */
    let done = () => {};
    pendingSets.set(
      cacheKey,
      new Promise((resolve) => {
        done = resolve;
      }),
    );
    try {
      const entry = await pendingEntry;
      const value = await readAll(entry.value);
      // an entry that expires at once is dynamic: Next renders it again on every read
      if (entry.expire === 0) return;
      const redis = sharedRedis();
      const client = redis.ready();
      if (!client) return;
      /** @type {StoredEntry} */
      const stored = { ...entry, value };
      await client.set(redis.entryKey(KIND, cacheKey), encode(stored), {
        expiration: { type: "EX", value: ttlSeconds(entry.expire) },
      });
    } catch {
      // dropped: the next read renders it again
    } finally {
      pendingSets.delete(cacheKey);
      done();
    }
  },

  async refreshTags() {
    await sharedRedis().syncTags();
  },

  async getExpiration(tags) {
    const redis = sharedRedis();
    // Without Redis nothing is read from the cache anyway; the copy is the best answer there is.
    return redis.expiration(tags);
  },

  async updateTags(tags, durations) {
    await sharedRedis().updateTags(tags, durations);
  },
};

export default handler;
