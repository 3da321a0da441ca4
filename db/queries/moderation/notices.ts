/** What the author of a hidden or removed item is told, and the list of their own such items. */
import "server-only";
import { sql } from "drizzle-orm";
import { reasonLabel } from "../../../lib/moderation";
import type { Executor } from "../../index";
import type { ReportTarget } from "../../schema";

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
