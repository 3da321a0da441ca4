/**
 * The time in a keyset cursor. PostgreSQL keeps microseconds and JavaScript dates milliseconds:
 * a cursor that held a page's last time as a Date would skip the rows sharing its millisecond
 * past the page boundary. So pages write the time as the database prints it
 * (`created_at::text`) and compare with `<text>::timestamptz`, exact to the microsecond.
 */
import { sql, type SQL } from "drizzle-orm";
import { isRealDate } from "../../lib/diary";

/**
 * A time PostgreSQL reads as a timestamptz without failing: as it prints one
 * (`2025-10-12 09:30:01.123456+00`) or in ISO form (`2025-10-12T09:30:01.123Z`, the form of
 * cursors written before). Its date must exist, its offset lie within ±15:59:59 and its year
 * from 1, or the query would fail instead of finding nothing.
 */
export const KEYSET_MOMENT =
  /^(\d{4}-\d{2}-\d{2})[ T](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?(?:Z|[+-](?:0\d|1[0-5])(?::[0-5]\d){0,2})$/;

/** The cursor's time when a query can compare with it; null (the first page) otherwise. */
export function keysetMoment(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const m = KEYSET_MOMENT.exec(v);
  return m && !m[1]!.startsWith("0000") && isRealDate(m[1]!) ? v : null;
}

/** The cursor's time as a timestamptz parameter. */
export function momentParam(moment: string): SQL {
  return sql`${moment}::timestamptz`;
}
