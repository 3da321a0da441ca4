import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  downloadFile,
  DownloadError,
  formatBytes,
  parseRetryAfter,
  top10BaseUrl,
  TOP10_FILES,
  type DownloadOptions,
} from "./download";
import { startFakeNetflix, type FakeNetflix } from "./fake-server";

const GLOBAL = "all-weeks-global.tsv";
const BODY = [
  "week\tcategory\tweekly_rank\tshow_title\tseason_title\tweekly_hours_viewed\tcumulative_weeks_in_top_10",
  "2024-01-07\tFilms (English)\t1\tThe Lantern Keeper\tN/A\t1000\t1",
  "",
].join("\n");

let netflix: FakeNetflix;
let dir: string;
let dest: string;
let sleeps: number[];

beforeEach(async () => {
  netflix = await startFakeNetflix({ files: { [GLOBAL]: BODY } });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "reelrank-download-"));
  dest = path.join(dir, GLOBAL);
  sleeps = [];
});

afterEach(async () => {
  await netflix.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** Downloads GLOBAL from the fake server; waits between attempts are recorded, not slept. */
function download(options: Partial<DownloadOptions> = {}) {
  return downloadFile({
    url: netflix.url + GLOBAL,
    dest,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<DownloadError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DownloadError) return error;
    throw error;
  }
  throw new Error("expected a DownloadError");
}

const statuses = () => netflix.requests.map((r) => r.status);

describe("top10BaseUrl", () => {
  it("defaults to Netflix's own address", () => {
    expect(top10BaseUrl({})).toBe("https://www.netflix.com/tudum/top10/data/");
    expect(top10BaseUrl({ NETFLIX_TOP10_URL: "" })).toBe(
      "https://www.netflix.com/tudum/top10/data/",
    );
  });

  it("takes NETFLIX_TOP10_URL and makes it end with a slash", () => {
    expect(top10BaseUrl({ NETFLIX_TOP10_URL: "http://127.0.0.1:3199" })).toBe(
      "http://127.0.0.1:3199/",
    );
    expect(top10BaseUrl({ NETFLIX_TOP10_URL: " http://127.0.0.1:3199/data " })).toBe(
      "http://127.0.0.1:3199/data/",
    );
    expect(new URL(TOP10_FILES[0], top10BaseUrl({})).href).toBe(
      "https://www.netflix.com/tudum/top10/data/all-weeks-global.tsv",
    );
  });

  it("refuses what is not an http(s) folder address", () => {
    expect(() => top10BaseUrl({ NETFLIX_TOP10_URL: "ftp://example.com/" })).toThrow(
      /must start with http:\/\/ or https:\/\//,
    );
    expect(() => top10BaseUrl({ NETFLIX_TOP10_URL: "netflix.com/data" })).toThrow(/is not a URL/);
    expect(() => top10BaseUrl({ NETFLIX_TOP10_URL: "http://x/data?y=1" })).toThrow(/without \?/);
  });
});

describe("downloadFile", () => {
  it("downloads a file, with its validators, size and hash", async () => {
    const progress: [number, number | null][] = [];
    const result = await download({ onProgress: (bytes, total) => progress.push([bytes, total]) });

    const bytes = Buffer.byteLength(BODY);
    expect(result).toEqual({
      status: "downloaded",
      etag: expect.stringMatching(/^"[0-9a-f]+"$/) as unknown,
      lastModified: expect.stringMatching(/ GMT$/) as unknown,
      bytes,
      sha256: createHash("sha256").update(BODY).digest("hex"),
      path: dest,
      contentType: "text/tab-separated-values; charset=utf-8",
    });
    expect(await fs.readFile(dest, "utf8")).toBe(BODY);
    expect(await fs.readdir(dir)).toEqual([GLOBAL]);
    expect(progress.at(-1)).toEqual([bytes, bytes]);
    expect(netflix.requests[0]?.headers["user-agent"]).toBe("Reelrank/1.0 (+Netflix Top 10 sync)");
  });

  it("creates the destination folder", async () => {
    const nested = path.join(dir, "a", "b", GLOBAL);
    await download({ dest: nested });
    expect(await fs.readFile(nested, "utf8")).toBe(BODY);
  });

  it("answers not-modified for an unchanged ETag, and downloads a new version", async () => {
    const first = await download();
    if (first.status !== "downloaded") throw new Error("expected a download");
    await fs.writeFile(dest, "kept");

    expect(await download({ etag: first.etag })).toEqual({ status: "not-modified" });
    expect(netflix.requests[1]?.headers["if-none-match"]).toBe(first.etag);
    expect(await fs.readFile(dest, "utf8")).toBe("kept");

    netflix.setFile(GLOBAL, `${BODY}more\n`);
    const second = await download({ etag: first.etag });
    expect(second).toMatchObject({ status: "downloaded", bytes: Buffer.byteLength(BODY) + 5 });
    expect(statuses()).toEqual([200, 304, 200]);
  });

  it("answers not-modified for an unchanged Last-Modified, even a change in the same second", async () => {
    const first = await download();
    if (first.status !== "downloaded") throw new Error("expected a download");

    expect(await download({ lastModified: first.lastModified })).toEqual({
      status: "not-modified",
    });
    expect(netflix.requests[1]?.headers["if-modified-since"]).toBe(first.lastModified);

    netflix.setFile(GLOBAL, `${BODY}more\n`);
    const second = await download({ lastModified: first.lastModified });
    if (second.status !== "downloaded") throw new Error("expected a download");
    expect(Date.parse(second.lastModified!)).toBeGreaterThan(Date.parse(first.lastModified!));
    expect(await fs.readFile(dest, "utf8")).toBe(`${BODY}more\n`);
  });

  it("passes on what the server says the content is", async () => {
    netflix.behave(GLOBAL, { kind: "html" });
    const result = await download();
    expect(result).toMatchObject({ status: "downloaded", contentType: "text/html; charset=utf-8" });
    expect(await fs.readFile(dest, "utf8")).toMatch(/Moved Permanently/);
  });

  it("refuses a file whose Content-Length is over the limit before reading it", async () => {
    await fs.writeFile(dest, "kept");
    const error = await failure(download({ maxBytes: 100 }));
    expect(error.kind).toBe("too-large");
    expect(error.message).toBe(
      `${GLOBAL}: the server sent ${Buffer.byteLength(BODY)} bytes, more than the 100 bytes limit`,
    );
    expect(statuses()).toEqual([200]);
    expect(await fs.readdir(dir)).toEqual([GLOBAL]);
    expect(await fs.readFile(dest, "utf8")).toBe("kept");
  });

  it("stops a body without Content-Length when it grows past the limit", async () => {
    await fs.writeFile(dest, "kept");
    netflix.behave(GLOBAL, { kind: "oversize", bytes: 8 * 1024 * 1024 });
    const error = await failure(download({ maxBytes: 1024 * 1024 }));
    expect(error.kind).toBe("too-large");
    expect(error.message).toBe(`${GLOBAL}: the server sent more than the 1 MB limit`);
    expect(statuses()).toEqual([200]);
    expect(await fs.readdir(dir)).toEqual([GLOBAL]);
    expect(await fs.readFile(dest, "utf8")).toBe("kept");
  });

  it("refuses a truncated body, retries it, and leaves the old file alone", async () => {
    await fs.writeFile(dest, "kept");
    netflix.setFile(GLOBAL, BODY.repeat(200));
    netflix.behave(GLOBAL, { kind: "truncated" });
    const error = await failure(download({ retries: 1 }));
    expect(error.kind).toBe("truncated");
    expect(error.message).toMatch(
      new RegExp(
        `^${GLOBAL}: .* of ${formatBytes(Buffer.byteLength(BODY) * 200)}.*truncated.*gave up after 2 attempts`,
      ),
    );
    expect(statuses()).toEqual([200, 200]);
    expect(await fs.readdir(dir)).toEqual([GLOBAL]);
    expect(await fs.readFile(dest, "utf8")).toBe("kept");
  });

  it("times out a server that never answers", async () => {
    netflix.behave(GLOBAL, { kind: "hang" });
    const started = Date.now();
    const error = await failure(download({ timeoutMs: 300, retries: 1 }));
    expect(error.kind).toBe("timeout");
    expect(error.message).toBe(`${GLOBAL}: no answer for 300 ms (gave up after 2 attempts)`);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(statuses()).toEqual([null, null]);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it("stops at the total time limit, without retrying past it", async () => {
    netflix.behave(GLOBAL, { kind: "hang" });
    const error = await failure(download({ timeoutMs: 5000, totalTimeoutMs: 300 }));
    expect(error.kind).toBe("timeout");
    expect(error.message).toBe(`${GLOBAL}: not finished after 300 ms`);
    expect(statuses()).toEqual([null]);
  });

  it("waits as long as Retry-After says after a 429", async () => {
    netflix.behave(GLOBAL, { kind: "status", status: 429, retryAfter: "1", times: 1 });
    expect(await download()).toMatchObject({ status: "downloaded" });
    expect(sleeps).toEqual([1000]);
    expect(statuses()).toEqual([429, 200]);
  });

  it("reads Retry-After as an HTTP date too, and caps it", () => {
    const now = Date.parse("2024-01-07T12:00:00Z");
    expect(parseRetryAfter("Sun, 07 Jan 2024 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sun, 07 Jan 2024 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("86400", now)).toBe(5 * 60_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("backs off exponentially, with jitter, after 503s", async () => {
    netflix.behave(GLOBAL, { kind: "status", status: 503, times: 2 });
    expect(await download()).toMatchObject({ status: "downloaded" });
    expect(statuses()).toEqual([503, 503, 200]);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(sleeps[0]).toBeLessThanOrEqual(1000);
    expect(sleeps[1]).toBeGreaterThanOrEqual(1000);
    expect(sleeps[1]).toBeLessThanOrEqual(2000);
  });

  it("gives up after the last retry", async () => {
    netflix.behave(GLOBAL, { kind: "status", status: 500 });
    const error = await failure(download({ retries: 2 }));
    expect(error).toMatchObject({ kind: "http", status: 500 });
    expect(error.message).toBe(
      `${GLOBAL}: HTTP 500 Internal Server Error (gave up after 3 attempts)`,
    );
    expect(statuses()).toEqual([500, 500, 500]);
  });

  it("does not retry a 404", async () => {
    await fs.writeFile(dest, "kept");
    const error = await failure(download({ url: `${netflix.url}all-weeks-nowhere.tsv` }));
    expect(error).toMatchObject({ kind: "http", status: 404 });
    expect(error.message).toBe("all-weeks-nowhere.tsv: HTTP 404 Not Found");
    expect(statuses()).toEqual([404]);
    expect(sleeps).toEqual([]);
    expect(await fs.readFile(dest, "utf8")).toBe("kept");
  });

  it("retries when nothing listens, then reports a network error", async () => {
    const url = netflix.url + GLOBAL;
    await netflix.close();
    const error = await failure(download({ url, retries: 1 }));
    expect(error.kind).toBe("network");
    expect(error.message).toMatch(
      /^all-weeks-global.tsv: network error \(.*ECONNREFUSED.*\) \(gave up after 2 attempts\)$/,
    );
    expect(sleeps).toHaveLength(1);
  });

  it("stops when the caller aborts, without retrying", async () => {
    netflix.behave(GLOBAL, { kind: "hang" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(download({ signal: controller.signal }));
    expect(error.kind).toBe("aborted");
    expect(error.message).toBe(`${GLOBAL}: download cancelled`);
    expect(statuses()).toEqual([null]);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it("stops waiting to retry when the caller aborts", async () => {
    netflix.behave(GLOBAL, { kind: "status", status: 503, retryAfter: "60" });
    const controller = new AbortController();
    const error = await failure(
      download({
        signal: controller.signal,
        sleep: () => {
          controller.abort();
          return new Promise(() => {});
        },
      }),
    );
    expect(error.kind).toBe("aborted");
    expect(statuses()).toEqual([503]);
  });
});
