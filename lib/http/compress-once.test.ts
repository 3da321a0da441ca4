/**
 * The production server's compression: a page every reader shares is gzipped once per version of
 * its bytes, and a reader never gets an older version's gzip; everything else is compressed as it
 * streams, as Next's own compression did.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { compressOnce } from "./compress-once.mjs";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

let gzips = 0;
let handler: Handler = (_req, res) => void res.end();
let server: http.Server;
let base = "";

beforeAll(async () => {
  const compress = compressOnce({ onCompress: () => void (gzips += 1) });
  server = http.createServer((req, res) => compress(req, res, () => void handler(req, res)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A page of `size` characters, in several scripts as the film pages are. */
const page = (marker: string, size = 40_000) =>
  `<!DOCTYPE html><p>${marker}</p>` +
  "발레리나 Ballerina — ".repeat(Math.ceil(size / 20)).slice(0, size);

const SHARED = "s-maxage=86400, stale-while-revalidate=518400";

/** A GET with its raw body and headers (fetch would undo the gzip and hide it). */
function get(
  path: string,
  headers: Record<string, string> = { "accept-encoding": "gzip, deflate, br, zstd" },
  method = "GET",
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; raw: Buffer }>(
    (resolve, reject) => {
      const req = http.request(base + path, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, raw: Buffer.concat(chunks) }),
        );
      });
      req.on("error", reject);
      req.end();
    },
  );
}
/** The body as the browser reads it, whichever encoding it came in. */
function text(r: { headers: http.IncomingHttpHeaders; raw: Buffer }) {
  const encoding = r.headers["content-encoding"];
  const bytes =
    encoding === "gzip"
      ? gunzipSync(r.raw)
      : encoding === "br"
        ? brotliDecompressSync(r.raw)
        : r.raw;
  if (encoding && encoding !== "gzip" && encoding !== "br")
    throw new Error(`unexpected ${encoding}`);
  return bytes.toString("utf8");
}

/** A cached page as Next sends it: its whole HTML in one `end`, with its length. */
function cachedPage(body: () => string, cacheControl = SHARED): Handler {
  return (_req, res) => {
    const html = body();
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Cache-Control", cacheControl);
    res.setHeader("Content-Length", Buffer.byteLength(html));
    res.end(html);
  };
}

describe("a page every reader shares", () => {
  test("is gzipped once, and a changed page is never answered with the old gzip", async () => {
    let current = page("version 1");
    handler = cachedPage(() => current);
    const before = gzips;
    const first = await get("/films/ballerina-2023");
    expect(first.headers["content-encoding"]).toBe("gzip");
    expect(first.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(first.headers["content-length"])).toBe(first.raw.length);
    expect(first.raw.length).toBeLessThan(Buffer.byteLength(current) / 4);
    expect(text(first)).toBe(current);
    for (let i = 0; i < 5; i++) expect(text(await get("/films/ballerina-2023"))).toBe(current);
    expect(gzips - before).toBe(1);

    // a new review: the same URL, other bytes
    current = page("version 2");
    const changed = await get("/films/ballerina-2023");
    expect(text(changed)).toContain("version 2");
    expect(text(await get("/films/ballerina-2023"))).toBe(current);
    expect(gzips - before).toBe(2);
  });

  test("streamed (headers first, then chunks) is gzipped whole, sent with its length and kept the same way", async () => {
    const json = JSON.stringify({
      title: "발레리나",
      weeks: Array.from({ length: 400 }, (_, i) => i),
    });
    handler = async (_req, res) => {
      res.setHeader("Content-Type", "application/json");
      res.setHeader("Cache-Control", "public, max-age=60, s-maxage=300");
      res.flushHeaders();
      const bytes = Buffer.from(json);
      res.write(new Uint8Array(bytes.subarray(0, 1000)));
      await new Promise((r) => setTimeout(r, 5));
      res.end(bytes.subarray(1000));
    };
    const before = gzips;
    const first = await get("/api/films/ballerina-2023");
    expect(first.headers["content-encoding"]).toBe("gzip");
    // the flushed headers waited for the body: one answer with its length, not chunks
    expect(first.headers["transfer-encoding"]).toBeUndefined();
    expect(Number(first.headers["content-length"])).toBe(first.raw.length);
    expect(JSON.parse(text(first))).toEqual(JSON.parse(json));
    expect(text(await get("/api/films/ballerina-2023"))).toBe(json);
    expect(gzips - before).toBe(1);
  });

  test("a navigation's RSC payload and the HTML of one URL are kept apart", async () => {
    handler = (req, res) =>
      cachedPage(() => page(req.headers.rsc ? "flight payload" : "html document"))(req, res);
    const before = gzips;
    for (let i = 0; i < 3; i++) {
      expect(text(await get("/charts", { "accept-encoding": "gzip" }))).toContain("html document");
      expect(text(await get("/charts", { "accept-encoding": "gzip", rsc: "1" }))).toContain(
        "flight payload",
      );
    }
    expect(gzips - before).toBe(2);
  });
});

describe("other answers", () => {
  test("a reader's own page streams: its first part arrives before the rest is written", async () => {
    let release: () => void = () => undefined;
    const rest = new Promise<void>((resolve) => (release = resolve));
    handler = async (_req, res) => {
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.setHeader("Cache-Control", "private, no-cache, no-store, max-age=0, must-revalidate");
      res.flushHeaders();
      res.write(page("shell", 5000));
      (res as unknown as { flush: () => void }).flush();
      await rest;
      res.end(page("the rest", 5000));
    };
    const before = gzips;
    const answer = await new Promise<{ encoding?: string; body: string }>((resolve, reject) => {
      const req = http.request(
        base + "/settings",
        { headers: { "accept-encoding": "gzip" } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => {
            chunks.push(c);
            release(); // the rest is written only once the shell has arrived
          });
          res.on("end", () =>
            resolve({
              encoding: res.headers["content-encoding"],
              body: gunzipSync(Buffer.concat(chunks)).toString("utf8"),
            }),
          );
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(answer.encoding).toBe("gzip");
    expect(answer.body).toBe(page("shell", 5000) + page("the rest", 5000));
    expect(gzips - before).toBe(0);
  });

  test("an answer that sets a cookie is not kept, even marked public", async () => {
    handler = (req, res) => {
      res.setHeader("Set-Cookie", "session=abc; HttpOnly");
      void cachedPage(() => page("signed in"), "public, max-age=60")(req, res);
    };
    const before = gzips;
    const answer = await get("/films/ballerina-2023");
    // compressed as it streams (brotli, which this reader prefers), not gzipped and kept
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(text(answer)).toBe(page("signed in"));
    await get("/films/ballerina-2023");
    expect(gzips - before).toBe(0);
  });

  test("a reader that takes no gzip gets the bytes as they are; HEAD gets no body", async () => {
    handler = cachedPage(() => page("plain"));
    const plain = await get("/about", {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.raw.toString("utf8")).toBe(page("plain"));
    const refused = await get("/about", { "accept-encoding": "gzip;q=0, identity" });
    expect(refused.headers["content-encoding"]).toBeUndefined();

    const head = await get("/about", { "accept-encoding": "gzip" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.raw.length).toBe(0);
  });

  test("a small shared answer is sent as it is", async () => {
    handler = cachedPage(() => "<p>ok</p>");
    const small = await get("/api/health");
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.raw.toString("utf8")).toBe("<p>ok</p>");
  });
});
