import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAction } from "../../lib/action";
import {
  accountDeletionInput,
  displayNameInput,
  handleChangeInput,
  passwordChangeInput,
} from "../../lib/account-validation-profile";
import { accountHandlers } from "../account-actions";
import type { DatabaseHandle } from "../index";
import {
  accountDeletions,
  diaryEntries,
  films,
  follows,
  handleRedirects,
  lists,
  reviewComments,
  reviews,
  users,
  watchlistEntries,
} from "../schema";
import { seedDemo } from "../seed/index";
import { createTestDatabase, testEngines } from "../testing";
import { tags } from "../tags";
import { getHandleRedirect, releaseExpiredAccounts } from "./accounts";
import {
  getProfile,
  getRatingStats,
  listFilmReviews,
  recountRatingStats,
  toggleLike,
  upsertReview,
} from "./reviews";
import { addComment, listComments } from "./comments";
import { createUser, getActor, verifyCredentials, type Actor } from "./users";

let seq = 0;
const PASSWORD = "correct horse battery";

describe.each(testEngines())("account settings and deletion on %s", (engine) => {
  let handle: DatabaseHandle;
  let filmIds: number[];
  let slugs: string[];

  /** A signed-up user (a real password hash), made old enough to post at the usual pace. */
  async function makeUser(prefix = "acct"): Promise<Actor> {
    const n = ++seq;
    const user = await createUser(handle.db, {
      name: `Viewer ${n}`,
      handle: `${prefix}_${engine.slice(0, 2)}_${n}`,
      email: `${prefix}${n}@${engine}.example`,
      password: PASSWORD,
    });
    await handle.db
      .update(users)
      .set({ createdAt: sql`now() - interval '60 days'` })
      .where(eq(users.id, user.id));
    return (await getActor(handle.db, { userId: user.id }))!;
  }

  function actionsAs(userId: string | null, invalidated: string[] = []) {
    const deps = {
      sessionUserId: () => Promise.resolve(userId),
      resolveActor: (id: string) => getActor(handle.db, { userId: id }),
      invalidate: (t: string[]) => invalidated.push(...t),
    };
    const h = accountHandlers(() => Promise.resolve(handle.db));
    return {
      name: createAction(deps, displayNameInput, h.changeName),
      handle: createAction(deps, handleChangeInput, h.changeHandle),
      password: createAction(deps, passwordChangeInput, h.changePassword),
      remove: createAction(deps, accountDeletionInput, h.deleteAccount),
    };
  }

  const userRow = async (id: string) =>
    (await handle.db.select().from(users).where(eq(users.id, id)))[0]!;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
    const rows = await handle.db
      .select({ id: films.id, slug: films.slug })
      .from(films)
      .orderBy(films.id)
      .limit(3);
    filmIds = rows.map((r) => r.id);
    slugs = rows.map((r) => r.slug);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("changes the display name within sign-up's limits, stored exactly, and tags the pages that show it", async () => {
    const me = await makeUser();
    const { reviewId } = await upsertReview(handle.db, me, {
      filmId: filmIds[0]!,
      rating: 8,
      body: "Good.",
      containsSpoilers: false,
      watchedOn: null,
    });
    const invalidated: string[] = [];
    const act = actionsAs(me.id, invalidated);
    expect(await act.name(null, { name: "   " })).toMatchObject({
      ok: false,
      fieldErrors: { name: "Enter the name to show with your reviews." },
    });
    expect(await act.name(null, { name: "x".repeat(61) })).toMatchObject({ ok: false });
    expect((await userRow(me.id)).name).toBe(me.name);

    const name = "<b>Zoë</b> & co";
    expect(await act.name(null, { name })).toMatchObject({ ok: true });
    expect((await userRow(me.id)).name).toBe(name);
    const page = await listFilmReviews(handle.db, {
      filmId: filmIds[0]!,
      sort: "newest",
      cursor: null,
      limit: 50,
    });
    expect(page.reviews.find((r) => r.id === reviewId)?.author.name).toBe(name);
    expect(invalidated).toEqual(
      expect.arrayContaining([
        tags.user(me.handle),
        tags.reviews(slugs[0]!),
        tags.review(reviewId),
        tags.reviewsFeed,
      ]),
    );
  });

  it("changes the handle, keeps the old one as a redirect, and refuses a taken one", async () => {
    const me = await makeUser();
    const other = await makeUser();
    const act = actionsAs(me.id);
    // taken by a live account, whatever the letter case
    expect(await act.handle(null, { handle: other.handle.toUpperCase() })).toMatchObject({
      ok: false,
      fieldErrors: { handle: "This handle is taken." },
    });
    expect(await act.handle(null, { handle: "no spaces" })).toMatchObject({ ok: false });
    expect((await userRow(me.id)).handle).toBe(me.handle);

    const next = `renamed_${engine.slice(0, 2)}_${++seq}`;
    const invalidated: string[] = [];
    expect(await actionsAs(me.id, invalidated).handle(null, { handle: next })).toMatchObject({
      ok: true,
    });
    expect((await userRow(me.id)).handle).toBe(next);
    expect(await getHandleRedirect(handle.db, { handle: me.handle.toUpperCase() })).toBe(next);
    expect(await getProfile(handle.db, { handle: me.handle })).toBeNull();
    expect(invalidated).toEqual(expect.arrayContaining([tags.user(me.handle), tags.user(next)]));

    // a second change: both former handles lead to the newest
    const third = `third_${engine.slice(0, 2)}_${++seq}`;
    expect(await act.handle(null, { handle: third })).toMatchObject({ ok: true });
    expect(await getHandleRedirect(handle.db, { handle: me.handle })).toBe(third);
    expect(await getHandleRedirect(handle.db, { handle: next })).toBe(third);
  });

  it("lets another user take a handle kept as a redirect: the new owner wins and the redirect goes", async () => {
    const first = await makeUser();
    const oldHandle = first.handle;
    expect(
      await actionsAs(first.id).handle(null, { handle: `moved_${engine.slice(0, 2)}_${++seq}` }),
    ).toMatchObject({ ok: true });
    const taker = await makeUser();
    expect(await actionsAs(taker.id).handle(null, { handle: oldHandle })).toMatchObject({
      ok: true,
    });
    expect(await getHandleRedirect(handle.db, { handle: oldHandle })).toBeNull();
    expect((await getProfile(handle.db, { handle: oldHandle }))?.id).toBe(taker.id);
    const rows = await handle.db
      .select()
      .from(handleRedirects)
      .where(sql`lower(${handleRedirects.oldHandle}) = lower(${oldHandle})`);
    expect(rows).toEqual([]);

    // and sign-up may take one too
    const second = await makeUser();
    const given = second.handle;
    await actionsAs(second.id).handle(null, { handle: `away_${engine.slice(0, 2)}_${++seq}` });
    const newcomer = await createUser(handle.db, {
      name: "New",
      handle: given,
      email: `newcomer${++seq}@${engine}.example`,
      password: PASSWORD,
    });
    expect(newcomer.handle).toBe(given);
    expect(await getHandleRedirect(handle.db, { handle: given })).toBeNull();
  });

  it("changes the password only given the current one, and raises the session version", async () => {
    const me = await makeUser();
    const before = await userRow(me.id);
    const act = actionsAs(me.id);
    expect(
      await act.password(null, {
        currentPassword: "wrong password",
        newPassword: "a new secret 1",
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: "Your current password is not right." },
    });
    expect(
      await act.password(null, { currentPassword: PASSWORD, newPassword: "short" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: "Use at least 10 characters for your password." },
    });
    expect(await userRow(me.id)).toMatchObject({
      passwordHash: before.passwordHash,
      sessionVersion: before.sessionVersion,
    });
    expect(
      await actionsAs(null).password(null, {
        currentPassword: PASSWORD,
        newPassword: "a new secret 1",
      }),
    ).toMatchObject({ ok: false, error: "Sign in to do that." });

    expect(
      await act.password(null, { currentPassword: PASSWORD, newPassword: "a new secret 1" }),
    ).toMatchObject({ ok: true, data: { sessionVersion: before.sessionVersion + 1 } });
    expect((await userRow(me.id)).sessionVersion).toBe(before.sessionVersion + 1);
    const email = before.email;
    expect(await verifyCredentials(handle.db, { email, password: PASSWORD })).toBeNull();
    expect(await verifyCredentials(handle.db, { email, password: "a new secret 1" })).toMatchObject(
      { id: me.id },
    );
  });

  /** A user with reviews on every test film, a comment, a like, a diary, a list and a follow. */
  async function busyUser() {
    const me = await makeUser();
    const friend = await makeUser();
    const mine: number[] = [];
    for (const [i, filmId] of filmIds.entries()) {
      const r = await upsertReview(handle.db, me, {
        filmId,
        rating: 2 + i * 3,
        body: `Mine ${i}`,
        containsSpoilers: false,
        watchedOn: null,
      });
      mine.push(r.reviewId);
    }
    const theirs = await upsertReview(handle.db, friend, {
      filmId: filmIds[0]!,
      rating: 9,
      body: "Theirs",
      containsSpoilers: false,
      watchedOn: null,
    });
    await toggleLike(handle.db, me, { reviewId: theirs.reviewId });
    const myComment = await addComment(handle.db, me, { reviewId: theirs.reviewId, body: "Agree" });
    const friendComment = await addComment(handle.db, friend, {
      reviewId: mine[0]!,
      body: "Nice one",
    });
    await handle.db.insert(diaryEntries).values({ userId: me.id, filmId: filmIds[0]!, rating: 4 });
    await handle.db.insert(watchlistEntries).values({ userId: me.id, filmId: filmIds[1]! });
    await handle.db.insert(lists).values({ userId: me.id, slug: "faves", name: "Faves" });
    await handle.db.insert(follows).values({ followerId: friend.id, followeeId: me.id });
    return { me, friend, mine, theirs: theirs.reviewId, myComment, friendComment };
  }

  async function expectAggregatesEqualRecount() {
    for (const filmId of filmIds) {
      expect(await getRatingStats(handle.db, { filmId })).toEqual(
        await recountRatingStats(handle.db, { filmId }),
      );
    }
  }

  it("deletes an account with its reviews and comments: aggregates equal a recount, others' content stays", async () => {
    const { me, friend, mine, theirs, myComment, friendComment } = await busyUser();
    const act = actionsAs(me.id);
    expect(
      await act.remove(null, { content: "remove", currentPassword: "not my password" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: "Your current password is not right." },
    });
    expect(await act.remove(null, { currentPassword: PASSWORD })).toMatchObject({
      ok: false,
      fieldErrors: { content: "Choose what happens to your reviews and comments." },
    });
    expect((await userRow(me.id)).deletedAt).toBeNull();
    const deletionsBefore = (await handle.db.select().from(accountDeletions)).length;

    const invalidated: string[] = [];
    expect(
      await actionsAs(me.id, invalidated).remove(null, {
        content: "remove",
        currentPassword: PASSWORD,
      }),
    ).toMatchObject({ ok: true });

    await expectAggregatesEqualRecount();
    const myReviews = await handle.db.select().from(reviews).where(eq(reviews.userId, me.id));
    expect(myReviews.map((r) => r.id).sort()).toEqual([...mine].sort());
    expect(myReviews.every((r) => r.deletedAt != null)).toBe(true);
    const [comment] = await handle.db
      .select()
      .from(reviewComments)
      .where(eq(reviewComments.id, myComment.commentId));
    expect(comment?.deletedAt).not.toBeNull();
    // the friend's review keeps its text and comment count drops by the removed comment; the like goes
    const [friendReview] = await handle.db.select().from(reviews).where(eq(reviews.id, theirs));
    expect(friendReview).toMatchObject({ deletedAt: null, likesCount: 0, commentsCount: 0 });
    const [kept] = await handle.db
      .select()
      .from(reviewComments)
      .where(eq(reviewComments.id, friendComment.commentId));
    expect(kept).toMatchObject({ body: "Nice one", deletedAt: null, userId: friend.id });

    const row = await userRow(me.id);
    expect(row).toMatchObject({ name: "a deleted user", passwordHash: null, image: null });
    expect(row.deletedAt).not.toBeNull();
    expect(row.sessionVersion).toBe(1);
    expect(await verifyCredentials(handle.db, { email: row.email, password: PASSWORD })).toBeNull();
    expect(await getProfile(handle.db, { handle: me.handle })).toBeNull();
    expect(await getActor(handle.db, { userId: me.id })).toBeNull();
    for (const table of [diaryEntries, watchlistEntries] as const) {
      expect(await handle.db.select().from(table).where(eq(table.userId, me.id))).toEqual([]);
    }
    expect(
      (await handle.db.select().from(lists).where(eq(lists.userId, me.id))).every(
        (l) => l.deletedAt != null,
      ),
    ).toBe(true);
    expect(await handle.db.select().from(follows).where(eq(follows.followeeId, me.id))).toEqual([]);

    const deletions = await handle.db.select().from(accountDeletions).orderBy(accountDeletions.id);
    expect(deletions).toHaveLength(deletionsBefore + 1);
    const record = deletions.at(-1)!;
    expect(record).toMatchObject({ content: "removed", reviews: 3, comments: 1 });
    // nothing that names the person
    expect(Object.keys(record).sort()).toEqual(
      ["comments", "content", "createdAt", "id", "reviews"].sort(),
    );
    expect(JSON.stringify(record)).not.toMatch(new RegExp(`${me.id}|${me.handle}|${row.email}`));

    expect(invalidated).toEqual(
      expect.arrayContaining([
        tags.user(me.handle),
        ...slugs.map(tags.reviews),
        ...mine.map(tags.review),
        tags.review(theirs),
        tags.follows(friend.handle),
        tags.reviewsFeed,
      ]),
    );
  });

  it("deletes an account keeping its reviews and comments, shown as by a deleted user", async () => {
    const { me, mine, theirs, myComment, friendComment } = await busyUser();
    const statsBefore = await Promise.all(
      filmIds.map((filmId) => getRatingStats(handle.db, { filmId })),
    );
    expect(
      await actionsAs(me.id).remove(null, { content: "keep", currentPassword: PASSWORD }),
    ).toMatchObject({ ok: true });
    await expectAggregatesEqualRecount();
    expect(
      await Promise.all(filmIds.map((filmId) => getRatingStats(handle.db, { filmId }))),
    ).toEqual(statsBefore);

    const page = await listFilmReviews(handle.db, {
      filmId: filmIds[0]!,
      sort: "newest",
      cursor: null,
      limit: 50,
    });
    const card = page.reviews.find((r) => r.id === mine[0]);
    expect(card?.body).toBe("Mine 0");
    expect(card?.author).toEqual({ id: "", handle: "", name: "a deleted user" });
    const comments = await listComments(handle.db, { reviewId: theirs });
    expect(comments.find((c) => c.id === myComment.commentId)?.author).toEqual({
      id: "",
      handle: "",
      name: "a deleted user",
    });
    // the friend's comment on the kept review is still there
    const onMine = await listComments(handle.db, { reviewId: mine[0]! });
    expect(onMine.map((c) => c.id)).toEqual([friendComment.commentId]);

    const [record] = await handle.db
      .select()
      .from(accountDeletions)
      .orderBy(sql`${accountDeletions.id} desc`)
      .limit(1);
    expect(record).toMatchObject({ content: "kept", reviews: 3, comments: 1 });
    const row = await userRow(me.id);
    expect(await verifyCredentials(handle.db, { email: row.email, password: PASSWORD })).toBeNull();
  });

  it("keeps a deleted account's email and handle reserved for 30 days, then releases them", async () => {
    const me = await makeUser("gone");
    const row = await userRow(me.id);
    await actionsAs(me.id).remove(null, { content: "remove", currentPassword: PASSWORD });
    const again = { name: "Again", handle: row.handle, email: row.email, password: PASSWORD };

    await expect(createUser(handle.db, again)).rejects.toMatchObject({
      fieldErrors: {
        email: "An account with this email already exists.",
        handle: "This handle is taken.",
      },
    });
    const other = await makeUser();
    expect(await actionsAs(other.id).handle(null, { handle: row.handle })).toMatchObject({
      ok: false,
      fieldErrors: { handle: "This handle is taken." },
    });

    // 29 days on: still reserved
    await handle.db
      .update(users)
      .set({ deletedAt: sql`now() - interval '29 days'` })
      .where(eq(users.id, me.id));
    expect(await releaseExpiredAccounts(handle.db)).toEqual([]);
    await expect(createUser(handle.db, again)).rejects.toMatchObject({ code: "conflict" });

    await handle.db
      .update(users)
      .set({ deletedAt: sql`now() - interval '31 days'` })
      .where(eq(users.id, me.id));
    const reborn = await createUser(handle.db, again);
    expect(reborn.handle).toBe(row.handle);
    const released = await userRow(me.id);
    expect(released.email).toBe(`deleted-${me.id}@invalid`);
    expect(released.handle).toMatch(/^deleted_[0-9a-f]{12}$/);
    expect(released.deletedAt).not.toBeNull();
    // released once only
    expect(await releaseExpiredAccounts(handle.db)).toEqual([]);
    expect(
      await handle.db
        .select()
        .from(users)
        .where(and(eq(users.id, me.id), eq(users.name, "a deleted user"))),
    ).toHaveLength(1);
  });
});
