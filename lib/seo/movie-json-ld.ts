/**
 * schema.org `Movie` for a film page, built only from what the page itself shows: search engines
 * penalise structured data that claims more than the visible content.
 */
import { isoDuration } from "../format";
import { averageStars, halfStarsToStars, type RatingStats } from "../rating";

export type MovieJsonLdInput = {
  slug: string;
  title: string;
  originalTitle: string | null;
  releaseDate: string | null;
  runtimeMinutes: number | null;
  originalLanguage: string | null;
  credits: { role: string; person: { slug: string; name: string } }[];
  ratings: Pick<RatingStats, "count" | "sum">;
  reviews: {
    id: number;
    rating: number | null;
    body: string | null;
    containsSpoilers: boolean;
    createdAt: string;
    author: { handle: string; name: string };
  }[];
};

const STARS = { bestRating: 5, worstRating: 0.5 } as const;

/**
 * The newest reviews the data carries. The page shows more, but each is in the HTML already and
 * the script is sent twice (the HTML and React's payload): three say what readers think.
 */
export const JSON_LD_REVIEWS = 3;

export function movieJsonLd(film: MovieJsonLdInput, base: URL) {
  const url = (path: string) => new URL(path, base).toString();
  const person = (c: MovieJsonLdInput["credits"][number]) => ({
    "@type": "Person",
    name: c.person.name,
    url: url(`/people/${c.person.slug}`),
  });
  const average = averageStars(film.ratings);
  return {
    "@context": "https://schema.org",
    "@type": "Movie",
    name: film.title,
    url: url(`/films/${film.slug}`),
    ...(film.originalTitle && film.originalTitle !== film.title
      ? { alternateName: film.originalTitle }
      : {}),
    ...(film.releaseDate ? { datePublished: film.releaseDate } : {}),
    ...(film.runtimeMinutes ? { duration: isoDuration(film.runtimeMinutes) } : {}),
    ...(film.originalLanguage ? { inLanguage: film.originalLanguage } : {}),
    director: film.credits.filter((c) => c.role === "director").map(person),
    actor: film.credits.filter((c) => c.role === "cast").map(person),
    ...(average != null
      ? {
          aggregateRating: {
            "@type": "AggregateRating",
            ratingValue: average,
            ratingCount: film.ratings.count,
            ...STARS,
          },
        }
      : {}),
    ...(film.reviews.length
      ? {
          review: film.reviews.slice(0, JSON_LD_REVIEWS).map((r) => ({
            "@type": "Review",
            url: url(`/reviews/${r.id}`),
            author: { "@type": "Person", name: r.author.name, url: url(`/u/${r.author.handle}`) },
            datePublished: r.createdAt,
            // a review marked as spoiling the film keeps its text out of search snippets
            ...(r.body && !r.containsSpoilers ? { reviewBody: r.body } : {}),
            ...(r.rating != null
              ? {
                  reviewRating: {
                    "@type": "Rating",
                    ratingValue: halfStarsToStars(r.rating),
                    ...STARS,
                  },
                }
              : {}),
          })),
        }
      : {}),
  };
}
