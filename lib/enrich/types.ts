/**
 * What an outside source (Wikidata, TMDB) says about a film, in one shape, so the enrichment
 * pipeline compares and applies facts without knowing where they came from.
 */

/** What Reelrank knows of a film when it asks a source. */
export type FilmQuery = {
  title: string;
  originalTitle: string | null;
  /** Only when a real source gave it. */
  year: number | null;
  /** Netflix's or the editors' runtime; sources disagree by a few minutes. */
  runtimeMinutes: number | null;
  /** ISO 639-1, when known. */
  originalLanguage: string | null;
  /** Netflix's title id (Wikidata property P1874), when a source gave one. */
  netflixId: string | null;
};

export type PersonFacts = {
  name: string;
  /** The name in its own script, e.g. 전종서, when the source has it. */
  nativeName: string | null;
  /** `wikidata:Q…` or `tmdb-person:123`. */
  sourceId: string | null;
};

export type CastFacts = PersonFacts & { character: string | null };

export type FilmFacts = {
  /** `wikidata:Q119870578` or `tmdb:1013860`. */
  sourceId: string;
  /** A page a reader can open to check the facts; null for a file with no page per title. */
  url: string | null;
  title: string | null;
  originalTitle: string | null;
  originalLanguage: string | null;
  /** Year of first publication. */
  year: number | null;
  /** Earliest full publication date, YYYY-MM-DD. */
  releaseDate: string | null;
  runtimeMinutes: number | null;
  /** ISO 3166-1 alpha-2 codes of the countries of origin. */
  countries: string[];
  directors: PersonFacts[];
  writers: PersonFacts[];
  /** In billing order. */
  cast: CastFacts[];
  synopsis: string | null;
  genres: string[];
  /** A maturity rating (`TV-MA`, `PG-13`), where the source gives one. */
  maturityRating?: string | null;
};

/** A film a source found for a query, before its details are read. */
export type SourceCandidate = {
  sourceId: string;
  title: string;
  year: number | null;
  description: string | null;
};

/** Responses kept between runs, so a rerun makes no new requests. */
export type ResponseCache = {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
};

export interface FactSource {
  readonly name: "wikidata" | "tmdb";
  /** Candidates for a film, best first; an empty list when nothing fits. */
  search(query: FilmQuery): Promise<SourceCandidate[]>;
  /** Everything the source says about one candidate. */
  details(sourceId: string): Promise<FilmFacts>;
}

/** A source failed in a way a retry later may fix (rate limited, down, timed out). */
export class SourceError extends Error {
  constructor(
    readonly source: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(`${source}: ${message}`);
    this.name = "SourceError";
  }
}
