/**
 * The time in a keyset cursor. PostgreSQL keeps microseconds and JavaScript dates milliseconds:
 * a cursor that held a page's last time as a Date would skip the rows sharing its millisecond
 * past the page boundary. So pages write the time as the database prints it
 * (`created_at::text`), check it with `isCursorMoment` (lib/cursor.ts), and compare with
 * `<text>::timestamptz`, exact to the microsecond.
 */
import { sql, type SQL } from "drizzle-orm";

/** The cursor's time as a timestamptz parameter. */
export function momentParam(moment: string): SQL {
  return sql`${moment}::timestamptz`;
}
