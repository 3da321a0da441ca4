/**
 * A local stand-in for Wikidata: the action API's `wbsearchentities` and `wbgetentities`
 * (www.wikidata.org/w/api.php) and the query service (query.wikidata.org/sparql), answering in the
 * shapes their documentation shows — the canonical entity JSON (Wikibase docs/topics/json.md),
 * the search envelope (`searchinfo`, `search`, `search-continue`, `success`), MediaWiki's errors
 * inside a 200 answer (`{"error": {"code", "info", "*"}}` plus a MediaWiki-API-Error header), and
 * the SPARQL 1.1 JSON results format. On request it fails the ways the real ones do (429 with
 * Retry-After, 503, slow answers), and it logs every request so tests can count them.
 *
 * The fixtures below are written by hand. Film types, languages and countries use their real
 * Q-ids (Q11424 film, Q9176 Korean, Q884 South Korea…); the films' and people's Q-ids are made up.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// ---- The documented entity JSON -------------------------------------------------------------

export type WbTerm = { language: string; value: string };

export type WbDataValue =
  | {
      type: "wikibase-entityid";
      value: { "entity-type": "item"; id: string; "numeric-id": number };
    }
  | { type: "string"; value: string }
  | { type: "monolingualtext"; value: { text: string; language: string } }
  | {
      type: "time";
      value: {
        time: string;
        timezone: number;
        before: number;
        after: number;
        precision: number;
        calendarmodel: string;
      };
    }
  | {
      type: "quantity";
      value: { amount: string; unit: string; upperBound?: string; lowerBound?: string };
    };

export type WbSnak = {
  snaktype: "value" | "somevalue" | "novalue";
  property: string;
  hash?: string;
  datatype: string;
  datavalue?: WbDataValue;
};

export type WbStatement = {
  id: string;
  mainsnak: WbSnak;
  type: "statement";
  rank: "preferred" | "normal" | "deprecated";
  qualifiers?: Record<string, WbSnak[]>;
  "qualifiers-order"?: string[];
  references?: unknown[];
};

export type WbEntity = {
  id: string;
  type: "item";
  labels: Record<string, WbTerm>;
  descriptions: Record<string, WbTerm>;
  aliases: Record<string, WbTerm[]>;
  claims: Record<string, WbStatement[]>;
  sitelinks: Record<string, { site: string; title: string; badges: string[] }>;
};

export type SparqlResults = {
  head: { vars: string[] };
  results: { bindings: Record<string, { type: "uri" | "literal" | "bnode"; value: string }>[] };
};

// ---- Fixture builders: each returns exactly the documented shape ------------------------------

const ENTITY_URI = "http://www.wikidata.org/entity/";
const GREGORIAN = `${ENTITY_URI}Q1985727`;

function hashOf(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** Statement ids are GUIDs after the item id; derived from the content so fixtures are stable. */
function statementId(subject: string, property: string, value: unknown): string {
  const h = hashOf(`${subject}|${property}|${JSON.stringify(value)}`);
  return `${subject}$${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function itemValue(id: string): WbDataValue {
  return {
    type: "wikibase-entityid",
    value: { "entity-type": "item", id, "numeric-id": Number(id.slice(1)) },
  };
}

/** `precision` 11 is a day, 10 a month, 9 a year; unknown parts of `time` are 00. */
export function timeValue(time: string, precision: number): WbDataValue {
  return {
    type: "time",
    value: { time, timezone: 0, before: 0, after: 0, precision, calendarmodel: GREGORIAN },
  };
}

export function quantityValue(amount: string, unitQid: string | null): WbDataValue {
  return { type: "quantity", value: { amount, unit: unitQid ? ENTITY_URI + unitQid : "1" } };
}

export function snak(property: string, datatype: string, datavalue: WbDataValue): WbSnak {
  return {
    snaktype: "value",
    property,
    hash: hashOf(`${property}|${JSON.stringify(datavalue)}`),
    datatype,
    datavalue,
  };
}

type ClaimOptions = { rank?: WbStatement["rank"]; qualifiers?: WbSnak[] };
/** A statement before it is put on its item (the item's id goes into the statement id). */
export type Claim = { snak: WbSnak } & ClaimOptions;

export const claim = {
  item: (property: string, id: string, options: ClaimOptions = {}): Claim => ({
    snak: snak(property, "wikibase-item", itemValue(id)),
    ...options,
  }),
  time: (property: string, time: string, precision: number, options: ClaimOptions = {}): Claim => ({
    snak: snak(property, "time", timeValue(time, precision)),
    ...options,
  }),
  quantity: (
    property: string,
    amount: string,
    unit: string,
    options: ClaimOptions = {},
  ): Claim => ({
    snak: snak(property, "quantity", quantityValue(amount, unit)),
    ...options,
  }),
  string: (property: string, value: string, datatype = "string"): Claim => ({
    snak: snak(property, datatype, { type: "string", value }),
  }),
  externalId: (property: string, value: string): Claim => ({
    snak: snak(property, "external-id", { type: "string", value }),
  }),
  monolingual: (property: string, text: string, language: string): Claim => ({
    snak: snak(property, "monolingualtext", {
      type: "monolingualtext",
      value: { text, language },
    }),
  }),
};

export function entity(
  id: string,
  terms: {
    labels: Record<string, string>;
    descriptions?: Record<string, string>;
    aliases?: Record<string, string[]>;
  },
  claims: Claim[] = [],
): WbEntity {
  const toTerms = (map: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(map).map(([language, value]) => [language, { language, value }]),
    );
  const grouped: Record<string, WbStatement[]> = {};
  for (const c of claims) {
    const property = c.snak.property;
    const qualifiers: Record<string, WbSnak[]> = {};
    for (const q of c.qualifiers ?? []) (qualifiers[q.property] ??= []).push(q);
    const statement: WbStatement = {
      id: statementId(id, property, c.snak.datavalue),
      mainsnak: c.snak,
      type: "statement",
      rank: c.rank ?? "normal",
    };
    if (c.qualifiers?.length) {
      statement.qualifiers = qualifiers;
      statement["qualifiers-order"] = Object.keys(qualifiers);
    }
    statement.references = [];
    (grouped[property] ??= []).push(statement);
  }
  return {
    id,
    type: "item",
    labels: toTerms(terms.labels),
    descriptions: toTerms(terms.descriptions ?? {}),
    aliases: Object.fromEntries(
      Object.entries(terms.aliases ?? {}).map(([language, values]) => [
        language,
        values.map((value) => ({ language, value })),
      ]),
    ),
    claims: grouped,
    sitelinks: {},
  };
}

// ---- Fixtures ---------------------------------------------------------------------------------

/** Q-ids of the fixtures, by what they are. */
export const QID = {
  // real Wikidata items
  film: "Q11424",
  animatedFilm: "Q202866",
  human: "Q5",
  painting: "Q3305213",
  korean: "Q9176",
  english: "Q1860",
  french: "Q150",
  southKorea: "Q884",
  canada: "Q16",
  france: "Q142",
  minute: "Q7727",
  second: "Q11574",
  actionFilm: "Q188473",
  thrillerFilm: "Q2484376",
  comedyFilm: "Q157443",
  adventureFilm: "Q319221",
  dramaFilm: "Q130232",
  // made up for these tests
  ballerina2023: "Q119870578",
  ballerina2016: "Q21664088",
  ballerinaPainting: "Q98765432",
  leeChunghyun: "Q65213477",
  jeonJongseo: "Q50809578",
  kimJihoon: "Q16186573",
  parkYurim: "Q104590171",
  okJu: "Q119870601",
  ericSummer: "Q3371554",
  ericWarin: "Q3371561",
  carolNoble: "Q21664101",
  lighthouseA: "Q70000001",
  lighthouseB: "Q70000002",
} as const;

export const BALLERINA_NETFLIX_ID = "81665003";

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
  placeOfPublication: "P291",
} as const;

function person(id: string, labels: Record<string, string>, description: string): WbEntity {
  return entity(id, { labels, descriptions: { en: description } }, [
    claim.item(P.instanceOf, QID.human),
  ]);
}

export const WIKIDATA_FIXTURES: Record<string, WbEntity> = Object.fromEntries(
  [
    entity(
      QID.ballerina2023,
      {
        labels: { en: "Ballerina", ko: "발레리나" },
        descriptions: { en: "2023 film by Lee Chung-hyun", ko: "이충현 감독의 2023년 영화" },
      },
      [
        claim.item(P.instanceOf, QID.film),
        claim.monolingual(P.title, "발레리나", "ko"),
        claim.item(P.language, QID.korean),
        claim.item(P.country, QID.southKorea),
        claim.time(P.published, "+2023-10-06T00:00:00Z", 11, {
          qualifiers: [snak(P.placeOfPublication, "wikibase-item", itemValue(QID.southKorea))],
        }),
        claim.quantity(P.duration, "+92", QID.minute),
        // a deprecated (wrong) runtime must be ignored
        claim.quantity(P.duration, "+100", QID.minute, { rank: "deprecated" }),
        claim.item(P.director, QID.leeChunghyun),
        claim.item(P.screenwriter, QID.leeChunghyun),
        claim.item(P.cast, QID.jeonJongseo, {
          qualifiers: [snak(P.characterRole, "wikibase-item", itemValue(QID.okJu))],
        }),
        claim.item(P.cast, QID.kimJihoon),
        claim.item(P.cast, QID.parkYurim, {
          qualifiers: [snak(P.characterName, "string", { type: "string", value: "Min-hee" })],
        }),
        claim.item(P.genre, QID.actionFilm),
        claim.item(P.genre, QID.thrillerFilm),
        claim.externalId(P.netflixId, BALLERINA_NETFLIX_ID),
      ],
    ),
    entity(
      QID.ballerina2016,
      {
        labels: { en: "Ballerina", fr: "Ballerina" },
        descriptions: { en: "2016 animated film directed by Éric Summer and Éric Warin" },
        aliases: { en: ["Leap!"] },
      },
      [
        claim.item(P.instanceOf, QID.animatedFilm),
        claim.monolingual(P.title, "Ballerina", "fr"),
        claim.item(P.language, QID.english),
        claim.item(P.country, QID.france),
        claim.item(P.country, QID.canada),
        claim.time(P.published, "+2016-12-14T00:00:00Z", 11),
        claim.time(P.published, "+2017-08-25T00:00:00Z", 11),
        // 89 minutes, stated in seconds
        claim.quantity(P.duration, "+5340", QID.second),
        claim.item(P.director, QID.ericSummer),
        claim.item(P.director, QID.ericWarin),
        claim.item(P.screenwriter, QID.carolNoble),
        claim.item(P.screenwriter, QID.ericSummer),
        claim.item(P.genre, QID.comedyFilm),
        claim.item(P.genre, QID.adventureFilm),
      ],
    ),
    entity(
      QID.ballerinaPainting,
      {
        labels: { en: "Ballerina" },
        descriptions: { en: "painting by Edgar Degas" },
      },
      [claim.item(P.instanceOf, QID.painting)],
    ),
    // two films with the same title and year, year-precision dates and no runtime
    entity(
      QID.lighthouseA,
      {
        labels: { en: "The Lighthouse Keeper" },
        descriptions: { en: "2019 Norwegian drama film" },
      },
      [
        claim.item(P.instanceOf, QID.film),
        claim.time(P.published, "+2019-00-00T00:00:00Z", 9),
        claim.item(P.genre, QID.dramaFilm),
      ],
    ),
    entity(
      QID.lighthouseB,
      {
        labels: { en: "The Lighthouse Keeper" },
        descriptions: { en: "2019 short film" },
      },
      [claim.item(P.instanceOf, QID.film), claim.time(P.published, "+2019-00-00T00:00:00Z", 9)],
    ),
    person(QID.leeChunghyun, { en: "Lee Chung-hyun", ko: "이충현" }, "South Korean film director"),
    person(QID.jeonJongseo, { en: "Jeon Jong-seo", ko: "전종서" }, "South Korean actress"),
    person(QID.kimJihoon, { en: "Kim Ji-hoon", ko: "김지훈" }, "South Korean actor"),
    person(QID.parkYurim, { en: "Park Yu-rim", ko: "박유림" }, "South Korean actress"),
    entity(QID.okJu, {
      labels: { en: "Ok-ju", ko: "옥주" },
      descriptions: { en: "character in the 2023 film Ballerina" },
    }),
    person(QID.ericSummer, { en: "Éric Summer", fr: "Éric Summer" }, "French film director"),
    person(QID.ericWarin, { en: "Éric Warin", fr: "Éric Warin" }, "Canadian animator"),
    person(QID.carolNoble, { en: "Carol Noble" }, "American screenwriter"),
    entity(QID.korean, { labels: { en: "Korean", ko: "한국어" } }, [
      claim.string(P.iso6391, "ko", "external-id"),
    ]),
    entity(QID.english, { labels: { en: "English" } }, [
      claim.string(P.iso6391, "en", "external-id"),
    ]),
    entity(QID.french, { labels: { en: "French", fr: "français" } }, [
      claim.string(P.iso6391, "fr", "external-id"),
    ]),
    entity(QID.southKorea, { labels: { en: "South Korea", ko: "대한민국" } }, [
      claim.string(P.iso3166, "KR", "external-id"),
    ]),
    entity(QID.canada, { labels: { en: "Canada" } }, [
      claim.string(P.iso3166, "CA", "external-id"),
    ]),
    entity(QID.france, { labels: { en: "France", fr: "France" } }, [
      claim.string(P.iso3166, "FR", "external-id"),
    ]),
    entity(QID.actionFilm, { labels: { en: "action film", ko: "액션 영화" } }),
    entity(QID.thrillerFilm, { labels: { en: "thriller film", ko: "스릴러 영화" } }),
    entity(QID.comedyFilm, { labels: { en: "comedy film" } }),
    entity(QID.adventureFilm, { labels: { en: "adventure film" } }),
    entity(QID.dramaFilm, { labels: { en: "drama film" } }),
  ].map((e) => [e.id, e]),
);

// ---- The server -------------------------------------------------------------------------------

export type FakeWikidataBehaviour =
  | { kind: "normal" }
  /** Answers `status` the next `times` requests (forever when unset), then answers normally. */
  | { kind: "status"; status: number; retryAfter?: string; times?: number }
  /** Waits `ms` before answering, the next `times` requests (forever when unset). */
  | { kind: "slow"; ms: number; times?: number }
  /**
   * The action API answers 200 with this error (e.g. `maxlag`, which Wikidata sends when its
   * replicas lag), the next `times` API requests; SPARQL requests are answered normally.
   */
  | { kind: "api-error"; code: string; info?: string; times?: number };

export type FakeWikidataRequest = {
  endpoint: "api" | "sparql" | "other";
  /** The action API's `action`, or null. */
  action: string | null;
  params: Record<string, string>;
  /** null when the client went away before the answer. */
  status: number | null;
  headers: http.IncomingHttpHeaders;
};

export type FakeWikidataOptions = {
  /** Served by id; defaults to WIKIDATA_FIXTURES. */
  entities?: Record<string, WbEntity>;
  /**
   * Search text (compared case-insensitively) → ids, in the order wbsearchentities returns them.
   * Texts not listed are matched by prefix against labels and aliases in the requested language,
   * exact matches first, as the real search does.
   */
  searchIndex?: Record<string, string[]>;
  /** Answers SPARQL queries instead of the built-in `?item wdt:P1874 "…"` lookup; null = 400. */
  sparql?: (query: string) => SparqlResults | null;
  /** 0 (the default) picks a free port. */
  port?: number;
};

export type FakeWikidata = {
  /** The `baseUrl` of the Wikidata source: the action API is at `${url}/w/api.php`. */
  url: string;
  /** The query service endpoint, `${url}/sparql`. */
  sparqlUrl: string;
  entities: Record<string, WbEntity>;
  behave(behaviour: FakeWikidataBehaviour): void;
  requests: FakeWikidataRequest[];
  close(): Promise<void>;
};

const JSON_TYPE = "application/json; charset=utf-8";
const SPARQL_TYPE = "application/sparql-results+json;charset=utf-8";
const API_HELP = "See https://www.wikidata.org/w/api.php for API usage.";
const ALL_PROPS = ["info", "sitelinks", "aliases", "labels", "descriptions", "claims", "datatype"];

function normalise(text: string): string {
  return text.normalize("NFKC").toLowerCase().trim();
}

type Answer = { status: number; type: string; body: string; headers?: Record<string, string> };

const json = (value: unknown, headers?: Record<string, string>): Answer => ({
  status: 200,
  type: JSON_TYPE,
  body: JSON.stringify(value),
  headers,
});

/** MediaWiki reports API errors with status 200, the error in the body and in a header. */
function apiError(code: string, info: string): Answer {
  return json(
    { error: { code, info, "*": API_HELP }, servedby: "mw-api-ext.fake" },
    { "MediaWiki-API-Error": code },
  );
}

export async function startFakeWikidata(options: FakeWikidataOptions = {}): Promise<FakeWikidata> {
  const entities = options.entities ?? WIKIDATA_FIXTURES;
  const searchIndex = new Map(
    Object.entries(options.searchIndex ?? {}).map(([text, ids]) => [normalise(text), ids]),
  );
  const requests: FakeWikidataRequest[] = [];
  let behaviour: FakeWikidataBehaviour = { kind: "normal" };
  const timers = new Set<NodeJS.Timeout>();

  function searchEntities(params: URLSearchParams): Answer {
    const search = params.get("search");
    const language = params.get("language");
    if (!search) return apiError("missingparam", 'The "search" parameter must be set.');
    if (!language) return apiError("missingparam", 'The "language" parameter must be set.');
    const type = params.get("type") ?? "item";
    const limit = Math.min(Number(params.get("limit") ?? 7) || 7, 50);
    const offset = Number(params.get("continue") ?? 0) || 0;
    const wanted = normalise(search);

    type Hit = { entity: WbEntity; match: { type: string; language: string; text: string } };
    let hits: Hit[] = [];
    const listed = searchIndex.get(wanted);
    if (listed) {
      for (const id of listed) {
        const e = entities[id];
        const text = e?.labels[language]?.value ?? e?.labels.en?.value ?? id;
        if (e) hits.push({ entity: e, match: { type: "label", language, text } });
      }
    } else if (type === "item") {
      const exact: Hit[] = [];
      const prefix: Hit[] = [];
      for (const e of Object.values(entities)) {
        const terms = [
          ...(e.labels[language] ? [{ type: "label", term: e.labels[language] }] : []),
          ...(e.aliases[language] ?? []).map((term) => ({ type: "alias", term })),
        ];
        const found =
          terms.find((t) => normalise(t.term.value) === wanted) ??
          terms.find((t) => normalise(t.term.value).startsWith(wanted));
        if (!found) continue;
        const hit = {
          entity: e,
          match: { type: found.type, language, text: found.term.value },
        };
        (normalise(found.term.value) === wanted ? exact : prefix).push(hit);
      }
      hits = [...exact, ...prefix];
    }
    const page = hits.slice(offset, offset + limit);
    const numericId = (id: string) => Number(id.slice(1));
    const result: Record<string, unknown> = {
      searchinfo: { search },
      search: page.map(({ entity: e, match }) => {
        const label = e.labels[language];
        const description = e.descriptions[language];
        return {
          id: e.id,
          title: e.id,
          pageid: numericId(e.id) % 1_000_000_000,
          display: {
            ...(label ? { label: { value: label.value, language: label.language } } : {}),
            ...(description
              ? { description: { value: description.value, language: description.language } }
              : {}),
          },
          repository: "wikidata",
          url: `//www.wikidata.org/wiki/${e.id}`,
          concepturi: ENTITY_URI + e.id,
          ...(label ? { label: label.value } : {}),
          ...(description ? { description: description.value } : {}),
          match,
          ...(match.type === "alias" ? { aliases: [match.text] } : {}),
        };
      }),
    };
    if (offset + limit < hits.length) result["search-continue"] = offset + limit;
    result.success = 1;
    return json(result);
  }

  function getEntities(params: URLSearchParams): Answer {
    const ids = (params.get("ids") ?? "").split("|").filter(Boolean);
    if (ids.length === 0) {
      return apiError(
        "param-missing",
        'Either provide the item "ids" or pairs of "sites" and "titles" for corresponding pages.',
      );
    }
    if (ids.length > 50) {
      return apiError(
        "toomanyvalues",
        'Too many values supplied for parameter "ids". The limit is 50.',
      );
    }
    const bad = ids.find((id) => !/^[QP][1-9]\d*$/.test(id));
    if (bad) return apiError("no-such-entity", `Could not find an entity with the ID "${bad}".`);
    const props = new Set((params.get("props") ?? ALL_PROPS.join("|")).split("|"));
    const languages = params.get("languages")?.split("|");
    const pick = <T>(map: Record<string, T>) =>
      languages
        ? Object.fromEntries(
            Object.entries(map).filter(([language]) => languages.includes(language)),
          )
        : map;
    const out: Record<string, unknown> = {};
    for (const id of ids) {
      const e = entities[id];
      if (!e) {
        out[id] = { id, missing: "" };
        continue;
      }
      const numeric = Number(id.slice(1));
      out[id] = {
        type: e.type,
        id: e.id,
        ...(props.has("info")
          ? {
              pageid: numeric % 1_000_000_000,
              ns: 0,
              title: e.id,
              lastrevid: 2_000_000_000 + (numeric % 100_000),
              modified: "2024-05-01T12:00:00Z",
            }
          : {}),
        ...(props.has("labels") ? { labels: pick(e.labels) } : {}),
        ...(props.has("descriptions") ? { descriptions: pick(e.descriptions) } : {}),
        ...(props.has("aliases") ? { aliases: pick(e.aliases) } : {}),
        ...(props.has("claims") ? { claims: e.claims } : {}),
        ...(props.has("sitelinks") ? { sitelinks: e.sitelinks } : {}),
      };
    }
    return json({ entities: out, success: 1 });
  }

  function sparql(params: URLSearchParams): Answer {
    const query = params.get("query");
    if (!query) return { status: 400, type: "text/plain", body: "Missing query parameter\n" };
    let results: SparqlResults | null;
    if (options.sparql) results = options.sparql(query);
    else {
      const variable = /SELECT\s+(?:DISTINCT\s+)?\?(\w+)/i.exec(query)?.[1];
      const netflixId = /wdt:P1874\s+"([^"\\]*)"/.exec(query)?.[1];
      results =
        variable && netflixId !== undefined
          ? {
              head: { vars: [variable] },
              results: {
                bindings: Object.values(entities)
                  .filter((e) =>
                    (e.claims.P1874 ?? []).some(
                      (s) =>
                        s.mainsnak.datavalue?.type === "string" &&
                        s.mainsnak.datavalue.value === netflixId,
                    ),
                  )
                  .map((e) => ({ [variable]: { type: "uri" as const, value: ENTITY_URI + e.id } })),
              },
            }
          : null;
    }
    // the query service answers a query it cannot parse with 400 and a Java stack trace
    if (!results) {
      return {
        status: 400,
        type: "text/plain; charset=utf-8",
        body: "SPARQL-QUERY: queryStr=…\njava.util.concurrent.ExecutionException: org.openrdf.query.MalformedQueryException\n",
      };
    }
    return { status: 200, type: SPARQL_TYPE, body: JSON.stringify(results) };
  }

  function route(url: URL): { endpoint: FakeWikidataRequest["endpoint"]; answer: () => Answer } {
    const params = url.searchParams;
    if (url.pathname === "/w/api.php") {
      return {
        endpoint: "api",
        answer: () => {
          if (params.get("format") !== "json") {
            // the real API answers format=xml or none with HTML help; tests only need to notice
            return { status: 200, type: "text/html; charset=utf-8", body: "<!DOCTYPE html>\n" };
          }
          const action = params.get("action");
          if (action === "wbsearchentities") return searchEntities(params);
          if (action === "wbgetentities") return getEntities(params);
          return apiError(
            "badvalue",
            `Unrecognized value for parameter "action": ${action ?? ""}.`,
          );
        },
      };
    }
    if (url.pathname === "/sparql") return { endpoint: "sparql", answer: () => sparql(params) };
    return {
      endpoint: "other",
      answer: () => ({ status: 404, type: "text/plain", body: "Not Found\n" }),
    };
  }

  function take(endpoint: FakeWikidataRequest["endpoint"]): FakeWikidataBehaviour {
    const current = behaviour;
    if (current.kind === "normal") return current;
    if (current.kind === "api-error" && endpoint !== "api") return { kind: "normal" };
    if (current.times !== undefined) {
      if (current.times <= 1) behaviour = { kind: "normal" };
      else behaviour = { ...current, times: current.times - 1 };
    }
    return current;
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const { endpoint, answer } = route(url);
    const entry: FakeWikidataRequest = {
      endpoint,
      action: endpoint === "api" ? url.searchParams.get("action") : null,
      params: Object.fromEntries(url.searchParams),
      status: null,
      headers: req.headers,
    };
    requests.push(entry);
    const send = (a: Answer) => {
      if (res.destroyed) return;
      entry.status = a.status;
      res.writeHead(a.status, {
        "Content-Type": a.type,
        "Content-Length": Buffer.byteLength(a.body),
        ...a.headers,
      });
      res.end(req.method === "HEAD" ? undefined : a.body);
    };
    const respond = () => {
      if (req.method !== "GET" && req.method !== "HEAD") {
        return send({ status: 405, type: "text/plain", body: "Method Not Allowed\n" });
      }
      // Wikimedia refuses requests without a User-Agent (its User-Agent policy)
      if (!req.headers["user-agent"]) {
        return send({
          status: 403,
          type: "text/plain",
          body: "Please set a user-agent and respect our robot policy https://w.wiki/4wJS.\n",
        });
      }
      const now = take(endpoint);
      if (now.kind === "status") {
        return send({
          status: now.status,
          type: "text/html; charset=utf-8",
          body: `<!DOCTYPE html><title>Wikimedia Error</title><p>${now.status} ${http.STATUS_CODES[now.status] ?? ""}</p>\n`,
          headers: now.retryAfter === undefined ? {} : { "Retry-After": now.retryAfter },
        });
      }
      if (now.kind === "api-error") {
        return send(apiError(now.code, now.info ?? "Waiting for a database server."));
      }
      if (now.kind === "slow") {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send(answer());
        }, now.ms);
        timers.add(timer);
        return;
      }
      send(answer());
    };
    try {
      respond();
    } catch (error) {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    sparqlUrl: `${base}/sparql`,
    entities,
    behave: (next) => void (behaviour = { ...next }),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
