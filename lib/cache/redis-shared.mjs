// @ts-check
/**
 * What the two Redis cache handlers share: one connection per process, whether Redis answers, the
 * tag invalidation times every instance agrees on, and the byte-safe encoding of entries.
 *
 * Plain JavaScript because Next loads cache handlers with `import()` at run time, outside its
 * bundler, and Node 20 cannot load TypeScript. Types are in the `.d.mts` beside it.
 *
 * Tags: `tags:expired` and `tags:stale` are hashes (tag → milliseconds since the epoch), and
 * `tags:version` changes with every invalidation. Each process keeps a copy of the hashes and
 * asks for the version at most every TAG_SYNC_MS, reloading the hashes when it changed, so a tag
 * invalidated on one instance makes the others drop their entries for it within that time.
 */
import fs from "node:fs";
import path from "node:path";
import { createClient } from "@redis/client";

/** How long a cache read may wait for Redis before it counts as a miss. */
export const COMMAND_TIMEOUT_MS = 250;
/** How stale the copy of the tag times may be: the time for an invalidation to reach the others. */
export const TAG_SYNC_MS = 100;

const PREFIX = process.env.REDIS_KEY_PREFIX ?? "reelrank:";
const EXPIRED = `${PREFIX}tags:expired`;
const STALE = `${PREFIX}tags:stale`;
const VERSION = `${PREFIX}tags:version`;

/** @typedef {{ stale?: number, expired?: number }} TagTimes */

/** The address without its password, for the log. */
function describe(/** @type {string} */ url) {
  try {
    const u = new URL(url);
    u.password = "";
    u.username = "";
    return u.toString().replace(/\/$/, "");
  } catch {
    return "(invalid REDIS_URL)";
  }
}

/**
 * Entries of one build are not readable by another (their payloads reference the build's
 * modules), so entry keys carry the build ID; tag times are about the data and are shared.
 */
function readBuildId() {
  try {
    return fs.readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return "unbuilt";
  }
}

export class SharedRedis {
  /** @param {string} url */
  constructor(url) {
    this.url = url;
    this.label = describe(url);
    this.entryPrefix = `${PREFIX}${readBuildId()}:`;
    /** @type {Map<string, TagTimes>} */
    this.tags = new Map();
    /** invalidations made while Redis did not answer, sent when it is back */
    /** @type {{ tags: string[], now: number, expire: number | undefined, durations: boolean }[]} */
    this.pending = [];
    this.version = /** @type {string | null} */ (null);
    this.lastSync = 0;
    /** @type {Promise<void> | null} */
    this.syncing = null;
    /** null until the first connection attempt settles */
    this.available = /** @type {boolean | null} */ (null);
    this.closed = false;

    this.client = createClient({
      url,
      // Commands fail at once while the connection is down instead of waiting in a queue.
      disableOfflineQueue: true,
      commandOptions: { timeout: COMMAND_TIMEOUT_MS },
      socket: {
        connectTimeout: COMMAND_TIMEOUT_MS,
        // keep trying in the background, never more than a second apart
        reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1000),
      },
    });
    this.client.on("ready", () => this.setAvailable(true));
    this.client.on("error", () => this.setAvailable(false));
    this.client.on("end", () => this.setAvailable(false));
    this.connected = this.client.connect().then(
      () => undefined,
      () => this.setAvailable(false),
    );
  }

  /** Logs each change once: a dead Redis fails every reconnection, which must not flood the log. */
  setAvailable(/** @type {boolean} */ up) {
    if (this.available === up || this.closed) return;
    const before = this.available;
    this.available = up;
    if (!up) {
      console.warn(`Redis at ${this.label} unavailable: serving without the shared cache`);
    } else if (before === false) {
      console.warn(`Redis at ${this.label} available again: using the shared cache`);
      this.lastSync = 0;
      this.version = null;
    }
    if (up) void this.flushPending();
  }

  /** The client when it can answer now, else null (the caller treats that as a miss). */
  ready() {
    return this.client.isReady ? this.client : null;
  }

  /**
   * Like ready(), but the first requests of a process wait for the first connection, at most one
   * command timeout: `connect()` stays pending for as long as Redis does not answer.
   */
  async whenReady() {
    if (!this.client.isReady && this.available === null) {
      await Promise.race([
        this.connected,
        new Promise((resolve) => setTimeout(resolve, COMMAND_TIMEOUT_MS).unref()),
      ]);
    }
    return this.ready();
  }

  entryKey(/** @type {string} */ kind, /** @type {string} */ key) {
    return `${this.entryPrefix}${kind}:${key}`;
  }

  /** Brings the copy of the tag times up to date, at most once every TAG_SYNC_MS. */
  async syncTags() {
    if (Date.now() - this.lastSync < TAG_SYNC_MS) return;
    this.syncing ??= this.loadTags().finally(() => {
      this.syncing = null;
    });
    await this.syncing;
  }

  async loadTags() {
    const client = await this.whenReady();
    if (!client) return;
    try {
      const version = await client.get(VERSION);
      this.lastSync = Date.now();
      if (version !== null && version === this.version) return;
      const [expired, stale] = await Promise.all([client.hGetAll(EXPIRED), client.hGetAll(STALE)]);
      /** @type {Map<string, TagTimes>} */
      const tags = new Map();
      for (const [tag, at] of Object.entries(expired)) tags.set(tag, { expired: Number(at) });
      for (const [tag, at] of Object.entries(stale)) {
        tags.set(tag, { ...tags.get(tag), stale: Number(at) });
      }
      // what this process invalidated while Redis was away still holds until it is sent
      for (const p of this.pending) applyLocally(tags, p.tags, p.now, p.durations, p.expire);
      this.tags = tags;
      this.version = version;
    } catch {
      // a timeout: keep the copy, try again on the next read
    }
  }

  /**
   * Records an invalidation here at once (so this instance never serves what it just changed)
   * and in Redis for the others; while Redis is away it waits in `pending`.
   * @param {string[]} tags
   * @param {{ expire?: number }} [durations]
   */
  async updateTags(tags, durations) {
    if (tags.length === 0) return;
    const now = Date.now();
    const update = { tags, now, expire: durations?.expire, durations: Boolean(durations) };
    applyLocally(this.tags, tags, now, update.durations, update.expire);
    if (!(await this.send(update))) this.pending.push(update);
  }

  /** @param {{ tags: string[], now: number, expire: number | undefined, durations: boolean }} update */
  async send(update) {
    const client = this.ready();
    if (!client) return false;
    const expired = /** @type {Record<string, string>} */ ({});
    const stale = /** @type {Record<string, string>} */ ({});
    for (const tag of update.tags) {
      const times = timesFor(update.now, update.durations, update.expire);
      if (times.expired !== undefined) expired[tag] = String(times.expired);
      if (times.stale !== undefined) stale[tag] = String(times.stale);
    }
    try {
      const multi = client.multi();
      if (Object.keys(expired).length) multi.hSet(EXPIRED, expired);
      if (Object.keys(stale).length) multi.hSet(STALE, stale);
      multi.set(VERSION, `${update.now}-${Math.random().toString(36).slice(2)}`);
      await multi.exec();
      return true;
    } catch {
      return false;
    }
  }

  /** Closes the connection (tests; a server keeps its one for its lifetime). */
  close() {
    this.closed = true;
    this.client.destroy();
  }

  async flushPending() {
    while (this.pending.length) {
      const next = this.pending[0];
      if (!next || !(await this.send(next))) return;
      this.pending.shift();
    }
  }

  /** The latest time any of these tags was invalidated (0 if never), as Next's getExpiration wants. */
  expiration(/** @type {string[]} */ tags) {
    let latest = 0;
    for (const tag of tags) latest = Math.max(latest, this.tags.get(tag)?.expired ?? 0);
    return latest;
  }

  /** Whether an entry made at `timestamp` with these tags was invalidated since. */
  isExpired(/** @type {string[]} */ tags, /** @type {number} */ timestamp) {
    const now = Date.now();
    return tags.some((tag) => {
      const at = this.tags.get(tag)?.expired;
      return at !== undefined && at <= now && at > timestamp;
    });
  }

  /** Whether one of these tags was marked stale (revalidate in the background) since `timestamp`. */
  isStale(/** @type {string[]} */ tags, /** @type {number} */ timestamp) {
    return tags.some((tag) => (this.tags.get(tag)?.stale ?? 0) > timestamp);
  }
}

/**
 * The same rule as Next's own tag manifest: without durations a tag expires now; with them it is
 * stale now and expires after `expire` seconds.
 * @param {number} now @param {boolean} durations @param {number | undefined} expire
 * @returns {TagTimes}
 */
function timesFor(now, durations, expire) {
  if (!durations) return { expired: now };
  return { stale: now, expired: expire === undefined ? undefined : now + expire * 1000 };
}

/**
 * @param {Map<string, TagTimes>} map @param {string[]} tags @param {number} now
 * @param {boolean} durations @param {number | undefined} expire
 */
function applyLocally(map, tags, now, durations, expire) {
  const times = timesFor(now, durations, expire);
  for (const tag of tags) {
    const before = map.get(tag) ?? {};
    map.set(tag, {
      stale: times.stale ?? before.stale,
      expired: times.expired ?? before.expired,
    });
  }
}

const GLOBAL_KEY = Symbol.for("reelrank.redis-cache");

/**
 * The process's one connection, made on first use. Kept on globalThis: Next may load the two
 * handler modules through different paths, and they must share the tag times.
 * @returns {SharedRedis}
 */
export function sharedRedis() {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error("The Redis cache handlers need REDIS_URL.");
  const holder = /** @type {Record<symbol, SharedRedis | undefined>} */ (
    /** @type {unknown} */ (globalThis)
  );
  return (holder[GLOBAL_KEY] ??= new SharedRedis(url));
}

/**
 * JSON that keeps Buffers, Uint8Arrays and Maps (page entries hold all three).
 * @param {unknown} value
 */
export function encode(value) {
  return JSON.stringify(value, function (key, v) {
    const raw = /** @type {Record<string, unknown>} */ (this)[key];
    if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw).toString("base64") };
    if (raw instanceof Map) return { $map: [...raw.entries()] };
    return /** @type {unknown} */ (v);
  });
}

/** @param {string} text */
export function decode(text) {
  return /** @type {unknown} */ (
    JSON.parse(text, (_key, v) => {
      if (v && typeof v === "object") {
        if (typeof v.$bytes === "string" && Object.keys(v).length === 1) {
          return Buffer.from(v.$bytes, "base64");
        }
        if (Array.isArray(v.$map) && Object.keys(v).length === 1) return new Map(v.$map);
      }
      return /** @type {unknown} */ (v);
    })
  );
}

/**
 * Seconds an entry may live in Redis: its `expire`, or a month for entries that never expire,
 * so that keys of builds no longer running go away by themselves.
 * @param {number | undefined} expire
 */
export function ttlSeconds(expire) {
  const month = 30 * 24 * 3600;
  if (expire === undefined || !Number.isFinite(expire)) return month;
  return Math.max(1, Math.min(Math.ceil(expire), month));
}
