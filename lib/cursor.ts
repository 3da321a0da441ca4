/**
 * What a pagination cursor from a URL may hold before it reaches a query. JavaScript reads dates
 * from year -271821 to 275760 and integers up to 2^53, PostgreSQL's timestamps stop at year 0 and
 * its `integer` at 2^31 − 1: a value past those fails the whole query instead of finding nothing.
 */

import { isRealDate } from "./diary";

export const INT4_MAX = 2_147_483_647;

/** A whole number an `integer` column can be compared with. */
export function fitsInteger(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && Math.abs(n) <= INT4_MAX;
}

/**
 * A time as PostgreSQL prints one (`2025-10-12 09:30:01.123456+00`, which keyset cursors carry to
 * keep the microseconds) or in ISO form (`2025-10-12T09:30:01.123Z`). JavaScript's parser is
 * laxer than PostgreSQL's (it rolls 30 February over, takes any offset), so the shape is checked.
 */
const CURSOR_MOMENT =
  /^(\d{4}-\d{2}-\d{2})[ T](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?(?:Z|[+-](?:0\d|1[0-5])(?::[0-5]\d){0,2})$/;

/** A moment PostgreSQL reads as a timestamptz: a real date in years 1 to 9999, an offset within ±15:59. */
export function isCursorMoment(v: unknown): v is string {
  if (typeof v !== "string") return false;
  const m = CURSOR_MOMENT.exec(v);
  return m != null && isCursorDate(m[1]);
}

/** A day PostgreSQL reads as a `date` (`2025-03-01`, as diary pages key on): a real one, years 1 to 9999. */
export function isCursorDate(v: unknown): v is string {
  return typeof v === "string" && !v.startsWith("0000") && isRealDate(v);
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
