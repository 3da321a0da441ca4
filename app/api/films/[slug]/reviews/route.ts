import { z } from "zod";
import { loadFilmReviews } from "@/db/cached";
import { REVIEW_SORTS } from "@/db/queries/reviews";
import { jsonNotFound, jsonOk } from "@/lib/http";

const Query = z.object({
  sort: z.enum(REVIEW_SORTS).default("newest"),
  cursor: z.string().max(200).optional(),
});

/** A page of a film's reviews: `?sort=newest|liked|highest|lowest&cursor=…` (the `next` of the page before). */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success)
    return Response.json(
      { error: "sort must be newest, liked, highest or lowest." },
      { status: 400 },
    );
  const page = await loadFilmReviews(slug, parsed.data.sort, parsed.data.cursor ?? null);
  if (!page) return jsonNotFound(`No film at /films/${slug}.`);
  return jsonOk(page);
}
