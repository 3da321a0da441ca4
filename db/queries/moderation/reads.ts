/** What moderators read at /mod: the queue of reported items, the log, a user's record, user search. */
import "server-only";
import { asc, count, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../index";
import {
  moderationLog,
  reports,
  sanctions,
  users,
  type ReportReason,
  type ReportTarget,
} from "../../schema";
import { loadTarget, statesOf } from "./state";

export type QueueSort = "most" | "oldest" | "newest";

export type QueueItem = {
  type: ReportTarget;
  id: number;
  reports: number;
  reasons: string[];
  reporters: string[];
  notes: string[];
  firstReportedAt: string;
  lastReportedAt: string;
  /** Since the first open report, by the database's clock. */
  waitingMinutes: number;
  status: string;
  statusReason: string | null;
  /** For a review: whether new comments on it are refused. */
  commentsLocked: boolean;
  body: string | null;
  rating: number | null;
  author: string;
  film: { slug: string; title: string };
  reviewId: number;
};

/** Open reports, one entry per reported item. */
export async function listModerationQueue(
  db: Executor,
  { sort, reason }: { sort: QueueSort; reason: ReportReason | null },
): Promise<QueueItem[]> {
  type Row = {
    target_type: ReportTarget;
    target_id: number;
    n: number;
    reasons: string[];
    reporters: string[];
    notes: string[];
    first_at: string;
    last_at: string;
    waiting: number;
  };
  // both drivers answer raw SQL with { rows }
  const rows = (await db.execute<Row>(sql`

    select r.target_type, r.target_id, count(*)::int as n,
      array_agg(distinct r.reason::text) as reasons,
      array_agg(distinct u.handle) as reporters,
      array_remove(array_agg(r.note), null) as notes,
      min(r.created_at)::text as first_at, max(r.created_at)::text as last_at,
      floor(extract(epoch from now() - min(r.created_at)) / 60)::int as waiting
    from reports r join users u on u.id = r.reporter_id
    where r.status = 'open'
    group by r.target_type, r.target_id
    having ${reason ? sql`bool_or(r.reason = ${reason})` : sql`true`}
    order by ${sort === "most" ? sql`count(*) desc, min(r.created_at)` : sort === "oldest" ? sql`min(r.created_at)` : sql`max(r.created_at) desc`}
    limit 200`)) as { rows: Row[] };

  const items: QueueItem[] = [];
  // one read of the moderation states per kind of item; a read takes no locks
  const ofType = (type: ReportTarget) =>
    rows.rows.filter((r) => r.target_type === type).map((r) => r.target_id);
  const states = {
    review: await statesOf(db, "review", ofType("review")),
    comment: await statesOf(db, "comment", ofType("comment")),
  };
  for (const row of rows.rows) {
    // an item deleted by its author since it was reported leaves the queue
    const target = await loadTarget(db, row.target_type, row.target_id).catch(() => null);
    if (!target) continue;
    const state = states[row.target_type].get(row.target_id) ?? {
      status: "visible",
      reason: null,
      commentsLocked: false,
    };
    items.push({
      type: row.target_type,
      id: row.target_id,
      reports: row.n,
      reasons: row.reasons,
      reporters: row.reporters,
      notes: row.notes,
      firstReportedAt: new Date(row.first_at).toISOString(),
      lastReportedAt: new Date(row.last_at).toISOString(),
      waitingMinutes: row.waiting,

      status: state.status,
      statusReason: state.reason,
      commentsLocked: state.commentsLocked,

      body: (target.snapshot.body as string | null) ?? null,
      rating: (target.snapshot.rating as number | undefined) ?? null,
      author: target.authorHandle,
      film: { slug: target.filmSlug, title: target.filmTitle },
      reviewId: target.reviewId,
    });
  }
  return items;
}

export async function listModerationLog(db: Executor, { limit }: { limit: number }) {
  return db
    .select()
    .from(moderationLog)
    .orderBy(desc(moderationLog.createdAt), desc(moderationLog.id))
    .limit(limit);
}

/** A user's record for moderators: reports made and received (and how they ended), sanctions. */
export async function getUserRecord(db: Executor, { handle }: { handle: string }) {
  const [user] = await db
    .select({
      id: users.id,
      handle: users.handle,
      name: users.name,
      role: users.role,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(sql`lower(${users.handle}) = lower(${handle})`);
  if (!user) return null;
  const made = await db
    .select({ status: reports.status, n: count() })
    .from(reports)
    .where(eq(reports.reporterId, user.id))
    .groupBy(reports.status);
  const received = await db
    .select({ status: reports.status, n: count() })
    .from(reports)
    .where(eq(reports.targetUserId, user.id))
    .groupBy(reports.status);
  const history = await db
    .select()
    .from(sanctions)
    .where(eq(sanctions.userId, user.id))
    .orderBy(desc(sanctions.startsAt));
  const byStatus = (rows: { status: string; n: number }[]) =>
    Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
  return {
    user,
    reportsMade: byStatus(made),
    reportsReceived: byStatus(received),
    sanctions: history,
  };
}

export async function findUsers(db: Executor, { query }: { query: string }) {
  const q = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({
      handle: users.handle,
      name: users.name,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(
      query
        ? sql`${users.handle} ilike ${q} or ${users.email} ilike ${q} or ${users.name} ilike ${q}`
        : undefined,
    )
    .orderBy(asc(users.handle))
    .limit(100);
}
