/**
 * Wikidata as a FactSource. Films are found with the action API's `wbsearchentities` (by title)
 * or, when Netflix's title id is known, with one SPARQL query for property P1874; candidates are
 * read with `wbgetentities` and kept only when they are films (FILM_CLASSES). Details come from
 * the film's statements, with the referenced items (languages, countries, people, characters,
 * genres) read in batches of at most 50.
 *
 * All requests go through one JsonClient (lib/enrich/http.ts): one at a time for both hosts, a
 * descriptive User-Agent as Wikimedia's policy asks, backoff honouring Retry-After, a timeout, a
 * size limit, and every answer cached under its URL so a rerun makes no requests.
 *
 * Entity JSON: https://doc.wikimedia.org/Wikibase/master/php/docs_topics_json.html
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

/** Items whose instances (P31) count as films. Subclasses beyond these are not followed. */
export const FILM_CLASSES: Readonly<Record<string, string>> = {
  Q11424: "film",
  Q202866: "animated film",
  Q24869: "feature film",
  Q506240: "television film",
  Q93204: "documentary film",
};

/** Minutes per unit of a duration (P2047). */
const DURATION_UNITS: Readonly<Record<string, number>> = {
  Q7727: 1, // minute
  Q25235: 60, // hour
  Q11574: 1 / 60, // second
};

const P = {
  instanceOf: "P31",
  title: "P1476",
  language: "P364",
  country: "P495",
  published: "P577",
  duration: "P2047",
  director: "P57",
  screenwriter: "P58",
  cast: "P161",
  genre: "P136",
  netflixId: "P1874",
  characterRole: "P453",
  characterName: "P4633",
  iso6391: "P218",
  iso3166: "P297",
} as const;

export const WIKIDATA_USER_AGENT = "Reelrank/1.0 (film chart site; contact via repository)";
const SOURCE = "wikidata";
const ENTITY_URI = "http://www.wikidata.org/entity/";
/** wbgetentities takes at most 50 ids. */
const BATCH = 50;
const SEARCH_LIMIT = 10;

export type WikidataSourceOptions = {
  /** The action API is at `${baseUrl}/w/api.php`. */
  baseUrl?: string;
  sparqlUrl?: string;
  /** Every answer is kept here under its request URL. */
  cache: ResponseCache;
  /** Waits between attempts and requests; tests inject one that records instead. */
  sleep?: (ms: number) => Promise<void>;
  userAgent?: string;
  /** Per attempt (default 15 s). */
  timeoutMs?: number;
  /** Attempts after the first (default 3). */
  retries?: number;
  /** Pause between requests (default 200 ms). */
  minIntervalMs?: number;
  /** Largest answer accepted (default 5 MiB; a country's claims are a few hundred KB). */
  maxBytes?: number;
};

// ---- Reading the documented JSON ------------------------------------------------------------

/** PHP serialises an empty map as `[]`. */
function map<T extends z.ZodType>(value: T) {
  return z.union([
    z.record(z.string(), value),
    z
      .array(z.never())
      .max(0)
      .transform((): Record<string, z.infer<T>> => ({})),
  ]);
}

const snakSchema = z.object({
  snaktype: z.string(),
  property: z.string(),
  datavalue: z.object({ type: z.string(), value: z.unknown() }).optional(),
});
type Snak = z.infer<typeof snakSchema>;

const statementSchema = z.object({
  mainsnak: snakSchema,
  rank: z.string().optional(),
  qualifiers: map(z.array(snakSchema)).optional(),
});
type Statement = z.infer<typeof statementSchema>;

const termSchema = z.object({ language: z.string(), value: z.string() });

const entitySchema = z.object({
  id: z.string(),
  missing: z.string().optional(),
  labels: map(termSchema).optional(),
  descriptions: map(termSchema).optional(),
  claims: map(z.array(statementSchema)).optional(),
});
type Entity = z.infer<typeof entitySchema>;

const getEntitiesSchema = z.object({ entities: map(entitySchema) });
const searchSchema = z.object({ search: z.array(z.object({ id: z.string() })) });
const sparqlSchema = z.object({
  results: z.object({
    bindings: z.array(z.record(z.string(), z.object({ type: z.string(), value: z.string() }))),
  }),
});

const itemValueSchema = z.object({ id: z.string() });
const timeValueSchema = z.object({ time: z.string(), precision: z.number() });
const quantityValueSchema = z.object({ amount: z.string(), unit: z.string() });
const monolingualSchema = z.object({ text: z.string(), language: z.string() });

function itemOf(snak: Snak): string | null {
  if (snak.snaktype !== "value" || snak.datavalue?.type !== "wikibase-entityid") return null;
  const value = itemValueSchema.safeParse(snak.datavalue.value);
  return value.success && /^Q\d+$/.test(value.data.id) ? value.data.id : null;
}

function stringOf(snak: Snak): string | null {
  if (snak.snaktype !== "value" || snak.datavalue?.type !== "string") return null;
  return typeof snak.datavalue.value === "string" ? snak.datavalue.value : null;
}

/** Statements of a property with a value, deprecated ones left out, in statement order. */
function statementsOf(e: Entity, property: string): Statement[] {
  return (e.claims?.[property] ?? []).filter(
    (s) => s.rank !== "deprecated" && s.mainsnak.snaktype === "value",
  );
}

/** Wikidata's "best rank": the preferred statements if there are any, else the normal ones. */
function bestOf(e: Entity, property: string): Statement[] {
  const all = statementsOf(e, property);
  const preferred = all.filter((s) => s.rank === "preferred");
  return preferred.length ? preferred : all;
}

function itemsOf(e: Entity, property: string): string[] {
  const ids = statementsOf(e, property)
    .map((s) => itemOf(s.mainsnak))
    .filter((id): id is string => id !== null);
  return [...new Set(ids)];
}

function label(e: Entity | undefined, language: string): string | null {
  return e?.labels?.[language]?.value ?? null;
}

/**
 * A Wikibase time value: `+2023-10-06T00:00:00Z` with precision 11 (day), 10 (month) or
 * 9 (year); unknown parts are 00. Coarser precisions (decade…) give nothing.
 */
export function parseWikidataTime(
  time: string,
  precision: number,
): { year: number | null; date: string | null } {
  const match = /^([+-])(\d+)-(\d{2})-(\d{2})T/.exec(time);
  if (!match || precision < 9) return { year: null, date: null };
  const [, sign, yearText = "", month = "", day = ""] = match;
  const year = Number(yearText) * (sign === "-" ? -1 : 1);
  if (precision < 11 || month === "00" || day === "00" || year < 1) return { year, date: null };
  return { year, date: `${String(year).padStart(4, "0")}-${month}-${day}` };
}

/** A duration quantity in whole minutes, or null for a unit that is not a time. */
export function durationMinutes(amount: string, unit: string): number | null {
  const qid = unit.startsWith(ENTITY_URI) ? unit.slice(ENTITY_URI.length) : null;
  const factor = qid ? DURATION_UNITS[qid] : undefined;
  const value = Number(amount);
  if (factor === undefined || !Number.isFinite(value) || value <= 0) return null;
  return Math.round(value * factor);
}

function runtimeOf(e: Entity): number | null {
  for (const s of bestOf(e, P.duration)) {
    if (s.mainsnak.datavalue?.type !== "quantity") continue;
    const q = quantityValueSchema.safeParse(s.mainsnak.datavalue.value);
    const minutes = q.success ? durationMinutes(q.data.amount, q.data.unit) : null;
    if (minutes !== null) return minutes;
  }
  return null;
}

/** Year of first publication, and the earliest day-precision date. */
function publicationOf(e: Entity): { year: number | null; date: string | null } {
  let year: number | null = null;
  let date: string | null = null;
  for (const s of statementsOf(e, P.published)) {
    if (s.mainsnak.datavalue?.type !== "time") continue;
    const t = timeValueSchema.safeParse(s.mainsnak.datavalue.value);
    if (!t.success) continue;
    const parsed = parseWikidataTime(t.data.time, t.data.precision);
    if (parsed.year !== null && (year === null || parsed.year < year)) year = parsed.year;
    if (parsed.date !== null && (date === null || parsed.date < date)) date = parsed.date;
  }
  return { year, date };
}

function originalTitleOf(e: Entity): { text: string; language: string } | null {
  for (const s of bestOf(e, P.title)) {
    if (s.mainsnak.datavalue?.type !== "monolingualtext") continue;
    const m = monolingualSchema.safeParse(s.mainsnak.datavalue.value);
    if (m.success) return m.data;
  }
  return null;
}

function isFilm(e: Entity): boolean {
  return itemsOf(e, P.instanceOf).some((id) => id in FILM_CLASSES);
}

/** Case, accents and punctuation do not count when titles are compared. */
function normaliseTitle(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Two-letter codes only: FilmFacts speaks ISO 639-1, not zh-hans or mis. */
const ISO_639_1 = /^[a-z]{2}$/;

/**
 * How well a film agrees with the query. Title, year and runtime each add when they agree and
 * subtract when they clearly do not; a missing fact adds nothing.
 */
function score(e: Entity, query: FilmQuery, languages: string[]): number {
  let total = 0;
  const wanted = [query.title, query.originalTitle]
    .filter((t): t is string => Boolean(t))
    .map(normaliseTitle);
  const names = [...languages.map((l) => label(e, l)), originalTitleOf(e)?.text ?? null]
    .filter((t): t is string => t !== null)
    .map(normaliseTitle);
  if (names.some((n) => wanted.includes(n))) total += 3;
  else if (names.some((n) => wanted.some((w) => n.includes(w) || w.includes(n)))) total += 1;

  const { year } = publicationOf(e);
  if (query.year !== null && year !== null) {
    const gap = Math.abs(query.year - year);
    // festival premieres and streaming releases are often a year apart
    total += gap === 0 ? 4 : gap === 1 ? 2 : -3;
  }
  const runtime = runtimeOf(e);
  if (query.runtimeMinutes !== null && runtime !== null) {
    const gap = Math.abs(query.runtimeMinutes - runtime);
    total += gap <= 3 ? 2 : gap <= 10 ? 1 : -2;
  }
  return total;
}

/** The query's original language when it is a plain ISO 639-1 code, as requests need. */
function queryLanguage(query: FilmQuery): string | null {
  const code = query.originalLanguage?.trim().toLowerCase() ?? null;
  return code && ISO_639_1.test(code) ? code : null;
}

function parseSourceId(sourceId: string): string {
  const match = /^wikidata:(Q[1-9]\d*)$/.exec(sourceId);
  if (!match?.[1]) {
    throw new SourceError(SOURCE, `"${sourceId}" is not a Wikidata id (wikidata:Q…)`, false);
  }
  return match[1];
}

/** MediaWiki reports API errors inside a 200 answer. */
function apiProblem(body: unknown): { message: string; retryable: boolean } | null {
  if (typeof body !== "object" || body === null || !("error" in body)) return null;
  const error = (body as { error: { code?: unknown; info?: unknown } }).error;
  const code = typeof error.code === "string" ? error.code : "unknown";
  const info = typeof error.info === "string" ? error.info : "";
  const retryable =
    code === "maxlag" || code === "ratelimited" || code.startsWith("internal_api_error");
  return { message: `API error ${code}${info ? `: ${info}` : ""}`, retryable };
}

function parse<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new SourceError(
      SOURCE,
      `unexpected ${what} answer (${result.error.issues[0]?.message ?? "invalid"})`,
      false,
    );
  }
  return result.data;
}

// ---- The source ------------------------------------------------------------------------------

export function createWikidataSource(options: WikidataSourceOptions): FactSource {
  const baseUrl = (options.baseUrl ?? "https://www.wikidata.org").replace(/\/+$/, "");
  const sparqlUrl = options.sparqlUrl ?? "https://query.wikidata.org/sparql";
  const client: JsonClient = createJsonClient({
    name: SOURCE,
    baseUrl,
    userAgent: options.userAgent ?? WIKIDATA_USER_AGENT,
    minIntervalMs: options.minIntervalMs ?? 200,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    maxBytes: options.maxBytes,
    sleep: options.sleep,
    cache: options.cache,
  });
  /** ISO codes of language and country items, read once per source. */
  const codes = new Map<string, string | null>();

  function api(params: Record<string, string>): Promise<unknown> {
    const query = new URLSearchParams({ ...params, format: "json" });
    return client.get(`/w/api.php?${query.toString()}`, { check: apiProblem });
  }

  async function getEntities(
    ids: string[],
    props: string,
    languages: string[] | null,
  ): Promise<Map<string, Entity>> {
    const unique = [...new Set(ids)];
    const found = new Map<string, Entity>();
    for (let i = 0; i < unique.length; i += BATCH) {
      const batch = unique.slice(i, i + BATCH);
      const body = await api({
        action: "wbgetentities",
        ids: batch.join("|"),
        props,
        ...(languages ? { languages: languages.join("|") } : {}),
      });
      const { entities } = parse(getEntitiesSchema, body, "wbgetentities");
      for (const [key, e] of Object.entries(entities)) {
        if (e.missing !== undefined) continue;
        // a redirected id comes back under the id asked for, holding the target
        found.set(key, e);
        found.set(e.id, e);
      }
    }
    return found;
  }

  async function searchTitle(text: string, language: string): Promise<string[]> {
    const body = await api({
      action: "wbsearchentities",
      search: text,
      language,
      uselang: language,
      type: "item",
      limit: String(SEARCH_LIMIT),
    });
    return parse(searchSchema, body, "wbsearchentities").search.map((hit) => hit.id);
  }

  async function findByNetflixId(netflixId: string): Promise<string[]> {
    // Netflix ids are numbers; anything else is not put into a query
    if (!/^\d+$/.test(netflixId)) return [];
    const query = `SELECT ?item WHERE { ?item wdt:${P.netflixId} "${netflixId}" . } LIMIT 10`;
    const url = `${sparqlUrl}?${new URLSearchParams({ query, format: "json" }).toString()}`;
    const body = await client.get(url, {
      headers: { Accept: "application/sparql-results+json" },
    });
    return parse(sparqlSchema, body, "SPARQL")
      .results.bindings.map((row) => row.item?.value ?? "")
      .filter((uri) => uri.startsWith(ENTITY_URI))
      .map((uri) => uri.slice(ENTITY_URI.length));
  }

  async function rankFilms(ids: string[], query: FilmQuery): Promise<SourceCandidate[]> {
    const languages = ["en"];
    const own = queryLanguage(query);
    if (own && own !== "en") languages.push(own);
    const entities = await getEntities(ids, "claims|labels|descriptions", languages);
    const films = [...new Set(ids.map((id) => entities.get(id)).filter((e) => e !== undefined))]
      .filter(isFilm)
      .map((e) => ({ e, score: score(e, query, languages) }));
    // stable: equal scores keep the search's order
    films.sort((a, b) => b.score - a.score);
    return films.map(({ e }) => ({
      sourceId: `wikidata:${e.id}`,
      title:
        label(e, "en") ??
        originalTitleOf(e)?.text ??
        languages.map((l) => label(e, l)).find((t) => t !== null) ??
        e.id,
      year: publicationOf(e).year,
      description: e.descriptions?.en?.value ?? null,
    }));
  }

  async function search(query: FilmQuery): Promise<SourceCandidate[]> {
    if (query.netflixId) {
      const hits = await findByNetflixId(query.netflixId);
      if (hits.length) {
        const films = await rankFilms(hits, query);
        if (films.length) return films;
      }
    }
    const ids: string[] = [];
    ids.push(...(await searchTitle(query.title, "en")));
    const original = query.originalTitle?.trim();
    if (original && normaliseTitle(original) !== normaliseTitle(query.title)) {
      ids.push(...(await searchTitle(original, queryLanguage(query) ?? "en")));
    }
    if (ids.length === 0) return [];
    return rankFilms(ids, query);
  }

  /**
   * Reads the ISO codes (P218 of languages, P297 of countries) of items not read before, all in
   * one batched request; `codeOf` then answers from the memo.
   */
  async function readCodes(wanted: (readonly [ids: string[], property: string])[]) {
    const key = (property: string, id: string) => `${property}:${id}`;
    const unknown = wanted.flatMap(([ids, property]) =>
      ids.filter((id) => !codes.has(key(property, id))),
    );
    if (unknown.length === 0) return;
    const entities = await getEntities(unknown, "claims", null);
    for (const [ids, property] of wanted) {
      for (const id of ids) {
        const e = entities.get(id);
        const value = e
          ? (bestOf(e, property)
              .map((s) => stringOf(s.mainsnak))
              .find((v) => v !== null) ?? null)
          : null;
        codes.set(key(property, id), value);
      }
    }
  }
  const codeOf = (property: string, id: string) => codes.get(`${property}:${id}`) ?? null;

  async function details(sourceId: string): Promise<FilmFacts> {
    const qid = parseSourceId(sourceId);
    const film = (await getEntities([qid], "claims|labels|descriptions", ["en"])).get(qid);
    if (!film) throw new SourceError(SOURCE, `${qid} does not exist`, false);

    const languageIds = itemsOf(film, P.language);
    const countryIds = itemsOf(film, P.country);
    await readCodes([
      [languageIds, P.iso6391],
      [countryIds, P.iso3166],
    ]);

    const originalTitle = originalTitleOf(film);
    const originalLanguage =
      languageIds
        .map((id) => codeOf(P.iso6391, id)?.toLowerCase() ?? null)
        .find((c) => c !== null && ISO_639_1.test(c)) ??
      (originalTitle && ISO_639_1.test(originalTitle.language) ? originalTitle.language : null);
    const countries = [
      ...new Set(
        countryIds
          .map((id) => codeOf(P.iso3166, id)?.toUpperCase() ?? null)
          .filter((c): c is string => c !== null && /^[A-Z]{2}$/.test(c)),
      ),
    ];

    const castStatements = statementsOf(film, P.cast);
    const characterIds = castStatements.flatMap((s) =>
      (s.qualifiers?.[P.characterRole] ?? []).map(itemOf).filter((id) => id !== null),
    );
    const directorIds = itemsOf(film, P.director);
    const writerIds = itemsOf(film, P.screenwriter);
    const genreIds = itemsOf(film, P.genre);
    const languages = ["en"];
    if (originalLanguage && originalLanguage !== "en") languages.push(originalLanguage);
    const named = await getEntities(
      [
        ...directorIds,
        ...writerIds,
        ...castStatements.map((s) => itemOf(s.mainsnak)).filter((id) => id !== null),
        ...characterIds,
        ...genreIds,
      ],
      "labels",
      languages,
    );

    function personOf(id: string): PersonFacts | null {
      const e = named.get(id);
      const english = label(e, "en");
      const native = originalLanguage ? label(e, originalLanguage) : null;
      const name = english ?? native;
      if (!name) return null;
      return {
        name,
        nativeName: native && native !== name ? native : null,
        sourceId: `wikidata:${id}`,
      };
    }
    const people = (ids: string[]) => ids.map(personOf).filter((p) => p !== null);

    const cast: CastFacts[] = [];
    for (const s of castStatements) {
      const id = itemOf(s.mainsnak);
      const p = id ? personOf(id) : null;
      if (!p) continue;
      // a character item (P453) named in English, else in the film's language; else the
      // plain-text character name (P4633)
      const role = (s.qualifiers?.[P.characterRole] ?? []).map(itemOf).find((r) => r !== null);
      const roleItem = role ? named.get(role) : undefined;
      const character =
        languages.map((l) => label(roleItem, l)).find((n) => n !== null) ??
        (s.qualifiers?.[P.characterName] ?? []).map(stringOf).find((n) => n !== null) ??
        null;
      cast.push({ ...p, character });
    }

    const { year, date } = publicationOf(film);
    return {
      sourceId: `wikidata:${film.id}`,
      url: `https://www.wikidata.org/wiki/${film.id}`,
      title: label(film, "en"),
      originalTitle: originalTitle?.text ?? null,
      originalLanguage,
      year,
      releaseDate: date,
      runtimeMinutes: runtimeOf(film),
      countries,
      directors: people(directorIds),
      writers: people(writerIds),
      cast,
      // Wikidata's description is a disambiguation phrase ("2023 film by …"), not a synopsis
      synopsis: null,
      genres: [
        ...new Set(genreIds.map((id) => label(named.get(id), "en")).filter((g) => g !== null)),
      ],
    };
  }

  return { name: SOURCE, search, details };
}
