import { cacheLife, cacheTag } from "next/cache";
import { BUILD_PLACEHOLDER, loadFilm, loadRedirect } from "@/db/cached";
import { tags } from "@/db/tags";
import { jsonNotFound, PUBLIC_CACHE } from "@/lib/http";
import { averageStars, HALF_STAR_VALUES } from "@/lib/rating";
import { movementOf, movementSymbol } from "@/lib/top10/movement";

export function generateStaticParams() {
  return [{ slug: BUILD_PLACEHOLDER }];
}

/**
 * A film's facts, credits and Netflix Top 10 history. It reads nothing of the request (the
 * redirect's address is relative), so each film's answer is rendered once and served from the
 * cache like its page, until a tag of the film expires it.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const answer = await filmJson(slug);
  if (answer.kind === "moved")
    return new Response(null, { status: 308, headers: { Location: `/api/films/${answer.slug}` } });
  if (answer.kind === "missing") return jsonNotFound(`No film at /films/${slug}.`);
  return new Response(answer.json, {
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": PUBLIC_CACHE,
      "Access-Control-Allow-Origin": "*",
    },
  });
}

/**
 * The response's text, cached as text under the film page's tags: a request then costs one cache
 * read of a string, not the film's whole record read back and turned into JSON again.
 */
async function filmJson(
  slug: string,
): Promise<{ kind: "ok"; json: string } | { kind: "moved"; slug: string } | { kind: "missing" }> {
  "use cache";
  cacheTag(tags.film(slug), tags.reviews(slug));
  cacheLife("days");
  const film = await loadFilm(slug);
  if (!film) {
    const moved = await loadRedirect("film", slug);
    return moved ? { kind: "moved", slug: moved } : { kind: "missing" };
  }
  const json = JSON.stringify({
    slug: film.slug,
    title: film.title,
    originalTitle: film.originalTitle,
    year: film.year,
    releaseDate: film.releaseDate,
    netflixReleaseDate: film.netflixReleaseDate,
    runtimeMinutes: film.runtimeMinutes,
    originalLanguage: film.originalLanguage,
    countries: film.countries,
    synopsis: film.synopsis,
    factSources: film.factSources,
    credits: film.credits.map((c) => ({
      role: c.role,
      character: c.character,
      person: { slug: c.person.slug, name: c.person.name, nativeName: c.person.nativeName },
    })),
    chartHistory: film.chart.map((w) => ({
      week: w.week,
      list: w.list,
      rank: w.rank,
      movement: movementSymbol(movementOf(w.rank, w.previousRank, w.cumulativeWeeks)),
      views: w.views,
      hoursViewed: w.hoursViewed,
      runtimeHours: w.runtimeHours,
      cumulativeWeeks: w.cumulativeWeeks,
      countries: w.countries,
    })),
    rating: {
      average: averageStars(film.ratings),
      count: film.ratings.count,
      histogram: HALF_STAR_VALUES.map((v) => ({
        stars: v / 2,
        count: film.ratings.histogram[v - 1] ?? 0,
      })),
    },
    engagement: film.engagement.map((e) => ({
      period: e.period,
      from: e.periodStart,
      to: e.periodEnd,
      views: e.views,
      hoursViewed: e.hoursViewed,
      runtimeMinutes: e.runtimeMinutes,
    })),
    source: "Netflix Top 10 (netflix.com/tudum/top10); Netflix, What We Watched engagement reports",
  });
  return { kind: "ok", json };
}
