/**
 * A local stand-in for Netflix's Top 10 download server (www.netflix.com/tudum/top10/data/). It
 * answers the way a static CDN does (ETag, Last-Modified, 304s, 404s) and, on request, the ways
 * the real one has failed, so download, sync and browser tests never touch the internet.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export type FakeBehaviour =
  | { kind: "normal" }
  /** 200 with an HTML "Moved Permanently" page, as the real URL once served. */
  | { kind: "html" }
  /** 200 with the body `null`, as the real URL once served. */
  | { kind: "null" }
  /** Announces the whole file, sends half, then drops the connection. */
  | { kind: "truncated" }
  /** Streams this many bytes, chunked, without a Content-Length. */
  | { kind: "oversize"; bytes: number }
  /** Accepts the request and never answers. */
  | { kind: "hang" }
  /** Answers `status` the next `times` requests (forever when unset), then serves the file again. */
  | { kind: "status"; status: number; retryAfter?: string; times?: number };

/** `status` is null for a request that was never answered (`hang`). */
export type FakeRequest = {
  name: string;
  status: number | null;
  headers: http.IncomingHttpHeaders;
};

export type FakeNetflix = {
  /** Base URL ending in "/": files are at `${url}${name}`. */
  url: string;
  /** Publishes a new version: a new ETag, and a Last-Modified later than the previous one. */
  setFile(name: string, body: string | Buffer): void;
  removeFile(name: string): void;
  behave(name: string, behaviour: FakeBehaviour): void;
  requests: FakeRequest[];
  close(): Promise<void>;
};

export type FakeNetflixOptions = {
  files?: Record<string, string | Buffer>;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Runs before each request is answered, e.g. to re-read a folder (scripts/fake-netflix.ts). */
  beforeRequest?: (name: string) => void | Promise<void>;
};

export const TSV_TYPE = "text/tab-separated-values; charset=utf-8";

const MOVED_PAGE = `<!DOCTYPE html>
<html><head><title>301 Moved Permanently</title></head>
<body><h1>Moved Permanently</h1><p>The document has moved <a href="https://www.netflix.com/tudum/top10">here</a>.</p></body></html>
`;

type StoredFile = { body: Buffer; etag: string; lastModified: number };

const etagOf = (body: Buffer) =>
  `"${createHash("sha256").update(body).digest("hex").slice(0, 32)}"`;

/** RFC 9110 §13.1: If-None-Match (weak comparison) wins over If-Modified-Since. */
function isNotModified(headers: http.IncomingHttpHeaders, file: StoredFile): boolean {
  const noneMatch = headers["if-none-match"];
  if (noneMatch !== undefined) {
    return noneMatch
      .split(",")
      .map((tag) => tag.trim().replace(/^W\//, ""))
      .some((tag) => tag === "*" || tag === file.etag);
  }
  const since = Date.parse(headers["if-modified-since"] ?? "");
  return !Number.isNaN(since) && file.lastModified <= since;
}

function* filler(bytes: number): Generator<Buffer> {
  const chunk = Buffer.alloc(64 * 1024, "x\t");
  for (let sent = 0; sent < bytes; sent += chunk.length) {
    yield sent + chunk.length <= bytes ? chunk : chunk.subarray(0, bytes - sent);
  }
}

export async function startFakeNetflix(options: FakeNetflixOptions = {}): Promise<FakeNetflix> {
  const files = new Map<string, StoredFile>();
  const behaviours = new Map<string, FakeBehaviour>();
  // Per name, kept after removal: HTTP dates have whole seconds, so a file replaced within the
  // same second still needs a later Last-Modified or If-Modified-Since would hide the change.
  const stamps = new Map<string, number>();
  const requests: FakeRequest[] = [];

  function setFile(name: string, body: string | Buffer) {
    const bytes = typeof body === "string" ? Buffer.from(body) : body;
    const now = Math.floor(Date.now() / 1000) * 1000;
    const previous = stamps.get(name);
    const lastModified = previous === undefined ? now : Math.max(now, previous + 1000);
    stamps.set(name, lastModified);
    files.set(name, { body: bytes, etag: etagOf(bytes), lastModified });
  }
  for (const [name, body] of Object.entries(options.files ?? {})) setFile(name, body);

  async function answer(req: http.IncomingMessage, res: http.ServerResponse) {
    let name: string;
    try {
      name = decodeURIComponent(new URL(req.url ?? "/", "http://fake").pathname.slice(1));
    } catch {
      name = "";
    }
    const log = (status: number | null) => requests.push({ name, status, headers: req.headers });
    const head = req.method === "HEAD";
    if (req.method !== "GET" && !head) {
      log(405);
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    await options.beforeRequest?.(name);

    const behaviour = behaviours.get(name) ?? { kind: "normal" };
    if (behaviour.kind === "hang") {
      log(null);
      return;
    }
    if (behaviour.kind === "status") {
      if (behaviour.times !== undefined && behaviour.times <= 1) behaviours.delete(name);
      else if (behaviour.times !== undefined) behaviour.times--;
      log(behaviour.status);
      const text = `${behaviour.status} ${http.STATUS_CODES[behaviour.status] ?? ""}\n`;
      res.writeHead(behaviour.status, {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Length": Buffer.byteLength(text),
        ...(behaviour.retryAfter === undefined ? {} : { "Retry-After": behaviour.retryAfter }),
      });
      res.end(head ? undefined : text);
      return;
    }
    if (behaviour.kind === "html" || behaviour.kind === "null") {
      const body = Buffer.from(behaviour.kind === "html" ? MOVED_PAGE : "null");
      log(200);
      res.writeHead(200, {
        "Content-Type": behaviour.kind === "html" ? "text/html; charset=utf-8" : TSV_TYPE,
        "Content-Length": body.length,
        ETag: etagOf(body),
      });
      res.end(head ? undefined : body);
      return;
    }
    if (behaviour.kind === "oversize") {
      log(200);
      res.writeHead(200, { "Content-Type": TSV_TYPE });
      if (head) res.end();
      // the client hanging up mid-stream is the expected ending
      else await pipeline(Readable.from(filler(behaviour.bytes)), res).catch(() => {});
      return;
    }

    const file = files.get(name);
    if (!file) {
      log(404);
      res
        .writeHead(404, { "Content-Type": "text/plain; charset=utf-8" })
        .end(head ? undefined : "Not Found\n");
      return;
    }
    const validators = {
      ETag: file.etag,
      "Last-Modified": new Date(file.lastModified).toUTCString(),
    };
    if (behaviour.kind === "normal" && isNotModified(req.headers, file)) {
      log(304);
      res.writeHead(304, validators).end();
      return;
    }
    log(200);
    res.writeHead(200, {
      ...validators,
      "Content-Type": TSV_TYPE,
      "Content-Length": file.body.length,
    });
    if (head) res.end();
    else if (behaviour.kind === "truncated") {
      res.write(file.body.subarray(0, Math.floor(file.body.length / 2)), () =>
        req.socket.destroy(),
      );
    } else res.end(file.body);
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
    url: `http://127.0.0.1:${port}/`,
    setFile,
    removeFile: (name) => void files.delete(name),
    behave: (name, behaviour) => void behaviours.set(name, { ...behaviour }),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        // hanging and streaming answers would otherwise keep close() waiting forever
        server.closeAllConnections();
      }),
  };
}
