/**
 * What a pagination cursor from a URL may hold before it reaches a query. JavaScript reads dates
 * from year -271821 to 275760 and integers up to 2^53, PostgreSQL's timestamps stop at year 0 and
 * its `integer` at 2^31 − 1: a value past those fails the whole query instead of finding nothing.
 */

export const INT4_MAX = 2_147_483_647;

/** A whole number an `integer` column can be compared with. */
export function fitsInteger(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && Math.abs(n) <= INT4_MAX;
}

/** A moment PostgreSQL can read back: one JavaScript parses, in years 1 to 9999. */
export function isCursorMoment(v: unknown): v is string {
  if (typeof v !== "string") return false;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return false;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1 && year <= 9999;
}

/**
 * A text key (a user id) a query can be given: PostgreSQL refuses a NUL byte or half a surrogate
 * pair in a parameter, which would fail the query.
 */
export function isCursorKey(v: unknown): v is string {
  return (
    typeof v === "string" &&
    v.length <= 200 &&
    !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(v)
  );
}
