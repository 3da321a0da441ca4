/**
 * Downloads Netflix's published Top 10 files. A conditional GET (ETag / Last-Modified) skips files
 * that have not changed; the body is streamed to a temporary file beside the destination and
 * renamed into place only when complete, so a failed or cut-off download never replaces a good
 * file. Network errors, timeouts, 408, 429 and 5xx are retried with backoff, honouring Retry-After.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { STATUS_CODES } from "node:http";
import path from "node:path";

export const TOP10_FILES = [
  "all-weeks-global.tsv",
  "all-weeks-countries.tsv",
  "most-popular.tsv",
] as const;
export type Top10FileName = (typeof TOP10_FILES)[number];

const DEFAULT_BASE_URL = "https://www.netflix.com/tudum/top10/data/";

/** NETFLIX_TOP10_URL (tests point it at lib/netflix/fake-server.ts) or Netflix's own address. */
export function top10BaseUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env.NETFLIX_TOP10_URL?.trim() || DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`NETFLIX_TOP10_URL "${raw}" is not a URL (expected e.g. ${DEFAULT_BASE_URL})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`NETFLIX_TOP10_URL "${raw}" must start with http:// or https://`);
  }
  if (url.search || url.hash) {
    throw new Error(`NETFLIX_TOP10_URL "${raw}" must be a folder address, without ? or #`);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

export type DownloadOptions = {
  url: string;
  dest: string;
  /** Validators from the previous download: the server answers 304 if the file is unchanged. */
  etag?: string | null;
  lastModified?: string | null;
  /** No bytes for this long ends the attempt (default 30 s). */
  timeoutMs?: number;
  /** All attempts and waits together (default 10 min). */
  totalTimeoutMs?: number;
  /** Default 100 MiB; the countries file is about 30 MB. */
  maxBytes?: number;
  /** Attempts after the first (default 3). */
  retries?: number;
  userAgent?: string;
  /** `total` is null when the server does not announce the size. */
  onProgress?: (bytes: number, total: number | null) => void;
  signal?: AbortSignal;
  /** Waits between attempts; tests inject one that records instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
};

export type DownloadResult =
  | { status: "not-modified" }
  | {
      status: "downloaded";
      etag: string | null;
      lastModified: string | null;
      bytes: number;
      sha256: string;
      path: string;
      contentType: string | null;
    };

export type DownloadErrorKind =
  "timeout" | "too-large" | "truncated" | "http" | "network" | "aborted";

export class DownloadError extends Error {
  constructor(
    readonly kind: DownloadErrorKind,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, { cause: options?.cause });
    this.name = "DownloadError";
    this.retryAfterMs = options?.retryAfterMs;
  }
  /** The wait the server asked for with Retry-After, capped. */
  readonly retryAfterMs?: number;
}

const DEFAULTS = {
  timeoutMs: 30_000,
  totalTimeoutMs: 10 * 60_000,
  maxBytes: 100 * 1024 * 1024,
  retries: 3,
  userAgent: "Reelrank/1.0 (+Netflix Top 10 sync)",
};
const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 60_000;
/** A server asking for longer is still retried, after this long. */
const RETRY_AFTER_MAX_MS = 5 * 60_000;

/** `31.2 MB`, `512 KB`, `900 bytes` (binary units, as the limits are set). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${Number((n / 1024 / 1024).toFixed(1))} MB`;
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))} s`;
  return `${Number((ms / 60_000).toFixed(1))} min`;
}

/** Retry-After is seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(ms, 0), RETRY_AFTER_MAX_MS);
}

function isRetryable(error: DownloadError): boolean {
  if (error.kind === "network" || error.kind === "timeout" || error.kind === "truncated")
    return true;
  if (error.kind !== "http" || error.status === undefined) return false;
  return error.status === 408 || error.status === 429 || error.status >= 500;
}

/** Exponential with jitter: between half and all of 1 s, 2 s, 4 s… so clients spread out. */
function backoff(attempt: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function fileLabel(url: URL): string {
  const last = url.pathname.split("/").pop() ?? "";
  try {
    return decodeURIComponent(last) || url.href;
  } catch {
    return last;
  }
}

function abortedError(label: string, signal: AbortSignal): DownloadError {
  return new DownloadError("aborted", `${label}: download cancelled`, undefined, {
    cause: signal.reason,
  });
}

export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const url = new URL(options.url);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`${options.url}: only http:// and https:// downloads are supported`);
  }
  const label = fileLabel(url);
  const retries = options.retries ?? DEFAULTS.retries;
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULTS.totalTimeoutMs;
  const deadline = Date.now() + totalTimeoutMs;
  const sleep = options.sleep ?? defaultSleep;
  const signal = options.signal;

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortedError(label, signal);
    let error: DownloadError;
    try {
      return await attemptDownload(options, url, label, deadline, totalTimeoutMs);
    } catch (caught) {
      if (!(caught instanceof DownloadError)) throw caught;
      error = caught;
    }
    const wait = error.retryAfterMs ?? backoff(attempt);
    if (!isRetryable(error) || attempt > retries || Date.now() + wait >= deadline) {
      if (attempt === 1 || error.kind === "aborted") throw error;
      throw new DownloadError(
        error.kind,
        `${error.message} (gave up after ${attempt} attempts)`,
        error.status,
        { cause: error.cause },
      );
    }
    await waitUnlessAborted(sleep(wait), label, signal);
  }
}

async function waitUnlessAborted(wait: Promise<void>, label: string, signal?: AbortSignal) {
  if (!signal) return wait;
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortedError(label, signal));
    // the sleep itself may have been what saw the abort
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    await Promise.race([wait, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

async function attemptDownload(
  options: DownloadOptions,
  url: URL,
  label: string,
  deadline: number,
  totalTimeoutMs: number,
): Promise<DownloadResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes;
  const controller = new AbortController();
  // Our own aborts (idle, deadline, caller) must be told apart from the server's failures.
  let stoppedBy: "idle" | "deadline" | "caller" | null = null;
  const stop = (why: "idle" | "deadline" | "caller") => {
    stoppedBy ??= why;
    controller.abort();
  };
  let idleTimer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => stop("idle"), timeoutMs);
  };
  const deadlineTimer = setTimeout(() => stop("deadline"), Math.max(0, deadline - Date.now()));
  const onCallerAbort = () => stop("caller");
  options.signal?.addEventListener("abort", onCallerAbort, { once: true });

  const stopped = (cause: unknown): DownloadError | null => {
    if (stoppedBy === "idle")
      return new DownloadError(
        "timeout",
        `${label}: no answer for ${formatDuration(timeoutMs)}`,
        undefined,
        { cause },
      );
    if (stoppedBy === "deadline")
      return new DownloadError(
        "timeout",
        `${label}: not finished after ${formatDuration(totalTimeoutMs)}`,
        undefined,
        { cause },
      );
    if (stoppedBy === "caller") return abortedError(label, options.signal!);
    return null;
  };

  let tmp: string | null = null;
  let file: fs.FileHandle | null = null;
  let done = false;
  try {
    const headers: Record<string, string> = {
      "User-Agent": options.userAgent ?? DEFAULTS.userAgent,
      Accept: "text/tab-separated-values, text/plain;q=0.9, */*;q=0.1",
    };
    if (options.etag) headers["If-None-Match"] = options.etag;
    if (options.lastModified) headers["If-Modified-Since"] = options.lastModified;

    touch();
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: controller.signal, redirect: "follow" });
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      const detail = cause instanceof Error ? cause.message : (error as Error).message;
      throw (
        stopped(error) ??
        new DownloadError("network", `${label}: network error (${detail})`, undefined, {
          cause: error,
        })
      );
    }

    const conditional = Boolean(options.etag || options.lastModified);
    if (response.status === 304 && conditional) {
      done = true;
      return { status: "not-modified" };
    }
    if (response.status !== 200) {
      const text = response.statusText || STATUS_CODES[response.status] || "";
      throw new DownloadError(
        "http",
        `${label}: HTTP ${response.status}${text ? ` ${text}` : ""}`,
        response.status,
        { retryAfterMs: parseRetryAfter(response.headers.get("retry-after")) },
      );
    }

    // fetch decompresses gzip/br bodies, and then Content-Length counts the compressed bytes
    const encoding = response.headers.get("content-encoding");
    const lengthHeader = response.headers.get("content-length");
    const expected =
      (!encoding || encoding === "identity") && lengthHeader && /^\d+$/.test(lengthHeader)
        ? Number(lengthHeader)
        : null;
    if (expected !== null && expected > maxBytes) {
      throw new DownloadError(
        "too-large",
        `${label}: the server sent ${formatBytes(expected)}, more than the ${formatBytes(maxBytes)} limit`,
      );
    }

    await fs.mkdir(path.dirname(options.dest), { recursive: true });
    tmp = `${options.dest}.${randomBytes(6).toString("hex")}.part`;
    file = await fs.open(tmp, "wx");
    const hash = createHash("sha256");
    let bytes = 0;
    const reader = response.body!.getReader();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw (
          stopped(error) ??
          new DownloadError(
            "truncated",
            `${label}: the connection dropped after ${formatBytes(bytes)}${expected === null ? "" : ` of ${formatBytes(expected)}`} (truncated)`,
            undefined,
            { cause: error },
          )
        );
      }
      if (chunk.done) break;
      touch();
      bytes += chunk.value.byteLength;
      if (bytes > maxBytes) {
        throw new DownloadError(
          "too-large",
          `${label}: the server sent more than the ${formatBytes(maxBytes)} limit`,
        );
      }
      hash.update(chunk.value);
      await file.write(chunk.value);
      options.onProgress?.(bytes, expected);
    }
    if (expected !== null && bytes < expected) {
      throw new DownloadError(
        "truncated",
        `${label}: received ${formatBytes(bytes)} of the ${formatBytes(expected)} announced (truncated)`,
      );
    }
    // on disk before the rename, so a crash cannot leave a renamed but empty file
    await file.sync();
    await file.close();
    file = null;
    await fs.rename(tmp, options.dest);
    done = true;
    return {
      status: "downloaded",
      etag: response.headers.get("etag"),
      lastModified: response.headers.get("last-modified"),
      bytes,
      sha256: hash.digest("hex"),
      path: options.dest,
      contentType: response.headers.get("content-type"),
    };
  } finally {
    clearTimeout(idleTimer);
    clearTimeout(deadlineTimer);
    options.signal?.removeEventListener("abort", onCallerAbort);
    // releases the connection of a response we did not read to the end
    if (!done) controller.abort();
    await file?.close().catch(() => {});
    if (tmp && !done) await fs.rm(tmp, { force: true });
  }
}
