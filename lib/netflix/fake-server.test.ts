// What download.test.ts does not already exercise: the fake's own HTTP answers.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeNetflix, type FakeNetflix } from "./fake-server";

const NAME = "most-popular.tsv";
let netflix: FakeNetflix;

beforeEach(async () => {
  netflix = await startFakeNetflix({ files: { [NAME]: "category\trank\n" } });
});

afterEach(() => netflix.close());

const get = (name: string, headers: Record<string, string> = {}) =>
  fetch(netflix.url + name, { headers, signal: AbortSignal.timeout(5000) });

describe("startFakeNetflix", () => {
  it("serves a file the way a static CDN does", async () => {
    expect(netflix.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await get(NAME);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("category\trank\n");
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "text/tab-separated-values; charset=utf-8",
      "content-length": "14",
      etag: expect.stringMatching(/^"[0-9a-f]{32}"$/) as unknown,
      "last-modified": expect.stringMatching(/ GMT$/) as unknown,
    });

    const head = await fetch(netflix.url + NAME, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe("14");
    expect((await get("nothing-here.tsv")).status).toBe(404);
    expect(netflix.requests.map((r) => [r.name, r.status])).toEqual([
      [NAME, 200],
      [NAME, 200],
      ["nothing-here.tsv", 404],
    ]);
  });

  it("answers conditional requests, If-None-Match first", async () => {
    const etag = (await get(NAME)).headers.get("etag")!;
    const lastModified = (await get(NAME)).headers.get("last-modified")!;
    expect((await get(NAME, { "if-none-match": `"other", W/${etag}` })).status).toBe(304);
    expect((await get(NAME, { "if-none-match": "*" })).status).toBe(304);
    expect((await get(NAME, { "if-modified-since": lastModified })).status).toBe(304);
    expect((await get(NAME, { "if-modified-since": "not a date" })).status).toBe(200);
    expect(
      (await get(NAME, { "if-none-match": '"other"', "if-modified-since": lastModified })).status,
    ).toBe(200);
  });

  it("moves Last-Modified forward on every change, and forgets removed files", async () => {
    const stamps: number[] = [];
    for (let i = 0; i < 3; i++) {
      netflix.setFile(NAME, `version ${i}\n`);
      stamps.push(Date.parse((await get(NAME)).headers.get("last-modified")!));
    }
    expect(stamps[1]).toBeGreaterThan(stamps[0]!);
    expect(stamps[2]).toBeGreaterThan(stamps[1]!);
    netflix.removeFile(NAME);
    expect((await get(NAME)).status).toBe(404);
  });

  it("serves the broken answers the real server has given", async () => {
    netflix.behave(NAME, { kind: "null" });
    expect(await (await get(NAME)).text()).toBe("null");
    netflix.behave(NAME, { kind: "html" });
    const html = await get(NAME);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await html.text()).toMatch(/Moved Permanently/);
    netflix.behave(NAME, { kind: "normal" });
    expect(await (await get(NAME)).text()).toBe("category\trank\n");
  });

  it("answers a status until told otherwise, or the given number of times", async () => {
    netflix.behave(NAME, { kind: "status", status: 503, retryAfter: "120" });
    for (let i = 0; i < 3; i++) {
      const response = await get(NAME);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("120");
    }
    const twice = { kind: "status", status: 429, times: 2 } as const;
    netflix.behave(NAME, twice);
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push((await get(NAME)).status);
    expect(seen).toEqual([429, 429, 200]);
    // the behaviour is copied, so the caller's object can be reused
    expect(twice.times).toBe(2);
  });

  it("closes promptly while a request hangs", async () => {
    netflix.behave(NAME, { kind: "hang" });
    const pending = fetch(netflix.url + NAME).catch((error: unknown) => error);
    await expect.poll(() => netflix.requests.length).toBe(1);
    const started = Date.now();
    await netflix.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
    await netflix.close();
  });

  it("listens on the port asked for", async () => {
    const other = await startFakeNetflix({ port: 0 });
    const port = Number(new URL(other.url).port);
    await other.close();
    const again = await startFakeNetflix({ port });
    expect(again.url).toBe(`http://127.0.0.1:${port}/`);
    await again.close();
  });
});
