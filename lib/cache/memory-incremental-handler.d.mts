/** Next's in-memory cache of rendered pages, dating each page from before its render. */
export default class MemoryIncrementalCache {
  constructor(ctx: object);
  get(key: string, ctx: object): Promise<{ lastModified: number; value: unknown } | null>;
  set(key: string, data: unknown, ctx: object): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
}
