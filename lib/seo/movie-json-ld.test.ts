import { describe, expect, it } from "vitest";
import { z } from "zod";
import { JSON_LD_REVIEWS, movieJsonLd, type MovieJsonLdInput } from "./movie-json-ld";

// schema.org types as the properties schema.org defines for them, with the value types it expects
const url = z.url();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/);
const isoDuration = z
  .string()
  .regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/);
const Person = z.strictObject({ "@type": z.literal("Person"), name: z.string().min(1), url });
const withinBounds = (r: { ratingValue: number; bestRating: number; worstRating: number }) =>
  r.worstRating <= r.ratingValue && r.ratingValue <= r.bestRating;
const bounds = { ratingValue: z.number(), bestRating: z.number(), worstRating: z.number() };
const Rating = z
  .strictObject({ "@type": z.literal("Rating"), ...bounds })
  .refine(withinBounds, "ratingValue outside [worstRating, bestRating]");
const AggregateRating = z
  .strictObject({
    "@type": z.literal("AggregateRating"),
    ...bounds,
    ratingCount: z.number().int().positive(),
  })
  .refine(withinBounds, "ratingValue outside [worstRating, bestRating]");
const Review = z.strictObject({
  "@type": z.literal("Review"),
  url,
  author: Person,
  datePublished: isoDate,
  reviewBody: z.string().min(1).optional(),
  reviewRating: Rating.optional(),
});
const Movie = z.strictObject({
  "@context": z.literal("https://schema.org"),
  "@type": z.literal("Movie"),
  name: z.string().min(1),
  url,
  alternateName: z.string().min(1).optional(),
  datePublished: isoDate.optional(),
  duration: isoDuration.optional(),
  inLanguage: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/)
    .optional(),
  director: z.array(Person),
  actor: z.array(Person),
  aggregateRating: AggregateRating.optional(),
  review: z.array(Review).min(1).optional(),
});

const base = new URL("https://reelrank.example");

/** What the page puts in its script element, parsed back as a crawler would. */
function renderedAndParsed(input: MovieJsonLdInput) {
  const html = `<script type="application/ld+json">${JSON.stringify(movieJsonLd(input, base)).replace(/</g, "\\u003c")}</script>`;
  const inner = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
  return { html, data: Movie.parse(JSON.parse(inner)) };
}

const ballerina: MovieJsonLdInput = {
  slug: "ballerina-2023",
  title: "Ballerina",
  originalTitle: "발레리나",
  releaseDate: "2023-10-06",
  runtimeMinutes: 92,
  originalLanguage: "ko",
  credits: [
    { role: "director", person: { slug: "lee-chung-hyun", name: "Lee Chung Hyun" } },
    { role: "writer", person: { slug: "lee-chung-hyun", name: "Lee Chung Hyun" } },
    { role: "cast", person: { slug: "jeon-jong-seo", name: "Jeon Jong Seo" } },
  ],
  ratings: { count: 3, sum: 9 + 8 + 1 },
  reviews: [
    {
      id: 7,
      rating: 9,
      body: "Better than </script><script>alert(1)</script> & co",
      containsSpoilers: false,
      createdAt: "2024-01-02T03:04:05.000Z",
      author: { handle: "mina", name: "Mina" },
    },
    {
      id: 8,
      rating: 1,
      body: "The ending: she dies",
      containsSpoilers: true,
      createdAt: "2024-01-03T00:00:00.000Z",
      author: { handle: "joe", name: "Joe" },
    },
  ],
};

describe("a film's Movie JSON-LD", () => {
  it("claims only valid schema.org Movie, Person, AggregateRating, Review and Rating", () => {
    const { data } = renderedAndParsed(ballerina);
    expect(data.name).toBe("Ballerina");
    expect(data.alternateName).toBe("발레리나");
    expect(data.duration).toBe("PT1H32M");
    expect(data.datePublished).toBe("2023-10-06");
    expect(data.inLanguage).toBe("ko");
    expect(data.url).toBe("https://reelrank.example/films/ballerina-2023");
    expect(data.director).toEqual([
      {
        "@type": "Person",
        name: "Lee Chung Hyun",
        url: "https://reelrank.example/people/lee-chung-hyun",
      },
    ]);
    expect(data.actor.map((a) => a.name)).toEqual(["Jeon Jong Seo"]);
  });

  it("gives the average of the half-star ratings in stars, on a 0.5–5 scale", () => {
    const { data } = renderedAndParsed(ballerina);
    // (4.5 + 4 + 0.5) / 3 = 3, as shown on the page with one decimal
    expect(data.aggregateRating).toMatchObject({
      ratingValue: 3,
      ratingCount: 3,
      bestRating: 5,
      worstRating: 0.5,
    });
  });

  it("carries the reviews on the page, each with its author, date and stars", () => {
    const { data } = renderedAndParsed(ballerina);
    expect(data.review).toHaveLength(2);
    const [first, second] = data.review!;
    expect(first!.author.name).toBe("Mina");
    expect(first!.reviewRating?.ratingValue).toBe(4.5);
    expect(first!.reviewBody).toBe("Better than </script><script>alert(1)</script> & co");
    expect(second!.reviewRating?.ratingValue).toBe(0.5);
    // a spoiler stays behind its warning on the page and out of search snippets
    expect(second!.reviewBody).toBeUndefined();
  });

  it("carries only the newest few of a long page of reviews", () => {
    const reviews = Array.from({ length: 10 }, (_, i) => ({
      ...ballerina.reviews[0]!,
      id: 100 + i,
    }));
    const { data } = renderedAndParsed({ ...ballerina, reviews });
    expect(data.review!.map((r) => r.url)).toEqual(
      [100, 101, 102]
        .slice(0, JSON_LD_REVIEWS)
        .map((id) => `https://reelrank.example/reviews/${id}`),
    );
  });

  it("cannot be closed early by text in a review", () => {
    const { html } = renderedAndParsed(ballerina);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });

  it("claims nothing it does not know: no rating, date, runtime or original title", () => {
    const { data } = renderedAndParsed({
      ...ballerina,
      originalTitle: null,
      releaseDate: null,
      runtimeMinutes: null,
      originalLanguage: null,
      ratings: { count: 0, sum: 0 },
      reviews: [],
    });
    expect(Object.keys(data).sort()).toEqual(
      ["@context", "@type", "actor", "director", "name", "url"].sort(),
    );
  });

  it("leaves out an original title that is the title itself", () => {
    const { data } = renderedAndParsed({ ...ballerina, originalTitle: "Ballerina" });
    expect(data.alternateName).toBeUndefined();
  });
});
