/**
 * TMDB (The Movie Database) as a FactSource, through its API v3 (developer.themoviedb.org):
 * `GET /3/search/movie` finds candidates, `GET /3/movie/{id}?append_to_response=credits` reads
 * one film and its credits in a single request.
 *
 * The key goes the way TMDB documents it: a v4 "API Read Access Token" (a JWT) as
 * `Authorization: Bearer`, a v3 key as the `api_key` query parameter. It is never part of a cache
 * key, a log line or an error message. Requests go one at a time through the shared JSON client
 * (http.ts): timeout, size limit, retries with backoff honouring Retry-After on 429, and a
 * ResponseCache holding TMDB's raw answers, so a rerun makes no requests.
 */
import { z } from "zod";
import { createJsonClient, type JsonClient } from "./http";
import {
  SourceError,
  type CastFacts,
  type FactSource,
  type FilmFacts,
  type FilmQuery,
  type PersonFacts,
  type ResponseCache,
  type SourceCandidate,
} from "./types";

export { TMDB_ATTRIBUTION } from "../sources";

export type TmdbSourceOptions = {
  /** A v3 API key or a v4 API Read Access Token; TMDB accepts either for v3 requests. */
  apiKey: string;
  /** Without the `/3`; tests point it at lib/enrich/fake-tmdb.ts. */
  baseUrl?: string;
  cache?: ResponseCache;
  /** Waits (backoff, Retry-After, the pause between requests); tests inject one that records. */
  sleep?: (ms: number) => Promise<void>;
  userAgent?: string;
  /** One attempt may take this long (default 15 s). */
  timeoutMs?: number;
  /** Attempts after the first (default 3). */
  retries?: number;
  /** Least time between the starts of two requests (default 100 ms). */
  minIntervalMs?: number;
};

const SOURCE = "tmdb";
const DEFAULT_BASE_URL = "https://api.themoviedb.org";
const DEFAULT_USER_AGENT = "Reelrank/1.0 (+film facts from TMDB)";
/** TMDB's documented ceiling is "somewhere in the 40 requests per second range"; stay far below. */
const DEFAULT_MIN_INTERVAL_MS = 100;
/** A film's details with its full credits run to a few hundred KB at most. */
const MAX_BYTES = 4 * 1024 * 1024;
/** Films whose details are read to break a tie on year and title. */
const TIE_BREAK_LIMIT = 5;
/** English titles and overviews, whatever TMDB's default becomes. */
const LANGUAGE = "en-US";

// Only the fields used, each as lenient as TMDB's data is: absent, null and "" all occur.
const text = z.string().nullish();
const searchPage = z.object({
  results: z.array(
    z.object({
      id: z.number().int(),
      title: text,
      original_title: text,
      original_language: text,
      release_date: text,
      overview: text,
    }),
  ),
});
const person = z.object({ id: z.number().int(), name: z.string(), original_name: text });
const movieDetails = z.object({
  id: z.number().int(),
  title: text,
  original_title: text,
  original_language: text,
  release_date: text,
  runtime: z.number().nullish(),
  overview: text,
  genres: z.array(z.object({ name: z.string() })).nullish(),
  production_countries: z.array(z.object({ iso_3166_1: z.string() })).nullish(),
  credits: z
    .object({
      cast: z.array(person.extend({ character: text, order: z.number().nullish() })).nullish(),
      crew: z.array(person.extend({ job: text })).nullish(),
    })
    .nullish(),
});
type SearchResult = z.infer<typeof searchPage>["results"][number];
type MovieDetails = z.infer<typeof movieDetails>;

const WRITER_JOBS = new Set(["Screenplay", "Writer"]);

/** A v4 token is a JWT (three base64url parts, the first `{"alg"…` encoded); a v3 key is hex. */
const isBearerToken = (key: string) => /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(key);

/** Lower case, no accents or punctuation, so "Ballerina!" and "ballerina" agree. */
const fold = (value: string) =>
  value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

const nonEmpty = (value: string | null | undefined): string | null =>
  value?.trim() ? value.trim() : null;

/** TMDB sends "" for an unknown date. */
function dateOf(value: string | null | undefined): string | null {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

const yearOf = (date: string | null) => (date ? Number(date.slice(0, 4)) : null);

/**
 * TMDB's original_language is ISO 639-1 except for its own "cn" (Cantonese, which has no 639-1
 * code; "zh" is its macrolanguage) and "xx" (no language).
 */
function languageOf(value: string | null | undefined): string | null {
  const code = nonEmpty(value)?.toLowerCase() ?? null;
  if (code === "cn") return "zh";
  return code && /^[a-z]{2}$/.test(code) && code !== "xx" ? code : null;
}

function personOf(entry: z.infer<typeof person>): PersonFacts {
  const original = nonEmpty(entry.original_name);
  return {
    name: entry.name,
    nativeName: original && original !== entry.name ? original : null,
    sourceId: `tmdb-person:${entry.id}`,
  };
}

/** Each person once, in TMDB's order (one person may be credited as Screenplay and Writer). */
function uniquePeople(entries: z.infer<typeof person>[]): PersonFacts[] {
  const seen = new Set<number>();
  const people: PersonFacts[] = [];
  for (const entry of entries) {
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    people.push(personOf(entry));
  }
  return people;
}

/** 0 the year asked (or none asked), 1 a year off, 2 no year known, 3 further off. */
function yearAgreement(wanted: number | null, year: number | null): number {
  if (wanted === null) return 0;
  if (year === null) return 2;
  const gap = Math.abs(year - wanted);
  return gap === 0 ? 0 : gap === 1 ? 1 : 3;
}

function describe(result: SearchResult): string | null {
  const title = nonEmpty(result.title);
  const original = nonEmpty(result.original_title);
  const facts = [
    original && original !== title ? original : null,
    languageOf(result.original_language),
    dateOf(result.release_date),
  ].filter((part): part is string => part !== null);
  const overview = nonEmpty(result.overview);
  const summary =
    overview && overview.length > 200 ? `${overview.slice(0, 199).trimEnd()}…` : overview;
  const head = facts.join(", ");
  if (head && summary) return `${head}: ${summary}`;
  return head || summary;
}

/** The HTTP status behind a failed request, from http.ts's message ("…: HTTP 401 …"). */
function statusOf(error: SourceError): number | null {
  const match = /: HTTP (\d{3})\b/.exec(error.message);
  return match ? Number(match[1]) : null;
}

export function createTmdbSource(options: TmdbSourceOptions): FactSource {
  const apiKey = options.apiKey.trim();
  if (!apiKey) throw new Error("TMDB needs an API key or an API Read Access Token");
  const bearer = isBearerToken(apiKey);
  const client: JsonClient = createJsonClient({
    name: SOURCE,
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    minIntervalMs: options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    maxBytes: MAX_BYTES,
    sleep: options.sleep,
    cache: options.cache,
    headers: bearer ? { Authorization: `Bearer ${apiKey}` } : undefined,
  });

  /** The secret never leaves in a message, whatever a lower layer put there. */
  const redact = (message: string) => message.split(apiKey).join("[key]");

  async function get(path: string, params: Record<string, string>): Promise<unknown> {
    const query = new URLSearchParams(params).toString();
    const pathAndQuery = `${path}?${query}`;
    // The cache key is the request without its credentials: the same for both kinds of key.
    const cacheKey = client.urlFor(pathAndQuery);
    const withKey = bearer
      ? pathAndQuery
      : `${pathAndQuery}&${new URLSearchParams({ api_key: apiKey }).toString()}`;
    try {
      return await client.get(withKey, { cacheKey });
    } catch (error) {
      if (!(error instanceof SourceError)) {
        throw new SourceError(SOURCE, redact(String(error)), false);
      }
      const status = statusOf(error);
      if (status === 401) {
        // status_code 7 (invalid) or 10 (suspended): no retry helps until the key is replaced.
        throw new SourceError(
          SOURCE,
          "TMDB refused the API key (HTTP 401): check that it is a valid v3 API key or v4 API Read Access Token",
          false,
        );
      }
      const message = redact(error.message.replace(/^tmdb: /, ""));
      throw new SourceError(SOURCE, message, error.retryable);
    }
  }

  function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join(".") || "answer";
      throw new SourceError(SOURCE, `unexpected ${what} (${where}: ${issue?.message})`, false);
    }
    return parsed.data;
  }

  async function searchMovies(title: string, year: number | null): Promise<SearchResult[]> {
    const params: Record<string, string> = {
      query: title,
      include_adult: "false",
      language: LANGUAGE,
      page: "1",
    };
    if (year !== null) params.year = String(year);
    const body = await get("/3/search/movie", params);
    return parse(searchPage, body, "search answer").results;
  }

  async function movie(id: number): Promise<MovieDetails> {
    try {
      const body = await get(`/3/movie/${id}`, {
        append_to_response: "credits",
        language: LANGUAGE,
      });
      return parse(movieDetails, body, "movie answer");
    } catch (error) {
      if (error instanceof SourceError && statusOf(error) === 404) {
        throw new SourceError(SOURCE, `TMDB has no movie ${id} (HTTP 404)`, false);
      }
      throw error;
    }
  }

  async function search(query: FilmQuery): Promise<SourceCandidate[]> {
    const titles: string[] = [];
    for (const title of [query.title, query.originalTitle]) {
      const clean = nonEmpty(title);
      if (clean && !titles.some((t) => fold(t) === fold(clean))) titles.push(clean);
    }
    // First seen first: TMDB orders its results by relevance and popularity.
    const found = new Map<number, SearchResult>();
    for (const title of titles) {
      let results = await searchMovies(title, query.year);
      // Netflix's year may be a later release than TMDB's dates know: ask again without it,
      // and let the ranking below prefer the nearest year.
      if (results.length === 0 && query.year !== null) results = await searchMovies(title, null);
      for (const result of results) if (!found.has(result.id)) found.set(result.id, result);
    }

    const wanted = new Set(titles.map(fold));
    const ranked = [...found.values()].map((result, index) => {
      const year = yearOf(dateOf(result.release_date));
      const yearRank = yearAgreement(query.year, year);
      const titleRank = [result.title, result.original_title].some((t) => t && wanted.has(fold(t)))
        ? 0
        : 1;
      return { result, year, yearRank, titleRank, runtimeGap: 0, index };
    });
    const order = (a: (typeof ranked)[number], b: (typeof ranked)[number]) =>
      a.yearRank - b.yearRank ||
      a.titleRank - b.titleRank ||
      a.runtimeGap - b.runtimeGap ||
      a.index - b.index;
    ranked.sort(order);

    // Same year, same title: the runtime (which needs each film's details) tells them apart.
    const best = ranked[0];
    if (best && query.runtimeMinutes !== null) {
      const tied = ranked.filter(
        (c) => c.yearRank === best.yearRank && c.titleRank === best.titleRank,
      );
      if (tied.length > 1) {
        for (const candidate of tied.slice(0, TIE_BREAK_LIMIT)) {
          const runtime = runtimeOf(await movie(candidate.result.id));
          candidate.runtimeGap =
            runtime === null ? Number.MAX_SAFE_INTEGER : Math.abs(runtime - query.runtimeMinutes);
        }
        for (const candidate of tied.slice(TIE_BREAK_LIMIT)) {
          candidate.runtimeGap = Number.MAX_SAFE_INTEGER;
        }
        ranked.sort(order);
      }
    }

    return ranked.map(({ result, year }) => ({
      sourceId: `tmdb:${result.id}`,
      title: nonEmpty(result.title) ?? nonEmpty(result.original_title) ?? `TMDB movie ${result.id}`,
      year,
      description: describe(result),
    }));
  }

  async function details(sourceId: string): Promise<FilmFacts> {
    const match = /^tmdb:(\d+)$/.exec(sourceId);
    if (!match?.[1]) throw new SourceError(SOURCE, `"${sourceId}" is not a TMDB id`, false);
    const film = await movie(Number(match[1]));
    const releaseDate = dateOf(film.release_date);
    const crew = film.credits?.crew ?? [];
    const cast: CastFacts[] = (film.credits?.cast ?? [])
      .map((entry, index) => ({ entry, index }))
      .sort(
        (a, b) =>
          (a.entry.order ?? Number.MAX_SAFE_INTEGER) - (b.entry.order ?? Number.MAX_SAFE_INTEGER) ||
          a.index - b.index,
      )
      .map(({ entry }) => ({ ...personOf(entry), character: nonEmpty(entry.character) }));
    const countries = (film.production_countries ?? []).map((c) => c.iso_3166_1.toUpperCase());
    return {
      sourceId: `tmdb:${film.id}`,
      url: `https://www.themoviedb.org/movie/${film.id}`,
      title: nonEmpty(film.title),
      originalTitle: nonEmpty(film.original_title),
      originalLanguage: languageOf(film.original_language),
      year: yearOf(releaseDate),
      releaseDate,
      runtimeMinutes: runtimeOf(film),
      countries: [...new Set(countries)].filter((c) => /^[A-Z]{2}$/.test(c)),
      directors: uniquePeople(crew.filter((c) => c.job === "Director")),
      writers: uniquePeople(crew.filter((c) => c.job && WRITER_JOBS.has(c.job))),
      cast,
      synopsis: nonEmpty(film.overview),
      genres: (film.genres ?? []).map((g) => g.name),
    };
  }

  return { name: SOURCE, search, details };
}

/** TMDB sends 0 for an unknown runtime. */
function runtimeOf(film: MovieDetails): number | null {
  return film.runtime && film.runtime > 0 ? Math.round(film.runtime) : null;
}
