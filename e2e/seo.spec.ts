import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { XMLParser } from "fast-xml-parser";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) => ["entry", "link", "url", "sitemap"].includes(name),
});

/** The path and query of an absolute URL the app printed, to ask this test server for it. */
const pathOf = (absolute: string) => {
  const u = new URL(absolute);
  return `${u.pathname}${u.search}`;
};

async function getXml(request: APIRequestContext, path: string, contentType: RegExp) {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  expect(response.headers()["content-type"]).toMatch(contentType);
  return parser.parse(await response.text()) as Record<string, unknown>;
}

test("a film page tells search engines and share previews what it is", async ({ page }) => {
  await page.goto("/films/ballerina-2023");
  const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
  const movie = scripts
    .map((s) => JSON.parse(s) as Record<string, unknown>)
    .find((d) => d["@type"] === "Movie") as {
    name: string;
    alternateName: string;
    director: { "@type": string; name: string; url: string }[];
    aggregateRating: {
      "@type": string;
      ratingValue: number;
      ratingCount: number;
      bestRating: number;
      worstRating: number;
    };
    review: { "@type": string; author: { name: string } }[];
  };
  expect(movie.name).toBe("Ballerina");
  expect(movie.alternateName).toBe("발레리나");
  expect(movie.director[0]).toMatchObject({ "@type": "Person", name: "Lee Chung Hyun" });
  expect(new URL(movie.director[0]!.url).pathname).toBe("/people/lee-chung-hyun");
  expect(movie.aggregateRating["@type"]).toBe("AggregateRating");
  expect(movie.aggregateRating.ratingCount).toBeGreaterThanOrEqual(3);
  expect(movie.aggregateRating.ratingValue).toBeGreaterThanOrEqual(0.5);
  expect(movie.aggregateRating.ratingValue).toBeLessThanOrEqual(5);
  expect(movie.review.map((r) => r.author.name)).toEqual(
    expect.arrayContaining(["Min-ji", "Priya"]),
  );

  const meta = (selector: string) => page.locator(selector).first().getAttribute("content");
  expect(await meta('meta[property="og:type"]')).toBe("video.movie");
  expect(await meta('meta[property="og:title"]')).toBe("Ballerina (2023)");
  expect(await meta('meta[property="og:description"]')).toContain("Netflix Top 10");
  expect(new URL((await meta('meta[property="og:url"]'))!).pathname).toBe("/films/ballerina-2023");
  expect(await meta('meta[name="twitter:card"]')).toBe("summary_large_image");
  const canonical = await page.locator('link[rel="canonical"]').getAttribute("href");
  expect(new URL(canonical!).pathname).toBe("/films/ballerina-2023");
  const feed = page.locator('link[rel="alternate"][type="application/atom+xml"]');
  expect(new URL((await feed.getAttribute("href"))!).pathname).toBe(
    "/films/ballerina-2023/reviews.xml",
  );

  const image = await meta('meta[property="og:image"]');
  expect(await meta('meta[property="og:image:width"]')).toBe("1200");
  const png = await page.request.get(pathOf(image!));
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  expect((await png.body()).subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
});

test("a share image exists only for a real film", async ({ request }) => {
  const png = await request.get("/films/ballerina-2023/opengraph-image");
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  expect((await request.get("/films/ballerina-1999/opengraph-image")).status()).toBe(404);
});

test("the sitemap index leads to every kind of page; robots.txt names it", async ({ request }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  const text = await robots.text();
  expect(text).toMatch(/^Sitemap: https?:\/\/[^\s]+\/sitemap\.xml$/m);
  for (const path of ["/api/", "/admin", "/mod", "/edit", "/search"]) {
    expect(text).toContain(`Disallow: ${path}\n`);
  }

  const index = (await getXml(request, "/sitemap.xml", /^application\/xml/)) as {
    sitemapindex: { sitemap: { loc: string }[] };
  };
  const chunks = index.sitemapindex.sitemap.map((s) => pathOf(s.loc));
  for (const kind of ["pages", "films", "series", "people", "charts"]) {
    expect(chunks).toContain(`/sitemaps/${kind}-1.xml`);
  }
  const films = (await getXml(request, "/sitemaps/films-1.xml", /^application\/xml/)) as {
    urlset: { url: { loc: string; lastmod: string }[] };
  };
  expect(films.urlset.url.map((u) => pathOf(u.loc))).toContain("/films/ballerina-2023");
  const charts = (await getXml(request, "/sitemaps/charts-1.xml", /^application\/xml/)) as {
    urlset: { url: { loc: string }[] };
  };
  expect(charts.urlset.url.map((u) => pathOf(u.loc))).toContain(
    "/charts/2023-10-15/films-non-english",
  );

  const bad = await request.get("/sitemaps/everything.xml");
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/films-1\.xml/);
  expect((await request.get("/sitemaps/films-999.xml")).status()).toBe(404);
});

test("the weekly lists and a film's reviews are Atom feeds", async ({ request }) => {
  type Feed = {
    feed: {
      id: string;
      title: string;
      updated: string;
      link: { "@rel"?: string }[];
      entry: {
        id: string;
        title: { "#text": string };
        updated: string;
        link: { "@href": string }[];
      }[];
    };
  };
  const charts = (await getXml(
    request,
    "/charts/feed.xml",
    /^application\/atom\+xml; charset=utf-8$/,
  )) as Feed;
  expect(charts.feed.link.some((l) => l["@rel"] === "self")).toBe(true);
  expect(charts.feed.entry).toHaveLength(48);
  for (const e of charts.feed.entry) {
    expect(e.id && e.updated && e.link[0]?.["@href"]).toBeTruthy();
    expect(e.title["#text"]).toMatch(/^Top 10 (Films|TV) \((English|Non-English)\), week of \d/);
  }

  const reviews = (await getXml(
    request,
    "/films/ballerina-2023/reviews.xml",
    /^application\/atom\+xml/,
  )) as Feed;
  expect(reviews.feed.entry.length).toBeGreaterThanOrEqual(3);
  expect((await request.get("/films/ballerina-1999/reviews.xml")).status()).toBe(404);
  expect((await request.get("/films/NOT_A_SLUG/reviews.xml")).status()).toBe(400);
});

test(
  "every page has its own title and a description",
  { tag: "@ui" },
  async ({ page, request }) => {
    const series = (await getXml(request, "/sitemaps/series-1.xml", /xml/)) as {
      urlset: { url: { loc: string }[] };
    };
    const reviews = (await getXml(request, "/films/ballerina-2023/reviews.xml", /xml/)) as {
      feed: { entry: { link: { "@href": string }[] }[] };
    };
    const paths = [
      "/",
      "/films",
      "/films?sort=year",
      "/films?page=2",
      "/films/ballerina-2023",
      "/films/ballerina-2023/history",
      "/people/jeon-jong-seo",
      pathOf(series.urlset.url[0]!.loc),
      "/charts",
      "/charts/2023-10-15/films-non-english",
      "/charts/2023-10-15/tv-english",
      "/charts/most-popular",
      pathOf(reviews.feed.entry[0]!.link[0]!["@href"]),
      "/u/minji",
      "/about",
      "/signin",
      "/signup",
    ];
    const seen = new Map<string, string>();
    for (const path of paths) {
      await page.goto(path);
      const title = await page.title();
      expect(seen.get(title), `${path} has the title of ${seen.get(title)}`).toBeUndefined();
      seen.set(title, path);
      const description = await page.locator('meta[name="description"]').getAttribute("content");
      expect(description?.length, path).toBeGreaterThan(20);
    }
  },
);
