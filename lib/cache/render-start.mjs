// @ts-check
/**
 * When each page was last asked for, for the incremental cache handlers. Next dates a rendered
 * page by when it is stored, so a render that read the database before a write and finished after
 * that write's invalidation would be stored as newer than the invalidation and served, stale,
 * until the next one. The response cache asks for an entry before it renders one; dating the
 * entry from that ask (a millisecond earlier, for an invalidation in the same millisecond) makes
 * an invalidation during the render count against it.
 */

/** @type {Map<string, number>} */
const askedAt = new Map();

/** @param {string} key */
export function noteAsked(key) {
  if (askedAt.size > 10_000) askedAt.clear();
  askedAt.set(key, Date.now());
}

/**
 * The time to date an entry being stored under `key`: when it was last asked for, if it was.
 * @param {string} key
 * @returns {number}
 */
export function renderStart(key) {
  const asked = askedAt.get(key);
  askedAt.delete(key);
  return asked === undefined ? Date.now() : asked - 1;
}
