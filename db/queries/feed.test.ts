import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../index";
import { diaryEntries, lists, moderationStates, users, type Audience } from "../schema";
import { socialWorld } from "../social-fixtures";
import { createTestDatabase, testEngines } from "../testing";
import { decodeFeedCursor, listFeed, suggestPeopleToFollow, type FeedItem } from "./feed";

describe.each(testEngines())("the feed on %s", (engine) => {
  let handle: DatabaseHandle;
  const w = socialWorld(() => handle, engine);
  let filmId: number;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    filmId = (await w.makeFilm()).id;
  });
  afterAll(async () => handle?.close());

  const label = (i: FeedItem) =>
    i.kind === "review"
      ? `review:${i.review.body}`
      : i.kind === "diary"
        ? `diary:${i.author.handle}:${i.watchedOn}`
        : `list:${i.list.name}`;

  async function whole(userId: string, limit = 100) {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 50; n++) {
      const page: Awaited<ReturnType<typeof listFeed>> = await listFeed(handle.db, {
        userId,
        cursor: decodeFeedCursor(cursor),
        limit,
      });
      seen.push(...page.items.map(label));
      cursor = page.next;
      if (!cursor) break;
    }
    return seen;
  }

  async function diary(userId: string, watchedOn: string | null, at: string) {
    await handle.db
      .insert(diaryEntries)
      .values({ userId, filmId, watchedOn, rating: 7, createdAt: sql`${at}::timestamptz` });
  }
  async function list(userId: string, name: string, at: string, extra = {}) {
    await handle.db.insert(lists).values({
      userId,
      slug: name.toLowerCase().replace(/\W+/g, "-"),
      name,
      createdAt: sql`${at}::timestamptz`,
      ...extra,
    });
  }
  const audience = (
    userId: string,
    diaryAudience: Audience,
    listsAudience: Audience = "everyone",
  ) => handle.db.update(users).set({ diaryAudience, listsAudience }).where(eq(users.id, userId));

  it("shows followed people's reviews, dated logs and lists, newest first, each once across pages", async () => {
    const [reader, a, b, stranger] = [
      await w.makeUser(),
      await w.makeUser(),
      await w.makeUser(),
      await w.makeUser(),
    ];
    await w.as(reader.id).follow(null, { handle: a.handle });
    await w.as(reader.id).follow(null, { handle: b.handle });
    const film2 = (await w.makeFilm()).id;
    await w.review(a.id, filmId, "A on one");
    await w.review(b.id, film2, "B on two");
    await w.review(stranger.id, filmId, "Stranger");
    // the same instant for three kinds, to test the tie-break
    const t = "2026-01-01T10:00:00Z";
    await diary(a.id, "2025-12-31", t);
    await list(a.id, "A list", t);
    await diary(b.id, "2025-12-30", "2026-01-02T10:00:00Z");
    await diary(b.id, null, "2026-01-03T10:00:00Z");
    await list(b.id, "B list", "2025-12-01T00:00:00Z");

    const all = await whole(reader.id);
    expect(all).toEqual([
      "review:B on two",
      "review:A on one",
      `diary:${b.handle}:2025-12-30`,
      "list:A list",
      `diary:${a.handle}:2025-12-31`,
      "list:B list",
    ]);
    for (const size of [1, 2, 4]) expect(await whole(reader.id, size)).toEqual(all);
  });

  it("respects each author's audiences, private lists, moderation and blocks", async () => {
    const [reader, open, fans, secret, blocked, hidden] = [
      await w.makeUser(),
      await w.makeUser(),
      await w.makeUser(),
      await w.makeUser(),
      await w.makeUser(),
      await w.makeUser(),
    ];
    for (const u of [open, fans, secret, blocked, hidden])
      await w.as(reader.id).follow(null, { handle: u.handle });
    await audience(fans.id, "followers", "followers");
    await audience(secret.id, "only_me", "only_me");
    const at = "2026-02-01T00:00:00Z";
    for (const u of [open, fans, secret, blocked]) {
      await diary(u.id, "2026-01-15", at);
      await list(u.id, `List of ${u.handle}`, at);
    }
    await list(open.id, "Private one", at, { isPrivate: true });
    await list(open.id, "Deleted one", at, { deletedAt: new Date() });
    await w.review(blocked.id, filmId, "From the blocked");
    const hiddenId = await w.review(hidden.id, filmId, "Hidden by a moderator");
    await handle.db
      .insert(moderationStates)
      .values({ targetType: "review", targetId: hiddenId, status: "hidden", reason: "spam" });
    await w.as(blocked.id).block(null, { handle: reader.handle });

    const all = await whole(reader.id);
    expect(all.sort()).toEqual(
      [
        `diary:${open.handle}:2026-01-15`,
        `diary:${fans.handle}:2026-01-15`,
        `list:List of ${open.handle}`,
        `list:List of ${fans.handle}`,
      ].sort(),
    );
    // only the people one follows, and at one instant lists before diary logs
    const other = await w.makeUser();
    await w.as(other.id).follow(null, { handle: open.handle });
    expect(await whole(other.id)).toEqual([
      `list:List of ${open.handle}`,
      `diary:${open.handle}:2026-01-15`,
    ]);
  });

  it("suggests active reviewers to a reader who follows nobody", async () => {
    const [reader, busy] = [await w.makeUser(), await w.makeUser()];
    await w.review(busy.id, filmId, "Busy one");
    await w.review(busy.id, (await w.makeFilm()).id, "Busy two");
    const suggested = await suggestPeopleToFollow(handle.db, { userId: reader.id, limit: 3 });
    expect(suggested[0]).toMatchObject({ handle: busy.handle, reviews: 2 });
    expect(await whole(reader.id)).toEqual([]);
  });
});
