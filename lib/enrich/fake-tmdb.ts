/**
 * A local stand-in for TMDB's API v3 (api.themoviedb.org/3), answering in the shapes its
 * documentation shows (developer.themoviedb.org/reference), errors included, so the TMDB source
 * and the enrichment pipeline are tested without the internet or a real key.
 *
 * Served: `GET /3/search/movie`, `GET /3/movie/{id}` (with `append_to_response=credits`) and
 * `GET /3/movie/{id}/credits`. The key goes as `api_key=` or as `Authorization: Bearer`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type TmdbGenre = { id: number; name: string };

export type TmdbCastJson = {
  adult: boolean;
  gender: number;
  id: number;
  known_for_department: string;
  name: string;
  original_name: string;
  popularity: number;
  profile_path: string | null;
  cast_id: number;
  character: string;
  credit_id: string;
  order: number;
};

export type TmdbCrewJson = {
  adult: boolean;
  gender: number;
  id: number;
  known_for_department: string;
  name: string;
  original_name: string;
  popularity: number;
  profile_path: string | null;
  credit_id: string;
  department: string;
  job: string;
};

/** `GET /3/movie/{id}?append_to_response=credits`, as TMDB answers it. */
export type TmdbMovieJson = {
  adult: boolean;
  backdrop_path: string | null;
  belongs_to_collection: null;
  budget: number;
  genres: TmdbGenre[];
  homepage: string;
  id: number;
  imdb_id: string | null;
  original_language: string;
  original_title: string;
  overview: string;
  popularity: number;
  poster_path: string | null;
  production_companies: {
    id: number;
    logo_path: string | null;
    name: string;
    origin_country: string;
  }[];
  production_countries: { iso_3166_1: string; name: string }[];
  /** "YYYY-MM-DD", or "" when unknown. */
  release_date: string;
  revenue: number;
  /** Minutes; 0 when unknown. */
  runtime: number;
  spoken_languages: { english_name: string; iso_639_1: string; name: string }[];
  status: string;
  tagline: string;
  title: string;
  video: boolean;
  vote_average: number;
  vote_count: number;
  credits: { cast: TmdbCastJson[]; crew: TmdbCrewJson[] };
};

export type FakeTmdbBehaviour =
  /** Answers `status` (with TMDB's error body) the next `times` requests, forever when unset. */
  | { kind: "status"; status: number; retryAfter?: string; times?: number }
  /** Waits `ms` before answering the next `times` requests, forever when unset. */
  | { kind: "slow"; ms: number; times?: number };

/** `status` is null for a request the client gave up on before the answer. */
export type FakeTmdbRequest = {
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  status: number | null;
};

export type FakeTmdb = {
  /** Base URL without a trailing slash, like `https://api.themoviedb.org`. */
  url: string;
  /** Applies to every following request until its `times` run out; `null` clears it. */
  behave(behaviour: FakeTmdbBehaviour | null): void;
  requests: FakeTmdbRequest[];
  close(): Promise<void>;
};

export type FakeTmdbOptions = {
  /** The one key (v3 key or v4 token) the fake accepts. */
  apiKey: string;
  movies: Record<string | number, TmdbMovieJson>;
  /** 0 (the default) picks a free port. */
  port?: number;
};

// Bodies from developer.themoviedb.org/docs/errors.
const INVALID_KEY = {
  status_code: 7,
  status_message: "Invalid API key: You must be granted a valid key.",
  success: false,
};
const NOT_FOUND = {
  status_code: 34,
  status_message: "The resource you requested could not be found.",
  success: false,
};
const ERROR_BODIES: Record<number, { status_code: number; status_message: string }> = {
  401: { status_code: 7, status_message: INVALID_KEY.status_message },
  404: { status_code: 34, status_message: NOT_FOUND.status_message },
  429: {
    status_code: 25,
    status_message: "Your request count (#) is over the allowed limit of (40).",
  },
  500: { status_code: 11, status_message: "Internal error: Something went wrong, contact TMDB." },
  502: { status_code: 43, status_message: "Couldn't connect to the backend server." },
  503: {
    status_code: 9,
    status_message: "Service offline: This service is temporarily offline, try again later.",
  },
  504: {
    status_code: 24,
    status_message: "Your request to the backend server timed out. Try again.",
  },
};

/** Lower case, no accents or punctuation: enough for the fake's title matching. */
const fold = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

function searchResult(movie: TmdbMovieJson) {
  return {
    adult: movie.adult,
    backdrop_path: movie.backdrop_path,
    genre_ids: movie.genres.map((genre) => genre.id),
    id: movie.id,
    original_language: movie.original_language,
    original_title: movie.original_title,
    overview: movie.overview,
    popularity: movie.popularity,
    poster_path: movie.poster_path,
    release_date: movie.release_date,
    title: movie.title,
    video: movie.video,
    vote_average: movie.vote_average,
    vote_count: movie.vote_count,
  };
}

export async function startFakeTmdb(options: FakeTmdbOptions): Promise<FakeTmdb> {
  const movies = new Map<string, TmdbMovieJson>(
    Object.entries(options.movies).map(([id, movie]) => [String(id), movie]),
  );
  const requests: FakeTmdbRequest[] = [];
  let behaviour: FakeTmdbBehaviour | null = null;

  function takeBehaviour(): FakeTmdbBehaviour | null {
    const current = behaviour;
    if (current?.times !== undefined) {
      current.times--;
      if (current.times <= 0) behaviour = null;
    }
    return current;
  }

  function route(path: string, query: URLSearchParams): { status: number; body: unknown } {
    if (path === "/3/search/movie") {
      const text = fold(query.get("query") ?? "");
      // TMDB answers an empty query with an empty page, not an error.
      const words = text ? text.split(" ") : [];
      // `year` looks at every release date and `primary_release_year` at the first; the fake
      // knows only the first.
      const year = query.get("primary_release_year") ?? query.get("year");
      const results = [...movies.values()]
        .filter((movie) => {
          if (words.length === 0) return false;
          const haystack = ` ${fold(movie.title)} ${fold(movie.original_title)} `;
          return words.every((word) => haystack.includes(` ${word} `));
        })
        .filter((movie) => !year || movie.release_date.startsWith(`${year}-`))
        .sort((a, b) => b.popularity - a.popularity)
        .map(searchResult);
      const page = Number(query.get("page") ?? "1");
      return {
        status: 200,
        body: {
          page,
          results: results.slice((page - 1) * 20, page * 20),
          total_pages: Math.max(1, Math.ceil(results.length / 20)),
          total_results: results.length,
        },
      };
    }
    const match = /^\/3\/movie\/(\d+)(\/credits)?$/.exec(path);
    const movie = match?.[1] === undefined ? undefined : movies.get(match[1]);
    if (!movie) return { status: 404, body: NOT_FOUND };
    const { credits, ...details } = movie;
    if (match?.[2]) return { status: 200, body: { id: movie.id, ...credits } };
    const appended = (query.get("append_to_response") ?? "").split(",");
    return {
      status: 200,
      body: appended.includes("credits") ? { ...details, credits } : details,
    };
  }

  async function answer(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const entry: FakeTmdbRequest = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      status: null,
    };
    requests.push(entry);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      const text = JSON.stringify(body);
      res.writeHead(status, {
        "Content-Type": "application/json;charset=utf-8",
        "Content-Length": Buffer.byteLength(text),
        ...headers,
      });
      res.end(text);
    };

    const current = takeBehaviour();
    if (current?.kind === "slow") {
      await new Promise((resolve) => setTimeout(resolve, current.ms));
      if (req.socket.destroyed) return;
    }
    if (current?.kind === "status") {
      const known = ERROR_BODIES[current.status] ?? {
        status_code: 15,
        status_message: "Failed.",
      };
      send(
        current.status,
        { ...known, success: false },
        current.retryAfter === undefined ? {} : { "Retry-After": current.retryAfter },
      );
      return;
    }

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const key = bearer ?? url.searchParams.get("api_key");
    if (key !== options.apiKey) {
      send(401, INVALID_KEY);
      return;
    }
    if (req.method !== "GET") {
      send(405, {
        status_code: 42,
        status_message: "The request method is not supported for this resource.",
        success: false,
      });
      return;
    }
    const { status, body } = route(url.pathname, url.searchParams);
    send(status, body);
  }

  const server = http.createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    behave: (next) => {
      behaviour = next && { ...next };
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        // slow answers would otherwise keep close() waiting
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Hand-written fixtures in TMDB's shapes. The facts are written for these tests, not copied from
// TMDB; ids, popularity and votes are illustrative.

type PersonSeed = { id: number; name: string; originalName?: string; gender?: number };

function castMember(
  person: PersonSeed,
  character: string,
  order: number,
  department = "Acting",
): TmdbCastJson {
  return {
    adult: false,
    gender: person.gender ?? 0,
    id: person.id,
    known_for_department: department,
    name: person.name,
    original_name: person.originalName ?? person.name,
    popularity: 10 - order,
    profile_path: null,
    cast_id: order + 1,
    character,
    credit_id: `cast${person.id.toString(16).padStart(20, "0")}`,
    order,
  };
}

function crewMember(person: PersonSeed, department: string, job: string): TmdbCrewJson {
  return {
    adult: false,
    gender: person.gender ?? 0,
    id: person.id,
    known_for_department: department,
    name: person.name,
    original_name: person.originalName ?? person.name,
    popularity: 2,
    profile_path: null,
    credit_id: `${job.toLowerCase().slice(0, 4)}${person.id.toString(16).padStart(20, "0")}`,
    department,
    job,
  };
}

type MovieSeed = Omit<
  TmdbMovieJson,
  | "adult"
  | "backdrop_path"
  | "belongs_to_collection"
  | "budget"
  | "homepage"
  | "imdb_id"
  | "poster_path"
  | "production_companies"
  | "revenue"
  | "status"
  | "tagline"
  | "video"
  | "vote_average"
  | "vote_count"
> &
  Partial<TmdbMovieJson>;

function movie(seed: MovieSeed): TmdbMovieJson {
  return {
    adult: false,
    backdrop_path: null,
    belongs_to_collection: null,
    budget: 0,
    homepage: "",
    imdb_id: null,
    poster_path: null,
    production_companies: [],
    revenue: 0,
    status: "Released",
    tagline: "",
    video: false,
    vote_average: 7,
    vote_count: 100,
    ...seed,
  };
}

const LEE_CHUNG_HYUN = { id: 2_034_551, name: "Lee Chung-hyun", originalName: "이충현", gender: 2 };

/** The 2023 Korean Netflix film 발레리나. */
export const BALLERINA_2023 = movie({
  id: 1_013_860,
  title: "Ballerina",
  original_title: "발레리나",
  original_language: "ko",
  release_date: "2023-10-06",
  runtime: 92,
  overview:
    "Grieving the loss of a best friend she couldn't protect, an ex-bodyguard sets out to fulfill her friend's dying wish: sweet revenge.",
  genres: [
    { id: 28, name: "Action" },
    { id: 53, name: "Thriller" },
  ],
  production_countries: [{ iso_3166_1: "KR", name: "South Korea" }],
  spoken_languages: [{ english_name: "Korean", iso_639_1: "ko", name: "한국어/조선말" }],
  popularity: 24.5,
  credits: {
    cast: [
      // listed out of billing order on purpose: the source must sort by `order`
      castMember(
        { id: 1_648_871, name: "Park Yu-rim", originalName: "박유림", gender: 1 },
        "Min-hee",
        2,
      ),
      castMember(
        { id: 1_255_881, name: "Jeon Jong-seo", originalName: "전종서", gender: 1 },
        "Ok-ju",
        0,
      ),
      castMember(
        { id: 1_371_004, name: "Kim Ji-hoon", originalName: "김지훈", gender: 2 },
        "Choi Pil-lo",
        1,
      ),
    ],
    crew: [
      crewMember(LEE_CHUNG_HYUN, "Writing", "Screenplay"),
      crewMember(
        { id: 3_100_200, name: "Kim Ji-yong", originalName: "김지용" },
        "Camera",
        "Director of Photography",
      ),
      crewMember(LEE_CHUNG_HYUN, "Directing", "Director"),
    ],
  },
});

/** The 2016 French-Canadian animated film, Leap! in the United States. */
export const BALLERINA_2016 = movie({
  id: 342_473,
  title: "Ballerina",
  original_title: "Ballerina",
  original_language: "en",
  release_date: "2016-12-14",
  runtime: 89,
  overview:
    "An orphan girl dreams of becoming a ballerina and flees her rural Brittany for Paris, where she passes for somebody else and accedes to the position of pupil at the Grand Opera house.",
  genres: [
    { id: 16, name: "Animation" },
    { id: 10751, name: "Family" },
    { id: 12, name: "Adventure" },
  ],
  production_countries: [
    { iso_3166_1: "FR", name: "France" },
    { iso_3166_1: "CA", name: "Canada" },
  ],
  spoken_languages: [{ english_name: "English", iso_639_1: "en", name: "English" }],
  popularity: 31.2,
  credits: {
    cast: [
      castMember({ id: 18_050, name: "Elle Fanning", gender: 1 }, "Félicie (voice)", 0),
      castMember({ id: 122_889, name: "Dane DeHaan", gender: 2 }, "Victor (voice)", 1),
      castMember({ id: 1_230_765, name: "Carly Rae Jepsen", gender: 1 }, "Odette (voice)", 2),
      castMember({ id: 1_428_542, name: "Maddie Ziegler", gender: 1 }, "Camille (voice)", 3),
    ],
    crew: [
      crewMember({ id: 1_660_914, name: "Éric Summer", gender: 2 }, "Directing", "Director"),
      crewMember({ id: 1_344_286, name: "Éric Warin", gender: 2 }, "Directing", "Director"),
      crewMember({ id: 1_660_915, name: "Carol Noble", gender: 1 }, "Writing", "Screenplay"),
      crewMember({ id: 1_660_914, name: "Éric Summer", gender: 2 }, "Writing", "Screenplay"),
      crewMember({ id: 1_660_916, name: "Laurent Zeitoun", gender: 2 }, "Writing", "Writer"),
      crewMember(
        { id: 1_660_917, name: "Klaus Badelt", gender: 2 },
        "Sound",
        "Original Music Composer",
      ),
    ],
  },
});

/** Two invented films sharing a title and a year, told apart only by their details. */
export const SAME_TITLE_NORWAY = movie({
  id: 900_001,
  title: "The Lighthouse Keeper",
  original_title: "Fyrvokteren",
  original_language: "no",
  release_date: "2021-03-12",
  runtime: 98,
  overview: "A widowed keeper and the child who washes ashore.",
  genres: [{ id: 18, name: "Drama" }],
  production_countries: [{ iso_3166_1: "NO", name: "Norway" }],
  spoken_languages: [{ english_name: "Norwegian", iso_639_1: "no", name: "Norsk" }],
  popularity: 3.1,
  credits: {
    cast: [castMember({ id: 900_101, name: "Ingrid Dahl" }, "Marit", 0)],
    crew: [crewMember({ id: 900_102, name: "Jon Lie" }, "Directing", "Director")],
  },
});

export const SAME_TITLE_AUSTRALIA = movie({
  id: 900_002,
  title: "The Lighthouse Keeper",
  original_title: "The Lighthouse Keeper",
  original_language: "en",
  release_date: "2021-09-30",
  runtime: 121,
  overview: "A storm, a shipwreck and a keeper who saw too much.",
  genres: [
    { id: 53, name: "Thriller" },
    { id: 9648, name: "Mystery" },
  ],
  production_countries: [{ iso_3166_1: "AU", name: "Australia" }],
  spoken_languages: [{ english_name: "English", iso_639_1: "en", name: "English" }],
  popularity: 5.4,
  credits: {
    cast: [castMember({ id: 900_201, name: "Sam Carter" }, "Tom", 0)],
    crew: [crewMember({ id: 900_202, name: "Alice Moore" }, "Directing", "Director")],
  },
});

export const TMDB_FIXTURES: Record<number, TmdbMovieJson> = Object.fromEntries(
  [BALLERINA_2023, BALLERINA_2016, SAME_TITLE_NORWAY, SAME_TITLE_AUSTRALIA].map((m) => [m.id, m]),
);
