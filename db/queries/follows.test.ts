import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../index";
import { follows, listLikes, lists, notifications, reviews } from "../schema";
import { socialWorld } from "../social-fixtures";
import { createTestDatabase, testEngines } from "../testing";
import {
  decodeFollowCursor,
  getFollowCounts,
  getReaderUserState,
  listBlockedIds,
  listFollows,
} from "./follows";
import { createList, setListLike } from "./lists";
import { getActor } from "./users";

describe.each(testEngines())("follows and blocks on %s", (engine) => {
  let handle: DatabaseHandle;
  const w = socialWorld(() => handle, engine);
  let filmId: number;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    filmId = (await w.makeFilm()).id;
  });
  afterAll(async () => handle?.close());

  it("follows once, tells the followed user once, and unfollows", async () => {
    const [a, b] = [await w.makeUser(), await w.makeUser()];
    expect(await w.as(b.id).follow(null, { handle: a.handle })).toMatchObject({ ok: true });
    expect(await w.as(b.id).follow(null, { handle: a.handle.toUpperCase() })).toMatchObject({
      ok: true,
    });
    expect(await getFollowCounts(handle.db, { userId: a.id })).toEqual({
      followers: 1,
      following: 0,
    });
    expect(await getFollowCounts(handle.db, { userId: b.id })).toEqual({
      followers: 0,
      following: 1,
    });
    await w.as(b.id).unfollow(null, { handle: a.handle });
    await w.as(b.id).follow(null, { handle: a.handle });
    const told = await handle.db.select().from(notifications).where(eq(notifications.userId, a.id));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: "followed", actorId: b.id });
    expect(await getReaderUserState(handle.db, { viewerId: b.id, userId: a.id })).toEqual({
      self: false,
      following: true,
      blocking: false,
    });
  });

  it("refuses following oneself, nobody, or without signing in, and writes nothing", async () => {
    const a = await w.makeUser();
    const before = await w.counts();
    expect(await w.as(a.id).follow(null, { handle: a.handle })).toMatchObject({
      ok: false,
      error: "You cannot follow yourself.",
    });
    expect(await w.as(a.id).follow(null, { handle: "nobody_here" })).toMatchObject({
      ok: false,
      error: "No user has that handle.",
    });
    expect(await w.as(null).follow(null, { handle: a.handle })).toMatchObject({
      ok: false,
      error: "Sign in to do that.",
    });
    expect(await w.as(a.id).follow(null, { handle: "no spaces!" })).toMatchObject({
      ok: false,
      fieldErrors: { handle: "That is not a user's handle." },
    });
    expect(await w.counts()).toEqual(before);
  });

  it("blocking ends the follows both ways; blocking twice changes nothing", async () => {
    const [a, b] = [await w.makeUser(), await w.makeUser()];
    await w.as(a.id).follow(null, { handle: b.handle });
    await w.as(b.id).follow(null, { handle: a.handle });
    expect(await w.as(a.id).block(null, { handle: b.handle })).toMatchObject({ ok: true });
    expect(await w.as(a.id).block(null, { handle: b.handle })).toMatchObject({ ok: true });
    const left = await handle.db
      .select()
      .from(follows)
      .where(and(eq(follows.followerId, a.id), eq(follows.followeeId, b.id)));
    expect(left).toHaveLength(0);
    expect(await getFollowCounts(handle.db, { userId: a.id })).toEqual({
      followers: 0,
      following: 0,
    });
    expect(await listBlockedIds(handle.db, { userId: a.id })).toEqual([b.id]);
    expect(await listBlockedIds(handle.db, { userId: b.id })).toEqual([]);
  });

  it("a blocked user cannot follow, like or comment on the blocker's reviews, and writes nothing", async () => {
    const [a, b] = [await w.makeUser(), await w.makeUser()];
    const reviewId = await w.review(a.id, filmId);
    await w.as(a.id).block(null, { handle: b.handle });
    const before = await w.counts();
    const refused = { ok: false, error: "You can't interact with this user's content." };
    expect(await w.as(b.id).follow(null, { handle: a.handle })).toMatchObject(refused);
    expect(await w.as(b.id).like(null, { reviewId: String(reviewId) })).toMatchObject(refused);
    expect(
      await w.as(b.id).comment(null, { reviewId: String(reviewId), body: "Hello" }),
    ).toMatchObject(refused);
    // the blocker cannot either, until they unblock
    expect(await w.as(a.id).follow(null, { handle: b.handle })).toMatchObject(refused);
    expect(await w.counts()).toEqual(before);

    await w.as(a.id).unblock(null, { handle: b.handle });
    expect(await w.as(b.id).follow(null, { handle: a.handle })).toMatchObject({ ok: true });
    expect(await w.as(b.id).like(null, { reviewId: String(reviewId) })).toMatchObject({ ok: true });
  });

  it("pages through followers and following by keyset, each person once, newest first", async () => {
    const star = await w.makeUser();
    const fans = [];
    for (let i = 0; i < 7; i++) {
      const fan = await w.makeUser();
      fans.push(fan);
      await w.as(fan.id).follow(null, { handle: star.handle });
    }
    const seen: string[] = [];
    let cursor: ReturnType<typeof decodeFollowCursor> = null;
    for (let page = 0; page < 5; page++) {
      const { people, next } = await listFollows(handle.db, {
        userId: star.id,
        side: "followers",
        cursor,
        limit: 3,
      });
      seen.push(...people.map((p) => p.handle));
      if (!next) break;
      cursor = decodeFollowCursor(next);
    }
    expect(seen).toEqual(fans.map((f) => f.handle).reverse());
    const following = await listFollows(handle.db, {
      userId: fans[0]!.id,
      side: "following",
      cursor: null,
      limit: 10,
    });
    expect(following.people.map((p) => p.handle)).toEqual([star.handle]);
  });
  it("pages through people who followed within one millisecond, each once and in order", async () => {
    const star = await w.makeUser();
    // one instant shared by three follows (as in one transaction), and two differing from it
    // only in microseconds, so a page boundary falls inside the millisecond
    const moments = [
      "2025-05-05T10:00:00.123456Z",
      "2025-05-05T10:00:00.123456Z",
      "2025-05-05T10:00:00.123456Z",
      "2025-05-05T10:00:00.123789Z",
      "2025-05-05T10:00:00.123001Z",
      "2025-05-05T10:00:00.122999Z",
    ];
    const fans: { id: string; handle: string; at: string }[] = [];
    for (const at of moments) {
      const fan = await w.makeUser();
      await handle.db
        .insert(follows)
        .values({ followerId: fan.id, followeeId: star.id, createdAt: sql`${at}::timestamptz` });
      fans.push({ ...fan, at });
    }
    // newest first; within one instant the user id decides, descending
    const expected = [...fans]
      .sort((x, y) => (x.at === y.at ? (x.id < y.id ? 1 : -1) : x.at < y.at ? 1 : -1))
      .map((f) => f.handle);
    const seen: string[] = [];
    let cursor: ReturnType<typeof decodeFollowCursor> = null;
    for (let page = 0; page < 10; page++) {
      const { people, next } = await listFollows(handle.db, {
        userId: star.id,
        side: "followers",
        cursor,
        limit: 2,
      });
      seen.push(...people.map((p) => p.handle));
      if (!next) break;
      cursor = decodeFollowCursor(next);
      expect(cursor).not.toBeNull();
    }
    expect(seen).toEqual(expected);

    // the same on the other side: one fan following several people at once
    const fan = await w.makeUser();
    const stars: { id: string; handle: string; at: string }[] = [];
    for (const at of moments) {
      const s = await w.makeUser();
      await handle.db
        .insert(follows)
        .values({ followerId: fan.id, followeeId: s.id, createdAt: sql`${at}::timestamptz` });
      stars.push({ ...s, at });
    }
    const followed: string[] = [];
    cursor = null;
    for (let page = 0; page < 10; page++) {
      const { people, next } = await listFollows(handle.db, {
        userId: fan.id,
        side: "following",
        cursor,
        limit: 2,
      });
      followed.push(...people.map((p) => p.handle));
      if (!next) break;
      cursor = decodeFollowCursor(next);
    }
    expect(followed).toEqual(
      [...stars]
        .sort((x, y) => (x.at === y.at ? (x.id < y.id ? 1 : -1) : x.at < y.at ? 1 : -1))
        .map((s) => s.handle),
    );
  });
  it("a blocked user cannot answer the blocker's comment on a third person's review, nor like the blocker's list", async () => {
    const [blocker, blocked, author] = [await w.makeUser(), await w.makeUser(), await w.makeUser()];
    const reviewId = await w.review(author.id, filmId);
    const said = await w.as(blocker.id).comment(null, { reviewId: String(reviewId), body: "Mine" });
    if (!said.ok) throw new Error(said.error);
    const commentId = (said.data as { commentId: number }).commentId;
    const blockerActor = (await getActor(handle.db, { userId: blocker.id }))!;
    const list = await createList(handle.db, blockerActor, {
      name: "Open to all",
      description: null,
      ranked: false,
      isPrivate: false,
    });
    await w.as(blocker.id).block(null, { handle: blocked.handle });

    const before = await w.counts();
    const listLikeCount = async () =>
      (await handle.db.select({ n: count() }).from(listLikes))[0]!.n;
    const likesBefore = await listLikeCount();
    const reply = {
      reviewId: String(reviewId),
      body: "Replying anyway",
      parentId: String(commentId),
    };
    expect(await w.as(blocked.id).comment(null, reply)).toMatchObject({
      ok: false,
      error: "You can't interact with this user's content.",
    });
    const blockedActor = (await getActor(handle.db, { userId: blocked.id }))!;
    await expect(
      setListLike(handle.db, blockedActor, { listId: list.listId, liked: true }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await w.counts()).toEqual(before);
    expect(await listLikeCount()).toBe(likesBefore);
    const [row] = await handle.db
      .select({ likes: lists.likesCount })
      .from(lists)
      .where(eq(lists.id, list.listId));
    expect(row!.likes).toBe(0);
    const [rev] = await handle.db
      .select({ comments: reviews.commentsCount })
      .from(reviews)
      .where(eq(reviews.id, reviewId));
    expect(rev!.comments).toBe(1);
    // the review's author, whom nobody blocked, may still be commented on by the blocked user
    expect(
      await w.as(blocked.id).comment(null, { reviewId: String(reviewId), body: "To the author" }),
    ).toMatchObject({ ok: true });
  });
});
