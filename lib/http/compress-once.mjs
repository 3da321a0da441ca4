// @ts-check
/**
 * Compression for the production server (scripts/serve.mjs), in place of Next's own.
 *
 * Next gzips every answer anew, also a page it serves from its cache: on a 105 KB film page that
 * costs more CPU than everything else the request does. An answer every reader shares (its
 * Cache-Control is `public` or has `s-maxage`, and it sets no cookie) is the same bytes for
 * everyone until the page changes, so it is gzipped once and kept beside the bytes it was made
 * from, per URL. The next answer for that URL is compared with them (Next hands back the very
 * string it cached, so the comparison is usually one pointer check) and, when equal, gets the
 * kept gzip; a changed page has other bytes, is gzipped anew and replaces it. Such an answer is
 * sent whole, never streamed.
 *
 * Every other answer (a signed-in reader's page, a streamed render, an error) goes through the
 * `compression` middleware as before, streamed chunk by chunk as Next writes it.
 */
import { gzip as gzipCallback } from "node:zlib";
import { promisify } from "node:util";
import compressible from "compressible";
import compression from "compression";
import Negotiator from "negotiator";
import { LRUCache } from "lru-cache";
import onHeaders from "on-headers";
import vary from "vary";

const gzip = promisify(gzipCallback);

/** Below this, gzip saves less than its own framing (compression's default threshold too). */
const MIN_BYTES = 1024;

/**
 * @typedef {import("node:http").IncomingMessage} Request
 * @typedef {import("node:http").ServerResponse} Response
 * @typedef {{ maxBytes?: number, onCompress?: (bytes: number) => void }} Options
 * @typedef {string | Buffer} Body
 * @typedef {{ body: Body, gzip: Buffer | Promise<Buffer> }} Kept
 */

/** Exactly the same bytes (two strings from one cache entry are one string: compared at once). */
function sameBody(/** @type {Body} */ a, /** @type {Body} */ b) {
  if (typeof a === "string" || typeof b === "string") return a === b;
  return a.length === b.length && a.equals(b);
}

/**
 * The answers of one URL that differ by design are kept apart: Next answers a client navigation
 * with its RSC payload (the segments the reader's router does not have yet), a prefetch with part
 * of it. Only for economy: an answer is compared with the kept bytes whatever its key.
 */
const VARIANT_HEADERS = [
  "rsc",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-router-state-tree",
  "next-url",
];
function variantKey(/** @type {Request} */ req) {
  return [req.url, ...VARIANT_HEADERS.map((name) => req.headers[name] ?? "")].join("\n");
}

/** An answer any reader may be given: the same bytes for everyone. */
function shared(/** @type {Response} */ res) {
  const cacheControl = String(res.getHeader("cache-control") ?? "").toLowerCase();
  return (
    /\b(public|s-maxage)\b/.test(cacheControl) &&
    !/\b(private|no-store|no-cache)\b/.test(cacheControl) &&
    !res.hasHeader("set-cookie")
  );
}

function acceptsGzip(/** @type {Request} */ req) {
  // `gzip;q=0` refuses it; `gzip`, `*` or any other weight accepts it
  return new Negotiator(req).encodings(["gzip"]).length > 0;
}

/** Whether this answer is gzipped once and kept, judged as its headers go out. */
function keepable(/** @type {Request} */ req, /** @type {Response} */ res) {
  const type = String(res.getHeader("content-type") ?? "");
  return (
    req.method === "GET" &&
    res.statusCode === 200 &&
    !res.hasHeader("content-encoding") &&
    !res.hasHeader("content-range") &&
    type !== "" &&
    compressible(type) === true &&
    shared(res)
  );
}

/**
 * The middleware: `(req, res, next)`, where `next` hands the request to Next. `maxBytes` bounds
 * the kept gzips (least recently used go first); `onCompress` is told of each gzip made.
 * @param {Options} [options]
 */
export function compressOnce(options = {}) {
  /** @type {LRUCache<string, Kept>} */
  const kept = new LRUCache({
    maxSize: options.maxBytes ?? 96 * 1024 * 1024,
    // a string counts two bytes a character, as V8 may hold it
    sizeCalculation: (entry) =>
      (Buffer.isBuffer(entry.gzip) ? entry.gzip.length : 0) +
      entry.body.length * (typeof entry.body === "string" ? 2 : 1) +
      256,
  });

  /**
   * The gzip of `body`, the answer for `key`: the kept one when it was made from the same bytes.
   * @param {string} key @param {Body} body
   */
  function gzipped(key, body) {
    const found = kept.get(key);
    if (found && sameBody(found.body, body)) return found.gzip;
    const made = gzip(typeof body === "string" ? Buffer.from(body) : body);
    kept.set(key, { body, gzip: made });
    made.then(
      (done) => {
        options.onCompress?.(done.length);
        // kept from now on with its true size (a promise counts as nothing)
        const entry = kept.get(key);
        if (entry?.gzip === made) kept.set(key, { body, gzip: done });
      },
      () => {
        // a newer answer for this URL may have replaced it meanwhile
        if (kept.get(key)?.gzip === made) kept.delete(key);
      },
    );
    return made;
  }

  const streaming = compression({ threshold: MIN_BYTES });

  /** @param {Request} req @param {Response} res @param {() => void} next */
  return function middleware(req, res, next) {
    streaming(req, res, () => {
      if (acceptsGzip(req)) keepOnce(req, res);
      next();
    });
  };

  /**
   * Wraps the answer's writes: a shared answer is collected and sent gzipped at its end, its
   * headers with it, with a Content-Length, in one write. Next flushes a route handler's headers
   * before it streams the body: for a shared answer that flush waits for the end too, since the
   * reader gets nothing of the body before then anyway.
   * @param {Request} req @param {Response} res
   */
  function keepOnce(req, res) {
    /** @type {boolean | undefined} */
    let keep;
    /** @type {Buffer | undefined} the gzip, when it was made before the headers went out */
    let ready;
    /** @type {Body[]} */
    const chunks = [];
    const write = res.write;
    const end = res.end;
    const flushHeaders = res.flushHeaders;

    // runs first among the header listeners (the last one added runs first), so the streaming
    // compression after it sees the Content-Encoding and leaves the body alone
    onHeaders(res, () => {
      keep ??= keepable(req, res);
      if (!keep) return;
      res.setHeader("Content-Encoding", "gzip");
      vary(res, "Accept-Encoding");
      if (ready) res.setHeader("Content-Length", ready.length);
      else res.removeHeader("Content-Length");
    });

    /** @param {unknown} chunk @param {unknown} encoding */
    const collect = (chunk, encoding) => {
      if (chunk == null || typeof chunk === "function") return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : chunk instanceof Uint8Array
            ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
            : typeof encoding === "string" && encoding !== "utf8" && encoding !== "utf-8"
              ? Buffer.from(String(chunk), /** @type {BufferEncoding} */ (encoding))
              : String(chunk),
      );
    };
    const callbackOf = (/** @type {unknown[]} */ args) =>
      /** @type {(() => void) | undefined} */ (args.find((a) => typeof a === "function"));

    /** Whether this answer is kept, judged once, while its headers may still change. */
    const keeping = () => {
      if (!res.headersSent) keep ??= keepable(req, res);
      return keep;
    };

    res.flushHeaders = function () {
      if (!keeping()) flushHeaders.call(res);
    };

    // @ts-expect-error: the overloads of write collapse to one shape here
    res.write = function (chunk, encoding, callback) {
      if (!keeping()) return write.apply(res, /** @type {any} */ (arguments));
      collect(chunk, encoding);
      const done = callbackOf([encoding, callback]);
      if (done) process.nextTick(done);
      return true;
    };

    // @ts-expect-error: the overloads of end collapse to one shape here
    res.end = function (chunk, encoding, callback) {
      if (!keeping()) return end.apply(res, /** @type {any} */ (arguments));
      collect(chunk, encoding);
      const done = callbackOf([chunk, encoding, callback]);
      // one string as Next passed it (a cached page), else the bytes of all the chunks
      const body =
        chunks.length === 1 && typeof chunks[0] === "string"
          ? chunks[0]
          : Buffer.concat(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c)));
      chunks.length = 0;
      if (body.length < MIN_BYTES && !res.headersSent) {
        // too small to be worth it: sent as it is
        keep = false;
        return end.call(res, body, done);
      }
      Promise.resolve(gzipped(variantKey(req), body)).then(
        (gz) => {
          if (!res.headersSent) ready = gz;
          end.call(res, gz, done);
        },
        (error) => res.destroy(error instanceof Error ? error : new Error(String(error))),
      );
      return res;
    };
  }
}
