import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BALLERINA_2016,
  BALLERINA_2023,
  SAME_TITLE_AUSTRALIA,
  SAME_TITLE_NORWAY,
  TMDB_FIXTURES,
  startFakeTmdb,
  type FakeTmdb,
} from "./fake-tmdb";
import { createMemoryCache } from "./http";
import { TMDB_ATTRIBUTION, createTmdbSource, type TmdbSourceOptions } from "./tmdb";
import { SourceError, type FilmQuery } from "./types";

// A v3 key is 32 hex digits; a fresh one per test, so no test passes by an accident of text.
let apiKey: string;
let tmdb: FakeTmdb;
let sleeps: number[];

beforeEach(async () => {
  apiKey = randomBytes(16).toString("hex");
  tmdb = await startFakeTmdb({ apiKey, movies: TMDB_FIXTURES });
  sleeps = [];
});

afterEach(() => tmdb.close());

function source(options: Partial<TmdbSourceOptions> = {}) {
  return createTmdbSource({
    apiKey,
    baseUrl: tmdb.url,
    minIntervalMs: 0,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...options,
  });
}

const query = (fields: Partial<FilmQuery>): FilmQuery => ({
  title: "Ballerina",
  originalTitle: null,
  year: null,
  runtimeMinutes: null,
  originalLanguage: null,
  netflixId: null,
  ...fields,
});

const ids = (candidates: { sourceId: string }[]) => candidates.map((c) => c.sourceId);

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const error: unknown = await promise.then(
    () => {
      throw new Error("expected a SourceError");
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe("TMDB search", () => {
  it("asks with the year and finds the film of that year", async () => {
    const found = await source().search(query({ year: 2023 }));
    expect(found).toEqual([
      {
        sourceId: "tmdb:1013860",
        title: "Ballerina",
        year: 2023,
        description: expect.stringMatching(/^발레리나, ko, 2023-10-06: Grieving/) as unknown,
      },
    ]);
    expect(tmdb.requests.map((r) => [r.path, r.query.query, r.query.year])).toEqual([
      ["/3/search/movie", "Ballerina", "2023"],
    ]);
  });

  it("ranks by the nearest year when no film has the year asked", async () => {
    // Netflix's year can be a later release than any TMDB date: TMDB answers nothing for it.
    const near2023 = await source().search(query({ year: 2024 }));
    expect(ids(near2023)).toEqual(["tmdb:1013860", "tmdb:342473"]);
    expect(tmdb.requests.map((r) => r.query.year)).toEqual(["2024", undefined]);

    const near2016 = await source().search(query({ year: 2017 }));
    expect(ids(near2016)).toEqual(["tmdb:342473", "tmdb:1013860"]);
    expect(near2016.map((c) => c.year)).toEqual([2016, 2023]);
  });

  it("searches the original title too, once per film found", async () => {
    const found = await source().search(query({ originalTitle: "발레리나", year: 2023 }));
    expect(ids(found)).toEqual(["tmdb:1013860"]);
    expect(tmdb.requests.map((r) => r.query.query)).toEqual(["Ballerina", "발레리나"]);

    tmdb.requests.length = 0;
    await source().search(query({ originalTitle: "BALLERINA" }));
    expect(tmdb.requests).toHaveLength(1);
  });

  it("tells two films of the same title and year apart by runtime", async () => {
    const lighthouse = query({ title: "The Lighthouse Keeper", year: 2021 });
    // without a runtime, TMDB's own order (popularity) stands
    expect(ids(await source().search(lighthouse))).toEqual(["tmdb:900002", "tmdb:900001"]);

    const short = await source().search({ ...lighthouse, runtimeMinutes: 97 });
    expect(ids(short)).toEqual([`tmdb:${SAME_TITLE_NORWAY.id}`, `tmdb:${SAME_TITLE_AUSTRALIA.id}`]);
    const long = await source().search({ ...lighthouse, runtimeMinutes: 118 });
    expect(ids(long)).toEqual([`tmdb:${SAME_TITLE_AUSTRALIA.id}`, `tmdb:${SAME_TITLE_NORWAY.id}`]);
    expect(tmdb.requests.filter((r) => r.path.startsWith("/3/movie/")).length).toBe(4);
  });

  it("prefers a film whose title matches over a more popular looser match", async () => {
    await tmdb.close();
    const lookalike = {
      ...SAME_TITLE_AUSTRALIA,
      id: 900_003,
      title: "Ballerina Boy",
      original_title: "Ballerina Boy",
      release_date: "2023-05-01",
      popularity: 99,
    };
    tmdb = await startFakeTmdb({ apiKey, movies: { ...TMDB_FIXTURES, [lookalike.id]: lookalike } });
    const found = await source().search(query({ year: 2023 }));
    // TMDB lists the popular one first; the exact title wins
    expect(tmdb.requests).toHaveLength(1);
    expect(ids(found)).toEqual(["tmdb:1013860", "tmdb:900003"]);
    expect(await source().search(query({ title: "Nothing Like It" }))).toEqual([]);
  });
});

describe("TMDB details", () => {
  it("reads the 2023 Korean Ballerina with native names, billing order and characters", async () => {
    const facts = await source().details("tmdb:1013860");
    expect(facts).toEqual({
      sourceId: "tmdb:1013860",
      url: "https://www.themoviedb.org/movie/1013860",
      title: "Ballerina",
      originalTitle: "발레리나",
      originalLanguage: "ko",
      year: 2023,
      releaseDate: "2023-10-06",
      runtimeMinutes: 92,
      countries: ["KR"],
      directors: [
        { name: "Lee Chung-hyun", nativeName: "이충현", sourceId: "tmdb-person:2034551" },
      ],
      writers: [{ name: "Lee Chung-hyun", nativeName: "이충현", sourceId: "tmdb-person:2034551" }],
      cast: [
        {
          name: "Jeon Jong-seo",
          nativeName: "전종서",
          sourceId: "tmdb-person:1255881",
          character: "Ok-ju",
        },
        {
          name: "Kim Ji-hoon",
          nativeName: "김지훈",
          sourceId: "tmdb-person:1371004",
          character: "Choi Pil-lo",
        },
        {
          name: "Park Yu-rim",
          nativeName: "박유림",
          sourceId: "tmdb-person:1648871",
          character: "Min-hee",
        },
      ],
      synopsis: BALLERINA_2023.overview,
      genres: ["Action", "Thriller"],
    });
    expect(tmdb.requests).toHaveLength(1);
    expect(tmdb.requests[0]).toMatchObject({
      path: "/3/movie/1013860",
      query: { append_to_response: "credits", language: "en-US", api_key: apiKey },
      status: 200,
    });
  });

  it("reads the 2016 animated Ballerina: two directors, each writer once", async () => {
    const facts = await source().details(`tmdb:${BALLERINA_2016.id}`);
    expect(facts).toMatchObject({
      title: "Ballerina",
      originalTitle: "Ballerina",
      originalLanguage: "en",
      year: 2016,
      releaseDate: "2016-12-14",
      runtimeMinutes: 89,
      countries: ["FR", "CA"],
      genres: ["Animation", "Family", "Adventure"],
    });
    expect(facts.directors).toEqual([
      { name: "Éric Summer", nativeName: null, sourceId: "tmdb-person:1660914" },
      { name: "Éric Warin", nativeName: null, sourceId: "tmdb-person:1344286" },
    ]);
    expect(facts.writers.map((w) => w.name)).toEqual([
      "Carol Noble",
      "Éric Summer",
      "Laurent Zeitoun",
    ]);
    expect(facts.cast.map((c) => [c.name, c.nativeName, c.character])).toEqual([
      ["Elle Fanning", null, "Félicie (voice)"],
      ["Dane DeHaan", null, "Victor (voice)"],
      ["Carly Rae Jepsen", null, "Odette (voice)"],
      ["Maddie Ziegler", null, "Camille (voice)"],
    ]);
  });

  it("reports an unknown id as a non-retryable error, and refuses ids of other sources", async () => {
    const missing = await failure(source().details("tmdb:404404"));
    expect(missing.retryable).toBe(false);
    expect(missing.message).toBe("tmdb: TMDB has no movie 404404 (HTTP 404)");
    expect(tmdb.requests.map((r) => r.status)).toEqual([404]);

    const foreign = await failure(source().details("wikidata:Q119870578"));
    expect(foreign.retryable).toBe(false);
    expect(tmdb.requests).toHaveLength(1);
  });
});

describe("the fake TMDB", () => {
  it("answers errors with TMDB's documented bodies", async () => {
    const get = (path: string) => fetch(tmdb.url + path, { signal: AbortSignal.timeout(5000) });
    const unauthorized = await get("/3/movie/1013860?api_key=wrong");
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toEqual({
      status_code: 7,
      status_message: "Invalid API key: You must be granted a valid key.",
      success: false,
    });
    const missing = await get(`/3/movie/1?api_key=${apiKey}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ status_code: 34, success: false });

    tmdb.behave({ kind: "status", status: 429, retryAfter: "2", times: 1 });
    const limited = await get(`/3/movie/1013860?api_key=${apiKey}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(await limited.json()).toMatchObject({ status_code: 25, success: false });

    const credits = await get(`/3/movie/1013860/credits?api_key=${apiKey}`);
    expect(await credits.json()).toMatchObject({ id: 1013860, cast: expect.any(Array) as unknown });
    const plain = (await (await get(`/3/movie/1013860?api_key=${apiKey}`)).json()) as object;
    expect(plain).not.toHaveProperty("credits");
    expect(tmdb.requests.map((r) => r.status)).toEqual([401, 404, 429, 200, 200]);
  });
});

describe("TMDB discipline", () => {
  it("names itself in a User-Agent and shows TMDB's notice", async () => {
    await source().search(query({}));
    await source({ userAgent: "Reelrank-test/2" }).search(query({ title: "Other" }));
    expect(tmdb.requests.map((r) => r.headers["user-agent"])).toEqual([
      expect.stringMatching(/^Reelrank\/1\.0 /) as unknown,
      "Reelrank-test/2",
    ]);
    expect(TMDB_ATTRIBUTION).toBe(
      "This product uses the TMDB API but is not endorsed or certified by TMDB.",
    );
  });

  it("sends a v4 token as a Bearer header, never in the URL", async () => {
    await tmdb.close();
    const token = `eyJhbGciOiJIUzI1NiJ9.${randomBytes(24).toString("base64url")}.${randomBytes(32).toString("base64url")}`;
    tmdb = await startFakeTmdb({ apiKey: token, movies: TMDB_FIXTURES });
    const facts = await source({ apiKey: token }).details("tmdb:1013860");
    expect(facts.runtimeMinutes).toBe(92);
    expect(tmdb.requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
    expect(tmdb.requests[0]?.query).not.toHaveProperty("api_key");
  });

  it("stops at once with a clear error when TMDB refuses the key, without showing it", async () => {
    const wrongKey = randomBytes(16).toString("hex");
    const error = await failure(source({ apiKey: wrongKey }).search(query({ year: 2023 })));
    expect(error.retryable).toBe(false);
    expect(error.source).toBe("tmdb");
    expect(error.message).toMatch(/^tmdb: TMDB refused the API key/);
    expect(error.message).not.toContain(wrongKey);
    expect(String(error.stack)).not.toContain(wrongKey);
    expect(tmdb.requests.map((r) => r.status)).toEqual([401]);
    expect(sleeps).toEqual([]);

    const wrongToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ3cm9uZyJ9.c2lnbmF0dXJl";
    const bearerError = await failure(source({ apiKey: wrongToken }).details("tmdb:1013860"));
    expect(bearerError.message).toMatch(/^tmdb: TMDB refused the API key/);
    expect(bearerError.message).not.toContain(wrongToken);
  });

  it("waits as long as a 429's Retry-After asks, then succeeds", async () => {
    tmdb.behave({ kind: "status", status: 429, retryAfter: "2", times: 1 });
    const facts = await source().details("tmdb:1013860");
    expect(facts.title).toBe("Ballerina");
    expect(sleeps).toEqual([2000]);
    expect(tmdb.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it("gives up on a slow answer with a retryable error", async () => {
    tmdb.behave({ kind: "slow", ms: 1000 });
    const error = await failure(source({ timeoutMs: 100, retries: 1 }).details("tmdb:1013860"));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/no answer in 100 ms/);
    expect(error.message).not.toContain(apiKey);
    expect(tmdb.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it("makes no requests on a rerun with the same cache, and keeps the key out of it", async () => {
    const cache = createMemoryCache();
    const run = async () => {
      const tmdbSource = source({ cache });
      const candidates = await tmdbSource.search(
        query({ title: "The Lighthouse Keeper", year: 2021, runtimeMinutes: 100 }),
      );
      return Promise.all(candidates.map((c) => tmdbSource.details(c.sourceId)));
    };
    const first = await run();
    const made = tmdb.requests.length;
    // one search, then each film's details once: the tie-break's reads serve details() too
    expect(made).toBe(3);

    const second = await run();
    expect(tmdb.requests).toHaveLength(made);
    expect(second).toEqual(first);

    const keys = [...cache.entries.keys()];
    expect(keys).toHaveLength(3);
    for (const key of keys) {
      expect(key).not.toContain(apiKey);
      expect(key).not.toContain("api_key");
    }
  });

  it("caches nothing when a request fails", async () => {
    const cache = createMemoryCache();
    tmdb.behave({ kind: "status", status: 503, times: 10 });
    const error = await failure(source({ cache, retries: 2 }).details("tmdb:1013860"));
    expect(error.retryable).toBe(true);
    expect(sleeps).toHaveLength(2);
    expect(cache.entries.size).toBe(0);
  });
});
