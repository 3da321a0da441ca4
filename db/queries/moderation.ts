import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { AppError, notSignedIn } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import { DEFAULT_REPORT_THRESHOLD, reasonLabel, type ModerationAction } from "../../lib/moderation";
import type { Executor } from "../index";
import {
  films,
  moderationLog,
  moderationStates,
  reports,
  reviewComments,
  reviews,
  sanctions,
  settings,
  users,
  type ReportReason,
  type ReportTarget,
  type SanctionKind,
  type UserRole,
} from "../schema";
import { tags } from "../tags";
import { changeStats } from "./rating-stats";
import { consumeLimit, reportLimit } from "./rate-limits";
import type { Actor } from "./users";

// ─── Who may do what ─────────────────────────────────────────────────────────

const until = (iso: string | null) => (iso ? ` until ${formatDate(iso.slice(0, 10))}` : "");

/** Signed in, and not silenced, suspended or banned: may post, comment, like and report. */
export function assertCanParticipate(actor: Actor | null): Actor {
  if (!actor) throw notSignedIn();
  const r = actor.restriction;
  if (r?.kind === "silence") {
    throw new AppError(
      "forbidden",
      `Your account is silenced${until(r.until)}: you can read, but not post, comment, like or report.`,
    );
  }
  if (r?.kind === "suspend")
    throw new AppError("forbidden", `Your account is suspended${until(r.until)}.`);
  if (r?.kind === "ban") throw new AppError("forbidden", "Your account is banned.");
  return actor;
}

/** A moderator or admin (as the database has them now), not suspended or banned. */
export function assertModerator(actor: Actor | null): Actor {
  if (!actor) throw notSignedIn();
  if (actor.role !== "moderator" && actor.role !== "admin")
    throw new AppError("forbidden", "Only moderators can do that.");
  if (actor.restriction && actor.restriction.kind !== "silence")
    throw new AppError("forbidden", "Your account is suspended.");
  return actor;
}

export function assertAdmin(actor: Actor | null): Actor {
  const a = assertModerator(actor);
  if (a.role !== "admin") throw new AppError("forbidden", "Only admins can do that.");
  return a;
}

// ─── Settings ────────────────────────────────────────────────────────────────

export async function getReportThreshold(db: Executor): Promise<number> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, "report_threshold"));
  return typeof row?.value === "number" ? row.value : DEFAULT_REPORT_THRESHOLD;
}

// ─── Targets ─────────────────────────────────────────────────────────────────

type Target = {
  type: ReportTarget;
  id: number;
  /** The film whose aggregates a review's rating counts in. */
  filmId: number;
  authorId: string;
  authorHandle: string;
  reviewId: number;
  filmSlug: string;
  filmTitle: string;
  snapshot: Record<string, unknown>;
};

async function loadTarget(tx: Executor, type: ReportTarget, id: number): Promise<Target> {
  if (type === "review") {
    const [r] = await tx
      .select({
        id: reviews.id,
        filmId: reviews.filmId,
        userId: reviews.userId,
        handle: users.handle,
        rating: reviews.rating,
        body: reviews.body,
        spoilers: reviews.containsSpoilers,
        slug: films.slug,
        title: films.title,
      })
      .from(reviews)
      .innerJoin(users, eq(users.id, reviews.userId))
      .innerJoin(films, eq(films.id, reviews.filmId))
      .where(and(eq(reviews.id, id), isNull(reviews.deletedAt)));
    if (!r) throw new AppError("not_found", "That review does not exist.");
    return {
      type,
      id,
      filmId: r.filmId,
      authorId: r.userId,
      authorHandle: r.handle,
      reviewId: r.id,
      filmSlug: r.slug,
      filmTitle: r.title,
      snapshot: {
        author: r.handle,
        film: r.slug,
        rating: r.rating,
        body: r.body,
        containsSpoilers: r.spoilers,
      },
    };
  }
  const [c] = await tx
    .select({
      id: reviewComments.id,
      userId: reviewComments.userId,
      handle: users.handle,
      body: reviewComments.body,
      reviewId: reviewComments.reviewId,
      filmId: reviews.filmId,
      slug: films.slug,
      title: films.title,
    })
    .from(reviewComments)
    .innerJoin(users, eq(users.id, reviewComments.userId))
    .innerJoin(reviews, eq(reviews.id, reviewComments.reviewId))
    .innerJoin(films, eq(films.id, reviews.filmId))
    .where(and(eq(reviewComments.id, id), isNull(reviewComments.deletedAt)));
  if (!c) throw new AppError("not_found", "That comment does not exist.");
  return {
    type,
    id,
    filmId: c.filmId,
    authorId: c.userId,
    authorHandle: c.handle,
    reviewId: c.reviewId,
    filmSlug: c.slug,
    filmTitle: c.title,
    snapshot: { author: c.handle, film: c.slug, review: c.reviewId, body: c.body },
  };
}

/** A review's rating counts in the aggregates only while it is visible: keep them in step. */
async function followVisibility(tx: Executor, t: Target, before: string, after: string) {
  const was = before === "visible";
  const now = after === "visible";
  if (t.type !== "review" || was === now) return;
  const rating = t.snapshot.rating as number;
  await changeStats(tx, t.filmId, was ? rating : null, now ? rating : null);
}

function targetTags(t: Target): string[] {
  return [
    tags.film(t.filmSlug),
    tags.reviews(t.filmSlug),
    tags.review(t.reviewId),
    tags.user(t.authorHandle),
    tags.reviewsFeed,
  ];
}

async function stateOf(tx: Executor, type: ReportTarget, id: number) {
  const [s] = await tx
    .select()
    .from(moderationStates)
    .where(and(eq(moderationStates.targetType, type), eq(moderationStates.targetId, id)))
    .for("update");
  return (
    s ?? {
      targetType: type,
      targetId: id,
      status: "visible" as const,
      reason: null,
      autoHidden: false,
      commentsLocked: false,
    }
  );
}

async function writeState(
  tx: Executor,
  type: ReportTarget,
  id: number,
  values: Partial<{
    status: "visible" | "hidden" | "removed";
    reason: string | null;
    autoHidden: boolean;
    commentsLocked: boolean;
  }>,
) {
  await tx
    .insert(moderationStates)
    .values({ targetType: type, targetId: id, ...values })
    .onConflictDoUpdate({
      target: [moderationStates.targetType, moderationStates.targetId],
      set: { ...values, updatedAt: sql`now()` },
    });
}

async function log(
  tx: Executor,
  actor: Actor,
  entry: {
    action: string;
    targetType: string;
    targetId: string | number;
    reason?: string | null;
    note?: string | null;
    snapshot?: unknown;
  },
) {
  await tx.insert(moderationLog).values({
    actorId: actor.id,
    actorHandle: actor.handle,
    action: entry.action,
    targetType: entry.targetType,
    targetId: String(entry.targetId),
    reason: entry.reason ?? null,
    note: entry.note ?? null,
    snapshot: entry.snapshot ?? null,
  });
}

// ─── Reporting ───────────────────────────────────────────────────────────────

export async function reportContent(
  db: Executor,
  actorOrNull: Actor | null,
  input: { targetType: ReportTarget; targetId: number; reason: ReportReason; note: string | null },
) {
  const actor = assertCanParticipate(actorOrNull);
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, input.targetType, input.targetId);
    if (target.authorId === actor.id)
      throw new AppError("forbidden", `You cannot report your own ${input.targetType}.`);
    const [created] = await tx
      .insert(reports)
      .values({
        targetType: input.targetType,
        targetId: input.targetId,
        targetUserId: target.authorId,
        reporterId: actor.id,
        reason: input.reason,
        note: input.note,
      })
      .onConflictDoNothing()
      .returning({ id: reports.id });
    if (!created)
      throw new AppError("conflict", `You have already reported this ${input.targetType}.`);
    await consumeLimit(tx, reportLimit(actor));

    const [open] = await tx
      .select({ n: count() })
      .from(reports)
      .where(
        and(
          eq(reports.targetType, input.targetType),
          eq(reports.targetId, input.targetId),
          eq(reports.status, "open"),
        ),
      );
    const state = await stateOf(tx, input.targetType, input.targetId);
    const hidden = state.status === "visible" && (open?.n ?? 0) >= (await getReportThreshold(tx));
    if (hidden) {
      await writeState(tx, input.targetType, input.targetId, {
        status: "hidden",
        reason: "reports",
        autoHidden: true,
      });
      await followVisibility(tx, target, "visible", "hidden");
    }
    return { data: { hidden }, tags: hidden ? targetTags(target) : [] };
  });
}

// ─── Moderating content ──────────────────────────────────────────────────────

export async function moderateItems(
  db: Executor,
  actorOrNull: Actor | null,
  input: {
    items: { type: ReportTarget; id: number }[];
    action: ModerationAction;
    reason: string;
    note: string | null;
  },
) {
  const actor = assertModerator(actorOrNull);
  return db.transaction(async (tx) => {
    const changedTags = new Set<string>();
    for (const item of input.items) {
      const target = await loadTarget(tx, item.type, item.id);
      const before = await stateOf(tx, item.type, item.id);
      const openReports = await tx
        .select({ reason: reports.reason, reporter: users.handle })
        .from(reports)
        .innerJoin(users, eq(users.id, reports.reporterId))
        .where(
          and(
            eq(reports.targetType, item.type),
            eq(reports.targetId, item.id),
            eq(reports.status, "open"),
          ),
        );
      const resolve = (status: "dismissed" | "upheld") =>
        tx
          .update(reports)
          .set({ status, resolvedAt: sql`now()`, resolvedBy: actor.id })
          .where(
            and(
              eq(reports.targetType, item.type),
              eq(reports.targetId, item.id),
              eq(reports.status, "open"),
            ),
          );
      switch (input.action) {
        case "dismiss":
          await resolve("dismissed");
          // reports that hid it automatically were unfounded
          if (before.autoHidden && before.status === "hidden")
            await writeState(tx, item.type, item.id, {
              status: "visible",
              reason: null,
              autoHidden: false,
            });
          break;
        case "hide":
          await resolve("upheld");
          await writeState(tx, item.type, item.id, {
            status: "hidden",
            reason: input.reason,
            autoHidden: false,
          });
          break;
        case "remove":
          await resolve("upheld");
          await writeState(tx, item.type, item.id, {
            status: "removed",
            reason: input.reason,
            autoHidden: false,
          });
          break;
        case "restore":
          await resolve("dismissed");
          await writeState(tx, item.type, item.id, {
            status: "visible",
            reason: null,
            autoHidden: false,
          });
          break;
        case "spoiler":
          if (item.type !== "review")
            throw new AppError("invalid", "Only reviews can be marked as spoilers.");
          await resolve("upheld");
          await tx
            .update(reviews)
            .set({ containsSpoilers: true, updatedAt: sql`now()` })
            .where(eq(reviews.id, item.id));
          if (before.status === "hidden" && before.autoHidden)
            await writeState(tx, item.type, item.id, {
              status: "visible",
              reason: null,
              autoHidden: false,
            });
          break;
      }
      const after = await stateOf(tx, item.type, item.id);
      await followVisibility(tx, target, before.status, after.status);
      await log(tx, actor, {
        action: input.action,

        targetType: item.type,
        targetId: item.id,
        reason: input.reason,
        note: input.note,
        snapshot: {
          ...target.snapshot,
          statusBefore: before.status,
          reasonBefore: before.reason,
          openReports,
        },
      });
      targetTags(target).forEach((t) => changedTags.add(t));
    }
    return { data: { count: input.items.length }, tags: [...changedTags] };
  });
}

export async function setCommentsLocked(
  db: Executor,
  actorOrNull: Actor | null,
  input: { reviewId: number; locked: boolean; reason: string; note: string | null },
) {
  const actor = assertModerator(actorOrNull);
  return db.transaction(async (tx) => {
    const target = await loadTarget(tx, "review", input.reviewId);
    await stateOf(tx, "review", input.reviewId);
    await writeState(tx, "review", input.reviewId, { commentsLocked: input.locked });
    await log(tx, actor, {
      action: input.locked ? "lock_comments" : "unlock_comments",
      targetType: "review",
      targetId: input.reviewId,
      reason: input.reason,
      note: input.note,
      snapshot: target.snapshot,
    });
    return { data: { locked: input.locked }, tags: [tags.review(input.reviewId)] };
  });
}

// ─── Users ───────────────────────────────────────────────────────────────────

async function loadUser(tx: Executor, handle: string) {
  const [u] = await tx
    .select({
      id: users.id,
      handle: users.handle,
      name: users.name,
      role: users.role,
      email: users.email,
    })
    .from(users)
    .where(sql`lower(${users.handle}) = lower(${handle})`)
    .for("update");
  if (!u) throw new AppError("not_found", "No user has that handle.");
  return u;
}

const RANK: Record<UserRole, number> = { viewer: 0, editor: 1, moderator: 2, admin: 3 };

export async function sanctionUser(
  db: Executor,
  actorOrNull: Actor | null,
  input: {
    handle: string;
    kind: SanctionKind;
    hours: number | null;
    reason: string;
    note: string | null;
  },
) {
  const actor = assertModerator(actorOrNull);
  return db.transaction(async (tx) => {
    const user = await loadUser(tx, input.handle);
    if (user.id === actor.id) throw new AppError("forbidden", "You cannot sanction yourself.");
    if (RANK[user.role] >= RANK[actor.role])
      throw new AppError("forbidden", `Only an admin can sanction a ${user.role}.`);
    if ((input.kind === "silence" || input.kind === "suspend") && !input.hours) {
      throw new AppError("invalid", "Give a duration for a silence or a suspension.", {
        hours: "Choose how long it lasts.",
      });
    }
    const endsAt =
      input.kind === "silence" || input.kind === "suspend"
        ? sql`now() + make_interval(hours => ${input.hours})`
        : null;
    const [row] = await tx
      .insert(sanctions)
      .values({
        userId: user.id,
        kind: input.kind,
        reason: input.reason,
        note: input.note,
        endsAt,
        createdBy: actor.id,
      })
      .returning({ id: sanctions.id, endsAt: sanctions.endsAt });
    await log(tx, actor, {
      action: `sanction_${input.kind}`,
      targetType: "user",
      targetId: user.handle,
      reason: input.reason,
      note: input.note,
      snapshot: {
        user: user.handle,
        role: user.role,
        kind: input.kind,
        endsAt: row!.endsAt?.toISOString() ?? null,
      },
    });
    return { data: { sanctionId: row!.id }, tags: [tags.user(user.handle)] };
  });
}

export async function liftSanction(
  db: Executor,
  actorOrNull: Actor | null,
  input: { sanctionId: number; reason: string },
) {
  const actor = assertModerator(actorOrNull);
  return db.transaction(async (tx) => {
    const [s] = await tx
      .select({
        id: sanctions.id,
        kind: sanctions.kind,
        userId: sanctions.userId,
        handle: users.handle,
        role: users.role,
        liftedAt: sanctions.liftedAt,
      })
      .from(sanctions)
      .innerJoin(users, eq(users.id, sanctions.userId))
      .where(eq(sanctions.id, input.sanctionId))
      .for("update", { of: sanctions });
    if (!s) throw new AppError("not_found", "That sanction does not exist.");
    if (RANK[s.role] >= RANK[actor.role])
      throw new AppError("forbidden", `Only an admin can change a ${s.role}'s sanctions.`);
    if (s.liftedAt) throw new AppError("conflict", "That sanction is already lifted.");
    await tx
      .update(sanctions)
      .set({ liftedAt: sql`now()` })
      .where(eq(sanctions.id, s.id));
    await log(tx, actor, {
      action: "lift_sanction",
      targetType: "user",
      targetId: s.handle,
      reason: input.reason,
      snapshot: { sanction: s.id, kind: s.kind },
    });
    return { data: { lifted: s.id }, tags: [tags.user(s.handle)] };
  });
}

export async function setRole(
  db: Executor,
  actorOrNull: Actor | null,
  input: { handle: string; role: UserRole; reason: string },
) {
  const actor = assertAdmin(actorOrNull);
  return db.transaction(async (tx) => {
    // lock every admin: two admins demoting each other at once cannot leave none
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.role, "admin"))
      .for("update");
    const user = await loadUser(tx, input.handle);
    if (user.role === "admin" && input.role !== "admin" && admins.length <= 1) {
      throw new AppError(
        "conflict",
        "The last admin cannot be demoted: make someone else an admin first.",
      );
    }
    if (user.role === input.role) return { data: { role: user.role }, tags: [] };
    await tx
      .update(users)
      .set({ role: input.role, updatedAt: sql`now()` })
      .where(eq(users.id, user.id));
    await log(tx, actor, {
      action: "set_role",
      targetType: "user",
      targetId: user.handle,
      reason: input.reason,
      snapshot: { user: user.handle, from: user.role, to: input.role },
    });
    return { data: { role: input.role }, tags: [tags.user(user.handle)] };
  });
}

export async function setReportThreshold(
  db: Executor,
  actorOrNull: Actor | null,
  input: { threshold: number },
) {
  const actor = assertAdmin(actorOrNull);
  return db.transaction(async (tx) => {
    const before = await getReportThreshold(tx);
    await tx
      .insert(settings)
      .values({ key: "report_threshold", value: input.threshold })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value: input.threshold, updatedAt: sql`now()` },
      });
    await log(tx, actor, {
      action: "set_report_threshold",
      targetType: "setting",
      targetId: "report_threshold",
      snapshot: { from: before, to: input.threshold },
    });
    return { data: { threshold: input.threshold }, tags: [] };
  });
}

// ─── Reads for moderators ────────────────────────────────────────────────────

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

/** What the author of a hidden or removed item is told. */
export function moderationNotice(status: string, reason: string | null): string | null {
  if (status === "removed") return `Removed by a moderator: ${reasonLabel(reason)}`;
  if (status === "hidden" && reason === "reports")
    return "Hidden: reported by several readers, pending review by a moderator";
  if (status === "hidden") return `Hidden by a moderator: ${reasonLabel(reason)}`;
  return null;
}

/** A user's own reviews and comments that moderation hid or removed, with why: they are told. */
export async function listMyModeratedContent(db: Executor, { userId }: { userId: string }) {
  type Row = {
    target_type: ReportTarget;
    target_id: number;
    status: string;
    reason: string | null;
    slug: string;
    title: string;
    review_id: number;
  };
  const result = (await db.execute<Row>(sql`
    select m.target_type, m.target_id, m.status::text as status, m.reason, f.slug, f.title,
      coalesce(c.review_id, r.id) as review_id
    from moderation_states m
    left join reviews r on m.target_type = 'review' and r.id = m.target_id
    left join review_comments c on m.target_type = 'comment' and c.id = m.target_id
    join reviews rr on rr.id = coalesce(c.review_id, r.id)
    join films f on f.id = rr.film_id
    where m.status <> 'visible' and coalesce(r.user_id, c.user_id) = ${userId}
      and r.deleted_at is null and c.deleted_at is null
    order by m.updated_at desc
    limit 20`)) as { rows: Row[] };
  return result.rows.map((r) => ({
    type: r.target_type,
    film: { slug: r.slug, title: r.title },
    reviewId: r.review_id,
    notice: moderationNotice(r.status, r.reason) ?? "",
  }));
}

/** Moderation states for several items at once. */

export async function statesOf(db: Executor, type: ReportTarget, ids: number[]) {
  if (ids.length === 0)
    return new Map<number, { status: string; reason: string | null; commentsLocked: boolean }>();
  const rows = await db
    .select()
    .from(moderationStates)
    .where(and(eq(moderationStates.targetType, type), inArray(moderationStates.targetId, ids)));
  return new Map(
    rows.map((r) => [
      r.targetId,
      { status: r.status, reason: r.reason, commentsLocked: r.commentsLocked },
    ]),
  );
}
