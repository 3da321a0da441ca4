/**
 * The one-process cache of rendered pages: a page whose data changed while it was rendering must
 * not be served afterwards as if it were newer than the change.
 */
import { describe, expect, test } from "vitest";
import MemoryIncrementalCache from "./memory-incremental-handler.mjs";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cache = new MemoryIncrementalCache({
  flushToDisk: false,
  maxMemoryCacheSize: 10 * 1024 * 1024,
  revalidatedTags: [],
  serverDistDir: "/nonexistent",
});
const asked = { kind: "APP_PAGE", isRoutePPREnabled: false, isFallback: false };
const stored = { cacheControl: { revalidate: false as const, expire: 31536000 } };

let pages = 0;
/** A rendered review page, and the tag its data was read under. */
function renderedPage(text: string) {
  pages += 1;
  const tag = `review:${pages}-${Date.now()}`;
  const key = `/reviews/${pages}`;
  const value = {
    kind: "APP_PAGE",
    html: `<p>${text}</p>`,
    rscData: Buffer.from(text),
    headers: { "x-next-cache-tags": `${tag},_N_T_/layout` },
    postponed: undefined,
    status: 200,
    segmentData: undefined,
  };
  return { key, tag, value };
}

describe("rendered pages kept in memory", () => {
  test("a page whose data changed while it rendered is rendered again, not served", async () => {
    const page = renderedPage("Agreed — 동의해요");
    // the response cache asks, misses, and renders, reading the comment before it is edited…
    expect(await cache.get(page.key, asked)).toBeNull();
    await sleep(3);
    // …the comment is edited and its tag invalidated while that render runs…
    await cache.revalidateTag([page.tag]);
    await sleep(3);
    // …and the render, finished after the invalidation, is stored
    await cache.set(page.key, page.value, stored);
    expect(await cache.get(page.key, asked)).toBeNull();
  });

  test("a page rendered after the change is served until the next one", async () => {
    const page = renderedPage("Agreed, mostly — 대체로 동의");
    await cache.revalidateTag([page.tag]);
    await sleep(3);
    expect(await cache.get(page.key, asked)).toBeNull();
    await cache.set(page.key, page.value, stored);
    const hit = await cache.get(page.key, asked);
    expect(hit?.value).toMatchObject({ html: "<p>Agreed, mostly — 대체로 동의</p>" });

    await sleep(3);
    await cache.revalidateTag([page.tag]);
    expect(await cache.get(page.key, asked)).toBeNull();
  });

  test("a change to other data leaves the page served", async () => {
    const page = renderedPage("unrelated");
    const other = renderedPage("another review");
    expect(await cache.get(page.key, asked)).toBeNull();
    await cache.revalidateTag([other.tag]);
    await cache.set(page.key, page.value, stored);
    expect((await cache.get(page.key, asked))?.value).toMatchObject({ html: "<p>unrelated</p>" });
  });
});
