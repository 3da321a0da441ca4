/**
 * The shared part of the Redis cache handlers: how entries are encoded, and how two processes
 * (two SharedRedis here, each with its own connection and copy of the tag times) agree on
 * invalidated tags. Needs TEST_REDIS_URL for the parts that talk to Redis (.ci/run starts one).
 */
import net from "node:net";
import { afterEach, describe, expect, test, vi } from "vitest";
import { decode, encode, SharedRedis, TAG_SYNC_MS, ttlSeconds } from "./redis-shared.mjs";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("entry encoding", () => {
  test("keeps bytes, maps and text as they were", () => {
    const page = {
      kind: "APP_PAGE",
      html: "<p>전종서 🌋</p>",
      rscData: Buffer.from([0, 255, 254, 10]),
      segmentData: new Map([["/_tree", Buffer.from("tree")]]),
      headers: { "x-next-cache-tags": "film:ballerina-2023,reviews:ballerina-2023" },
    };
    const back = decode(encode(page)) as typeof page;
    expect(back.html).toBe(page.html);
    expect(Buffer.isBuffer(back.rscData)).toBe(true);
    expect([...back.rscData]).toEqual([0, 255, 254, 10]);
    expect(back.segmentData.get("/_tree")?.toString()).toBe("tree");
    expect(back.headers).toEqual(page.headers);
  });

  test("entries never kept past their expiry, nor forever", () => {
    expect(ttlSeconds(300)).toBe(300);
    expect(ttlSeconds(0.2)).toBe(1);
    expect(ttlSeconds(Infinity)).toBe(30 * 24 * 3600);
    expect(ttlSeconds(undefined)).toBe(30 * 24 * 3600);
  });
});

/** A port nothing listens on. */
async function deadPort() {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("without Redis", () => {
  const opened: SharedRedis[] = [];
  afterEach(() => {
    opened.splice(0).forEach((r) => r.close());
    vi.restoreAllMocks();
  });

  test("reads give up at once, and the log says so once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const redis = new SharedRedis(`redis://127.0.0.1:${await deadPort()}`);
    opened.push(redis);
    const started = Date.now();
    expect(await redis.whenReady()).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
    // the client keeps retrying in the background; the line is not repeated
    await sleep(700);
    expect(await redis.whenReady()).toBeNull();
    const lines = warn.mock.calls.map((c) => String(c[0]));
    expect(
      lines.filter((l) => l.includes("unavailable: serving without the shared cache")),
    ).toEqual([expect.stringMatching(/^Redis at redis:\/\/127\.0\.0\.1:\d+ unavailable/)]);
  });

  test("an invalidation still counts on the instance that made it", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const redis = new SharedRedis(`redis://127.0.0.1:${await deadPort()}`);
    opened.push(redis);
    const before = Date.now() - 1000;
    await redis.updateTags(["film:ballerina-2023"]);
    expect(redis.isExpired(["film:ballerina-2023"], before)).toBe(true);
    expect(redis.isExpired(["film:other"], before)).toBe(false);
  });
});

describe.skipIf(!process.env.TEST_REDIS_URL)("two processes on one Redis", () => {
  const opened: SharedRedis[] = [];
  afterEach(() => {
    opened.splice(0).forEach((r) => r.close());
  });

  function instance() {
    const redis = new SharedRedis(process.env.TEST_REDIS_URL!);
    opened.push(redis);
    return redis;
  }

  test("a tag invalidated on one is seen by the other within the sync interval", async () => {
    const [a, b] = [instance(), instance()];
    const tag = `film:test-${Math.random().toString(36).slice(2)}`;
    await Promise.all([a.whenReady(), b.whenReady()]);
    await b.syncTags();
    const entryMadeAt = Date.now() - 10;
    expect(b.isExpired([tag], entryMadeAt)).toBe(false);

    await a.updateTags([tag]);
    expect(a.isExpired([tag], entryMadeAt)).toBe(true);
    await sleep(TAG_SYNC_MS + 10);
    await b.syncTags();
    expect(b.isExpired([tag], entryMadeAt)).toBe(true);
    expect(b.expiration([tag])).toBeGreaterThan(entryMadeAt);
    // an entry made after the invalidation is fresh
    expect(b.isExpired([tag], Date.now())).toBe(false);
  });

  test("revalidating with a lifetime marks the tag stale at once and expires it later", async () => {
    const [a, b] = [instance(), instance()];
    const tag = `list:${Math.random().toString(36).slice(2)}`;
    await Promise.all([a.whenReady(), b.whenReady()]);
    const entryMadeAt = Date.now() - 10;
    await a.updateTags([tag], { expire: 60 });
    await sleep(TAG_SYNC_MS + 10);
    await b.syncTags();
    expect(b.isStale([tag], entryMadeAt)).toBe(true);
    expect(b.isExpired([tag], entryMadeAt)).toBe(false);
  });
});
