import { z } from "zod";
import { loadFilm, loadRedirect } from "@/db/cached";
import { jsonNotFound, PUBLIC_CACHE } from "@/lib/http";
import { titleWithYear } from "@/lib/format";
import { ATOM_CONTENT_TYPE, reviewsAtom } from "@/lib/seo/atom";
import { siteUrl } from "@/lib/seo/site-url";
import { FILM_SLUG_PATTERN } from "@/lib/slug";

const slugSchema = z
  .string()
  .regex(
    FILM_SLUG_PATTERN,
    "A film slug is lower-case words joined by dashes, e.g. ballerina-2023.",
  );

/** Atom: a film's newest visible reviews, the ones its page shows. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const parsed = slugSchema.safeParse((await params).slug);
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues[0]?.message }, { status: 400 });
  }
  const film = await loadFilm(parsed.data);
  if (!film) {
    const moved = await loadRedirect("film", parsed.data);
    if (moved) return Response.redirect(new URL(`/films/${moved}/reviews.xml`, request.url), 308);
    return jsonNotFound(`No film at /films/${parsed.data}.`);
  }
  const heading = titleWithYear(film.title, film.year);
  return new Response(
    reviewsAtom({ slug: film.slug, title: film.title, heading }, film.reviews.reviews, siteUrl()),
    { headers: { "Content-Type": ATOM_CONTENT_TYPE, "Cache-Control": PUBLIC_CACHE } },
  );
}
