import { describe, expect, it } from "vitest";
import { shareCardFacts } from "./share-card";
import { siteUrl } from "./site-url";

describe("a film's share card", () => {
  it("states the best rank first reached, on its list, and the average rating", () => {
    const facts = shareCardFacts({
      title: "Ballerina",
      year: 2023,
      chart: [
        { week: "2023-10-08", list: "films-non-english", rank: 3 },
        { week: "2023-10-15", list: "films-non-english", rank: 1 },
        { week: "2023-10-22", list: "films-english", rank: 1 },
      ],
      ratings: { count: 2, sum: 9 + 8 },
    });
    expect(facts).toEqual({
      title: "Ballerina",
      year: 2023,
      bestRank: "#1 on Netflix's Films (Non-English) list",
      rating: "Rated 4.3 of 5 by 2 viewers",
    });
  });

  it("states nothing it does not know", () => {
    expect(
      shareCardFacts({ title: "Code 8", year: null, chart: [], ratings: { count: 0, sum: 0 } }),
    ).toEqual({ title: "Code 8", year: null, bestRank: null, rating: null });
  });
});

describe("the site's public address", () => {
  it("is AUTH_URL's origin, or the server's own port on localhost", () => {
    expect(siteUrl({ AUTH_URL: "https://reelrank.example/api/auth" }).href).toBe(
      "https://reelrank.example/",
    );
    expect(siteUrl({ PORT: "3104" }).href).toBe("http://localhost:3104/");
    expect(siteUrl({}).href).toBe("http://localhost:3000/");
  });
});
