import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BALLERINA_NETFLIX_ID,
  claim,
  entity,
  QID,
  startFakeWikidata,
  WIKIDATA_FIXTURES,
  type FakeWikidata,
} from "./fake-wikidata";
import { createMemoryCache } from "./http";
import { SourceError, type FilmQuery, type ResponseCache } from "./types";
import {
  createWikidataSource,
  durationMinutes,
  parseWikidataTime,
  WIKIDATA_USER_AGENT,
  type WikidataSourceOptions,
} from "./wikidata";

let fake: FakeWikidata;
let sleeps: number[];

beforeEach(async () => {
  fake = await startFakeWikidata();
  sleeps = [];
});

afterEach(async () => {
  await fake.close();
});

/** A source on the fake; waits are recorded, not slept. */
function source(options: Partial<WikidataSourceOptions> = {}, cache?: ResponseCache) {
  return createWikidataSource({
    baseUrl: fake.url,
    sparqlUrl: fake.sparqlUrl,
    cache: cache ?? createMemoryCache(),
    minIntervalMs: 0,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...options,
  });
}

function query(overrides: Partial<FilmQuery>): FilmQuery {
  return {
    title: "Ballerina",
    originalTitle: null,
    year: null,
    runtimeMinutes: null,
    originalLanguage: null,
    netflixId: null,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error("expected a SourceError");
}

describe("search", () => {
  it("ranks the 2023 Korean film first for year 2023 / 94 min and leaves out the painting", async () => {
    const found = await source().search(query({ year: 2023, runtimeMinutes: 94 }));
    expect(found).toEqual([
      {
        sourceId: `wikidata:${QID.ballerina2023}`,
        title: "Ballerina",
        year: 2023,
        description: "2023 film by Lee Chung-hyun",
      },
      {
        sourceId: `wikidata:${QID.ballerina2016}`,
        title: "Ballerina",
        year: 2016,
        description: "2016 animated film directed by Éric Summer and Éric Warin",
      },
    ]);
    // the painting was a search hit, read, and dropped for not being a film
    const search = fake.requests.find((r) => r.action === "wbsearchentities");
    expect(search?.params).toMatchObject({ language: "en", type: "item", limit: "10" });
    const read = fake.requests.find((r) => r.action === "wbgetentities");
    expect(read?.params.ids?.split("|")).toContain(QID.ballerinaPainting);
    expect(read?.params.props).toBe("claims|labels|descriptions");
  });

  it("ranks the 2016 film first when the query is for 2016 / 89 min", async () => {
    const found = await source().search(query({ year: 2016, runtimeMinutes: 89 }));
    expect(found.map((c) => c.sourceId)).toEqual([
      `wikidata:${QID.ballerina2016}`,
      `wikidata:${QID.ballerina2023}`,
    ]);
  });

  it("also searches the original title in its language", async () => {
    const found = await source().search(
      query({
        title: "Ballet Girl",
        originalTitle: "발레리나",
        originalLanguage: "ko",
        year: 2023,
      }),
    );
    expect(found.map((c) => c.sourceId)).toEqual([`wikidata:${QID.ballerina2023}`]);
    const searches = fake.requests.filter((r) => r.action === "wbsearchentities");
    expect(searches.map((r) => [r.params.search, r.params.language])).toEqual([
      ["Ballet Girl", "en"],
      ["발레리나", "ko"],
    ]);
    const read = fake.requests.find((r) => r.action === "wbgetentities");
    expect(read?.params.languages).toBe("en|ko");
  });

  it("finds a film directly by its Netflix id (P1874) with one SPARQL query", async () => {
    const found = await source().search(query({ netflixId: BALLERINA_NETFLIX_ID }));
    expect(found.map((c) => c.sourceId)).toEqual([`wikidata:${QID.ballerina2023}`]);
    expect(fake.requests.map((r) => r.endpoint)).toEqual(["sparql", "api"]);
    const sparql = fake.requests[0];
    expect(sparql?.params.query).toContain(`wdt:P1874 "${BALLERINA_NETFLIX_ID}"`);
    expect(sparql?.params.format).toBe("json");
    expect(sparql?.headers.accept).toBe("application/sparql-results+json");
    expect(fake.requests.some((r) => r.action === "wbsearchentities")).toBe(false);
  });

  it("falls back to the title when the Netflix id is unknown to Wikidata", async () => {
    const found = await source().search(query({ netflixId: "80000000", year: 2023 }));
    expect(found[0]?.sourceId).toBe(`wikidata:${QID.ballerina2023}`);
    expect(fake.requests.map((r) => r.endpoint)).toEqual(["sparql", "api", "api"]);
  });

  it("returns both films when two share a title and year and neither has a runtime", async () => {
    const found = await source().search(
      query({ title: "The Lighthouse Keeper", year: 2019, runtimeMinutes: 90 }),
    );
    expect(found).toHaveLength(2);
    expect(found.map((c) => [c.sourceId, c.year])).toEqual([
      [`wikidata:${QID.lighthouseA}`, 2019],
      [`wikidata:${QID.lighthouseB}`, 2019],
    ]);
  });

  it("returns an empty list when nothing is found", async () => {
    expect(await source().search(query({ title: "Zzyzx Road Movie" }))).toEqual([]);
  });
});

describe("details", () => {
  it("reads the 2023 Korean film with native names, billing order and characters", async () => {
    const facts = await source().details(`wikidata:${QID.ballerina2023}`);
    expect(facts).toEqual({
      sourceId: `wikidata:${QID.ballerina2023}`,
      url: `https://www.wikidata.org/wiki/${QID.ballerina2023}`,
      title: "Ballerina",
      originalTitle: "발레리나",
      originalLanguage: "ko",
      year: 2023,
      releaseDate: "2023-10-06",
      runtimeMinutes: 92,
      countries: ["KR"],
      directors: [
        { name: "Lee Chung-hyun", nativeName: "이충현", sourceId: `wikidata:${QID.leeChunghyun}` },
      ],
      writers: [
        { name: "Lee Chung-hyun", nativeName: "이충현", sourceId: `wikidata:${QID.leeChunghyun}` },
      ],
      cast: [
        {
          name: "Jeon Jong-seo",
          nativeName: "전종서",
          sourceId: `wikidata:${QID.jeonJongseo}`,
          character: "Ok-ju",
        },
        {
          name: "Kim Ji-hoon",
          nativeName: "김지훈",
          sourceId: `wikidata:${QID.kimJihoon}`,
          character: null,
        },
        {
          name: "Park Yu-rim",
          nativeName: "박유림",
          sourceId: `wikidata:${QID.parkYurim}`,
          character: "Min-hee",
        },
      ],
      synopsis: null,
      genres: ["action film", "thriller film"],
    });
    // people's labels are asked for in English and the film's own language
    const reads = fake.requests.filter((r) => r.action === "wbgetentities");
    expect(reads.map((r) => r.params.languages)).toEqual(["en", undefined, "en|ko"]);
  });

  it("reads the 2016 animated film: two countries, two directors, a runtime given in seconds", async () => {
    const facts = await source().details(`wikidata:${QID.ballerina2016}`);
    expect(facts).toMatchObject({
      title: "Ballerina",
      originalTitle: "Ballerina",
      originalLanguage: "en",
      year: 2016,
      releaseDate: "2016-12-14",
      runtimeMinutes: 89,
      countries: ["FR", "CA"],
      directors: [
        { name: "Éric Summer", nativeName: null, sourceId: `wikidata:${QID.ericSummer}` },
        { name: "Éric Warin", nativeName: null, sourceId: `wikidata:${QID.ericWarin}` },
      ],
      writers: [
        { name: "Carol Noble", nativeName: null, sourceId: `wikidata:${QID.carolNoble}` },
        { name: "Éric Summer", nativeName: null, sourceId: `wikidata:${QID.ericSummer}` },
      ],
      cast: [],
      genres: ["comedy film", "adventure film"],
    });
  });

  it("gives a year but no release date for a year-precision publication date", async () => {
    const facts = await source().details(`wikidata:${QID.lighthouseA}`);
    expect(facts).toMatchObject({
      year: 2019,
      releaseDate: null,
      runtimeMinutes: null,
      originalLanguage: null,
      countries: [],
      genres: ["drama film"],
    });
  });

  it("reads ISO codes of languages and countries once per source", async () => {
    const wikidata = source();
    await wikidata.details(`wikidata:${QID.ballerina2023}`);
    const before = fake.requests.length;
    await wikidata.details(`wikidata:${QID.ballerina2016}`);
    // Korean/South Korea are known; the 2016 film needs English, France and Canada
    const codes = fake.requests.slice(before).find((r) => r.params.props === "claims");
    expect(codes?.params.ids?.split("|").sort()).toEqual(
      [QID.canada, QID.english, QID.france].sort(),
    );
  });

  it("fails without retrying for an item that does not exist or an id that is not Wikidata's", async () => {
    const missing = await failure(source().details("wikidata:Q999999999"));
    expect(missing.retryable).toBe(false);
    expect(missing.message).toMatch(/Q999999999 does not exist/);
    const foreign = await failure(source().details("tmdb:1013860"));
    expect(foreign.retryable).toBe(false);
  });
});

describe("the rules of the road", () => {
  it("sends a descriptive User-Agent with every request", async () => {
    await source().search(query({ netflixId: BALLERINA_NETFLIX_ID }));
    await source({ userAgent: "Reelrank-test/0.1 (tests)" }).details(
      `wikidata:${QID.ballerina2016}`,
    );
    expect(fake.requests.length).toBeGreaterThan(2);
    const agents = new Set(fake.requests.map((r) => r.headers["user-agent"]));
    expect(agents).toEqual(new Set([WIKIDATA_USER_AGENT, "Reelrank-test/0.1 (tests)"]));
    expect(WIKIDATA_USER_AGENT).toMatch(/^Reelrank\/\d.*\(.*contact.*\)$/);
  });

  it("waits as long as Retry-After asks on a 429, then succeeds", async () => {
    fake.behave({ kind: "status", status: 429, retryAfter: "1", times: 1 });
    const found = await source().search(query({ year: 2023 }));
    expect(found[0]?.sourceId).toBe(`wikidata:${QID.ballerina2023}`);
    expect(sleeps).toEqual([1000]);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200, 200]);
  });

  it("backs off on a 503 without Retry-After", async () => {
    fake.behave({ kind: "status", status: 503, times: 2 });
    await source().details(`wikidata:${QID.lighthouseB}`);
    expect(sleeps).toHaveLength(2);
    // exponential with jitter: within [500, 1000] then [1000, 2000]
    expect(sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(sleeps[0]).toBeLessThanOrEqual(1000);
    expect(sleeps[1]).toBeGreaterThanOrEqual(1000);
    expect(sleeps[1]).toBeLessThanOrEqual(2000);
  });

  it("gives up with a retryable SourceError when 429s outlast the retries", async () => {
    fake.behave({ kind: "status", status: 429, retryAfter: "2" });
    const error = await failure(source({ retries: 2 }).search(query({})));
    expect(error.retryable).toBe(true);
    expect(error.source).toBe("wikidata");
    expect(error.message).toMatch(/HTTP 429.*gave up after 3 attempts/);
    expect(sleeps).toEqual([2000, 2000]);
  });

  it("fails with a retryable SourceError when an answer is slower than the timeout", async () => {
    fake.behave({ kind: "slow", ms: 1000 });
    const started = Date.now();
    const error = await failure(source({ timeoutMs: 100, retries: 1 }).search(query({})));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/no answer in 100 ms/);
    expect(Date.now() - started).toBeLessThan(900);
    expect(sleeps).toHaveLength(1);
  });

  it("refuses an answer over the size limit, without retrying", async () => {
    const error = await failure(source({ maxBytes: 200 }).details(`wikidata:${QID.ballerina2023}`));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/over the 200 bytes limit/);
    expect(fake.requests).toHaveLength(1);
  });

  it("retries a maxlag API error (HTTP 200 with an error body) and never caches one", async () => {
    const cache = createMemoryCache();
    fake.behave({ kind: "api-error", code: "maxlag", times: 1 });
    const facts = await source({}, cache).details(`wikidata:${QID.lighthouseB}`);
    expect(facts.year).toBe(2019);
    expect(sleeps).toHaveLength(1);
    for (const value of cache.entries.values()) expect(value).not.toHaveProperty("error");

    fake.behave({ kind: "api-error", code: "badvalue", info: "Unrecognized value" });
    const error = await failure(source({}, cache).details(`wikidata:${QID.lighthouseA}`));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/API error badvalue: Unrecognized value/);
    expect(sleeps).toHaveLength(1);
    for (const value of cache.entries.values()) expect(value).not.toHaveProperty("error");
  });

  it("makes no requests at all when run again with the same cache", async () => {
    const cache = createMemoryCache();
    const first = source({}, cache);
    const found = await first.search(query({ year: 2023, runtimeMinutes: 94 }));
    const byNetflix = await first.search(query({ netflixId: BALLERINA_NETFLIX_ID }));
    const facts = await first.details(`wikidata:${QID.ballerina2023}`);
    const made = fake.requests.length;
    expect(made).toBeGreaterThan(0);
    // every cache key is a request URL
    for (const key of cache.entries.keys()) expect(key.startsWith(fake.url)).toBe(true);

    const second = source({}, cache);
    expect(await second.search(query({ year: 2023, runtimeMinutes: 94 }))).toEqual(found);
    expect(await second.search(query({ netflixId: BALLERINA_NETFLIX_ID }))).toEqual(byNetflix);
    expect(await second.details(`wikidata:${QID.ballerina2023}`)).toEqual(facts);
    expect(fake.requests).toHaveLength(made);
  });

  it("makes one request at a time even when asked for several things at once", async () => {
    fake.behave({ kind: "slow", ms: 30 });
    let open = 0;
    let most = 0;
    const counting: ResponseCache = {
      get: () => Promise.resolve(undefined),
      set: () => Promise.resolve(),
    };
    const wikidata = source({}, counting);
    const watch = setInterval(() => {
      open = fake.requests.filter((r) => r.status === null).length;
      most = Math.max(most, open);
    }, 5);
    try {
      await Promise.all([
        wikidata.details(`wikidata:${QID.ballerina2023}`),
        wikidata.details(`wikidata:${QID.ballerina2016}`),
        wikidata.search(query({})),
      ]);
    } finally {
      clearInterval(watch);
    }
    expect(most).toBe(1);
  });

  it("sends a request asked for twice at once only once", async () => {
    const wikidata = source();
    const [a, b] = await Promise.all([
      wikidata.details(`wikidata:${QID.lighthouseB}`),
      wikidata.details(`wikidata:${QID.lighthouseB}`),
    ]);
    expect(a).toEqual(b);
    expect(fake.requests).toHaveLength(1);
  });

  it("the fake refuses more than 50 ids as MediaWiki does", async () => {
    const ids = Array.from({ length: 51 }, (_, i) => `Q${i + 1}`).join("|");
    const res = await fetch(`${fake.url}/w/api.php?action=wbgetentities&ids=${ids}&format=json`, {
      headers: { "User-Agent": WIKIDATA_USER_AGENT },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("mediawiki-api-error")).toBe("toomanyvalues");
    expect(await res.json()).toMatchObject({ error: { code: "toomanyvalues" } });
  });

  it("batches wbgetentities at 50 ids", async () => {
    const castIds = Array.from({ length: 60 }, (_, i) => `Q${90_000_001 + i}`);
    const entities = {
      ...WIKIDATA_FIXTURES,
      Q80000001: entity("Q80000001", { labels: { en: "Crowd Scene" } }, [
        claim.item("P31", QID.film),
        ...castIds.map((id) => claim.item("P161", id)),
      ]),
      ...Object.fromEntries(
        castIds.map((id, i) => [id, entity(id, { labels: { en: `Extra ${i + 1}` } })]),
      ),
    };
    await fake.close();
    fake = await startFakeWikidata({ entities });
    const facts = await source().details("wikidata:Q80000001");
    expect(facts.cast).toHaveLength(60);
    expect(facts.cast[59]?.name).toBe("Extra 60");
    const labelReads = fake.requests.filter((r) => r.params.props === "labels");
    expect(labelReads.map((r) => r.params.ids?.split("|").length)).toEqual([50, 10]);
  });
});

describe("values", () => {
  it("reads Wikibase times by precision", () => {
    expect(parseWikidataTime("+2023-10-06T00:00:00Z", 11)).toEqual({
      year: 2023,
      date: "2023-10-06",
    });
    expect(parseWikidataTime("+2023-10-00T00:00:00Z", 10)).toEqual({ year: 2023, date: null });
    expect(parseWikidataTime("+2019-00-00T00:00:00Z", 9)).toEqual({ year: 2019, date: null });
    expect(parseWikidataTime("+00000002014-01-01T00:00:00Z", 11)).toEqual({
      year: 2014,
      date: "2014-01-01",
    });
    expect(parseWikidataTime("+2010-00-00T00:00:00Z", 8)).toEqual({ year: null, date: null });
  });

  it("converts durations to minutes", () => {
    const unit = (q: string) => `http://www.wikidata.org/entity/${q}`;
    expect(durationMinutes("+92", unit("Q7727"))).toBe(92);
    expect(durationMinutes("+1.5", unit("Q25235"))).toBe(90);
    expect(durationMinutes("+5340", unit("Q11574"))).toBe(89);
    expect(durationMinutes("+92", "1")).toBeNull();
    expect(durationMinutes("+92", unit("Q11573"))).toBeNull();
  });
});
