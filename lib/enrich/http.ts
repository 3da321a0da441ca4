/**
 * A small JSON-over-HTTP client shared by the outside sources (Wikidata, TMDB), so each of them
 * gets the same discipline: one request at a time, a pause between requests, a descriptive
 * User-Agent, a timeout, a size limit, retries with exponential backoff that honour Retry-After,
 * and a ResponseCache so a rerun makes no new requests.
 *
 * Create ONE client per source and share it: the queue, the pause and the sharing of identical
 * requests already on their way are per client. A cached answer is returned without waiting.
 *
 *   const http = createJsonClient({ name: "tmdb", baseUrl: "https://api.themoviedb.org/3",
 *     userAgent: "Reelrank/1.0 (…)", headers: { Authorization: `Bearer ${token}` }, cache });
 *   const movie = await http.get("/movie/1013860?language=en-US");
 *
 * Every failure is a SourceError (types.ts) named after the source; `retryable` is true for
 * network errors, timeouts, 408, 429 and 5xx — the caller may try again later — and false for
 * the rest (404, 401, a body that is not JSON, a body over the limit).
 */
import { STATUS_CODES } from "node:http";
import { formatBytes, parseRetryAfter } from "../netflix/download";
import { SourceError, type ResponseCache } from "./types";

export type JsonClientOptions = {
  /** The source's name, used in SourceError and its messages ("wikidata", "tmdb"). */
  name: string;
  /** Prefix of every request, e.g. "https://api.themoviedb.org/3" (a trailing "/" is ignored). */
  baseUrl: string;
  /** Sent with every request; sources ask for a name and a way to reach us. */
  userAgent: string;
  /** Least time from the start of one request to the start of the next (default 0). */
  minIntervalMs?: number;
  /** One attempt, headers and body together, may take this long (default 15 s). */
  timeoutMs?: number;
  /** Attempts after the first (default 3). */
  retries?: number;
  /** Largest body accepted (default 5 MiB). */
  maxBytes?: number;
  /** Sent with every request (e.g. Authorization); `Accept` defaults to application/json. */
  headers?: Record<string, string>;
  /** Waits (backoff, Retry-After, the pause between requests); tests inject one that records. */
  sleep?: (ms: number) => Promise<void>;
  /** Answers are read from and written to it; errors are never cached. */
  cache?: ResponseCache;
};

export type GetOptions = {
  /**
   * The cache key (default: the full request URL). Pass one without secrets when the URL has
   * them, e.g. an api_key parameter.
   */
  cacheKey?: string;
  /** Extra headers for this request only (e.g. a different Accept). */
  headers?: Record<string, string>;
  /**
   * Looks at a parsed 200 answer before it is cached. Return a problem to treat the answer as a
   * failure — not cached, retried like a 503 when `retryable` — or null to accept it. For APIs
   * that report errors inside a 200 answer, such as MediaWiki's `{"error": {...}}`.
   */
  check?: (body: unknown) => { message: string; retryable: boolean } | null;
};

export type JsonClient = {
  /**
   * GET `${baseUrl}${pathAndQuery}` and parse the body as JSON. `pathAndQuery` starts with "/"
   * or "?"; a full http(s) URL is used as it is (for a source with a second host, such as
   * Wikidata's query service) and still waits its turn in this client's queue.
   */
  get(pathAndQuery: string, options?: GetOptions): Promise<unknown>;
  /** The URL a `get` of this path would request (also its default cache key). */
  urlFor(pathAndQuery: string): string;
};

const DEFAULTS = {
  minIntervalMs: 0,
  timeoutMs: 15_000,
  retries: 3,
  maxBytes: 5 * 1024 * 1024,
};
const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 30_000;
/** A server asking for a longer wait than this gets a retryable error instead of a wait. */
const RETRY_AFTER_MAX_MS = 2 * 60_000;

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Between half and all of 1 s, 2 s, 4 s… so clients that failed together spread out. */
function backoff(attempt: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** A failed attempt, with what the retry loop needs to decide. */
class AttemptError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** A ResponseCache kept in memory, for tests and one-off runs. */
export function createMemoryCache(): ResponseCache & { entries: Map<string, unknown> } {
  const entries = new Map<string, unknown>();
  return {
    entries,
    get: (key) => Promise.resolve(entries.get(key)),
    set: (key, value) => {
      entries.set(key, value);
      return Promise.resolve();
    },
  };
}

/** The request for messages: path and query, secrets hidden, long queries cut. */
function describe(url: string): string {
  const parsed = new URL(url);
  for (const key of [...parsed.searchParams.keys()]) {
    if (/key|token|secret|password/i.test(key)) parsed.searchParams.set(key, "…");
  }
  let text = parsed.pathname + parsed.search;
  try {
    text = decodeURIComponent(text);
  } catch {
    // keep it encoded
  }
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

export function createJsonClient(options: JsonClientOptions): JsonClient {
  const name = options.name;
  const base = options.baseUrl.replace(/\/+$/, "");
  const minIntervalMs = options.minIntervalMs ?? DEFAULTS.minIntervalMs;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const retries = options.retries ?? DEFAULTS.retries;
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes;
  const sleep = options.sleep ?? defaultSleep;
  const cache = options.cache;

  // Requests run one after another: each waits for the previous one to settle.
  let queue: Promise<unknown> = Promise.resolve();
  let lastStart: number | null = null;
  const inflight = new Map<string, Promise<unknown>>();

  function urlFor(pathAndQuery: string): string {
    if (/^https?:\/\//i.test(pathAndQuery)) return new URL(pathAndQuery).href;
    if (!pathAndQuery.startsWith("/") && !pathAndQuery.startsWith("?")) {
      throw new Error(`${name}: request path "${pathAndQuery}" must start with "/" or "?"`);
    }
    return new URL(base + pathAndQuery).href;
  }

  async function attempt(
    url: string,
    headers: Record<string, string>,
    check: GetOptions["check"],
  ): Promise<unknown> {
    if (lastStart !== null && minIntervalMs > 0) {
      const wait = lastStart + minIntervalMs - Date.now();
      if (wait > 0) await sleep(wait);
    }
    lastStart = Date.now();
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const label = describe(url);
    try {
      let response: Response;
      try {
        response = await fetch(url, { headers, signal: controller.signal, redirect: "follow" });
      } catch (error) {
        if (timedOut) throw new AttemptError(`${label}: no answer in ${timeoutMs} ms`, true);
        const cause = (error as { cause?: unknown }).cause;
        const detail = cause instanceof Error ? cause.message : (error as Error).message;
        throw new AttemptError(`${label}: network error (${detail})`, true);
      }
      if (response.status !== 200) {
        const status = response.status;
        const text = response.statusText || STATUS_CODES[status] || "";
        const retryable = status === 408 || status === 429 || status >= 500;
        const retryAfterMs =
          status === 429 || status === 503
            ? parseRetryAfter(response.headers.get("retry-after"))
            : undefined;
        throw new AttemptError(
          `${label}: HTTP ${status}${text ? ` ${text}` : ""}`,
          retryable,
          retryAfterMs,
        );
      }
      const length = response.headers.get("content-length");
      if (length && /^\d+$/.test(length) && Number(length) > maxBytes) {
        throw new AttemptError(
          `${label}: the answer is ${formatBytes(Number(length))}, over the ${formatBytes(maxBytes)} limit`,
          false,
        );
      }
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      try {
        const reader = response.body!.getReader();
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) break;
          bytes += chunk.value.byteLength;
          if (bytes > maxBytes) {
            throw new AttemptError(
              `${label}: the answer is over the ${formatBytes(maxBytes)} limit`,
              false,
            );
          }
          chunks.push(chunk.value);
        }
      } catch (error) {
        if (error instanceof AttemptError) throw error;
        if (timedOut) throw new AttemptError(`${label}: no answer in ${timeoutMs} ms`, true);
        throw new AttemptError(`${label}: the connection dropped mid-answer`, true);
      }
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        const type = response.headers.get("content-type") ?? "no content type";
        throw new AttemptError(`${label}: the answer is not JSON (${type})`, false);
      }
      const problem = check?.(body);
      if (problem) throw new AttemptError(`${label}: ${problem.message}`, problem.retryable);
      return body;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  async function fetchWithRetries(
    url: string,
    headers: Record<string, string>,
    check: GetOptions["check"],
  ) {
    for (let n = 1; ; n++) {
      try {
        return await attempt(url, headers, check);
      } catch (error) {
        if (!(error instanceof AttemptError)) throw error;
        if (!error.retryable || n > retries) {
          const suffix = n > 1 ? ` (gave up after ${n} attempts)` : "";
          throw new SourceError(name, error.message + suffix, error.retryable);
        }
        if (error.retryAfterMs !== undefined && error.retryAfterMs > RETRY_AFTER_MAX_MS) {
          throw new SourceError(
            name,
            `${error.message} (asked to wait ${Math.round(error.retryAfterMs / 1000)} s)`,
            true,
          );
        }
        await sleep(error.retryAfterMs ?? backoff(n));
      }
    }
  }

  async function get(pathAndQuery: string, getOptions: GetOptions = {}): Promise<unknown> {
    const url = urlFor(pathAndQuery);
    const key = getOptions.cacheKey ?? url;
    if (cache) {
      const hit = await cache.get(key);
      if (hit !== undefined) return hit;
    }
    // the same request already on its way is shared, not sent twice
    const pending = inflight.get(key);
    if (pending) return pending;
    const headers: Record<string, string> = {
      Accept: "application/json",
      ...options.headers,
      ...getOptions.headers,
      "User-Agent": options.userAgent,
    };
    const turn = queue.then(() => fetchWithRetries(url, headers, getOptions.check));
    // the next request waits for this one whether it succeeds or fails
    queue = turn.catch(() => {});
    const stored = turn.then(async (value) => {
      if (cache) await cache.set(key, value);
      return value;
    });
    inflight.set(key, stored);
    try {
      return await stored;
    } finally {
      inflight.delete(key);
    }
  }

  return { get, urlFor };
}
