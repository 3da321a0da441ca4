import { desc, and, eq, gt, isNull, sql } from "drizzle-orm";
import { auth } from "@/auth";
import { getDb } from "@/db/index";
import { listMyModeratedContent } from "@/db/queries/moderation/notices";
import { activeRestriction } from "@/db/queries/users";
import { sanctions } from "@/db/schema";
import { reasonLabel } from "@/lib/moderation";

/** The signed-in user's own standing: a silence, suspension or ban in force, and recent warnings. */
export async function GET() {
  const session = await auth();
  if (!session?.user?.id)
    return Response.json(
      { signedIn: false },
      { headers: { "Cache-Control": "private, no-store" } },
    );
  const db = await getDb();
  const userId = session.user.id;
  const [restriction, moderated, warnings] = await Promise.all([
    activeRestriction(db, { userId }),
    listMyModeratedContent(db, { userId }),
    db
      .select({ reason: sanctions.reason, note: sanctions.note, at: sanctions.startsAt })
      .from(sanctions)
      .where(
        and(
          eq(sanctions.userId, userId),
          eq(sanctions.kind, "warn"),
          isNull(sanctions.liftedAt),
          gt(sanctions.startsAt, sql`now() - interval '30 days'`),
        ),
      )
      .orderBy(desc(sanctions.startsAt))
      .limit(5),
  ]);
  return Response.json(
    {
      signedIn: true,
      restriction: restriction ? { ...restriction, reason: reasonLabel(restriction.reason) } : null,
      moderated,
      warnings: warnings.map((w) => ({
        reason: reasonLabel(w.reason),
        note: w.note,
        at: w.at.toISOString(),
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
