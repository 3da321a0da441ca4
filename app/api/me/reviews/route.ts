import { auth } from "@/auth";
import { getDb } from "@/db/index";
import { exportUserReviews } from "@/db/queries/reviews";
import { toCsv } from "@/lib/csv";

/** The signed-in user's own reviews and ratings, as CSV. */
export async function GET() {
  const session = await auth();
  if (!session?.user?.id)
    return Response.json({ error: "Sign in to download your reviews." }, { status: 401 });
  const rows = await exportUserReviews(await getDb(), { userId: session.user.id });
  const csv = toCsv(
    [
      "film",
      "year",
      "url",
      "rating_stars",
      "review",
      "contains_spoilers",
      "watched_on",
      "posted_at",
      "edited_at",
      "likes",
    ],
    rows.map((r) => [
      r.film,
      r.year,
      `/films/${r.slug}`,
      r.rating / 2,
      r.review,
      r.containsSpoilers,
      r.watchedOn,
      r.createdAt.toISOString(),
      r.editedAt?.toISOString() ?? null,
      r.likes,
    ]),
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="reelrank-${session.user.handle}-reviews.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
