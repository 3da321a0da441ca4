/** The dev outbox: mail written instead of sent, read by admins at /admin/outbox. */
import "server-only";
import { and, desc, lt, lte, or, sql, eq } from "drizzle-orm";
import type { Executor } from "../index";
import { mailOutbox } from "../schema";

export type OutboxMessage = {
  id: number;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
};

export type OutboxCursor = { createdAt: string; id: number };

export const OUTBOX_PAGE_SIZE = 20;

/**
 * Newest first, a page at a time after `before` (keyset on created_at, then id, so the page
 * reads along mail_outbox_created_idx). `next` is the cursor of the following page, if any.
 */
export async function listOutbox(
  db: Executor,
  { before, limit = OUTBOX_PAGE_SIZE }: { before?: OutboxCursor | null; limit?: number } = {},
): Promise<{ messages: OutboxMessage[]; next: OutboxCursor | null }> {
  const at = before ? sql`${before.createdAt}::timestamptz` : null;
  const rows = await db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      text: mailOutbox.textBody,
      // to the microsecond, as the cursor needs (a JavaScript Date keeps milliseconds)
      createdAt: sql<string>`to_char(${mailOutbox.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(mailOutbox)
    .where(
      before && at
        ? and(
            lte(mailOutbox.createdAt, at),
            or(
              lt(mailOutbox.createdAt, at),
              and(eq(mailOutbox.createdAt, at), lt(mailOutbox.id, before.id)),
            ),
          )
        : undefined,
    )
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit + 1);
  const messages = rows.slice(0, limit);
  const last = messages[messages.length - 1];
  return {
    messages,
    next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}
