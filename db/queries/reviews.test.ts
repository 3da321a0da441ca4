import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAction } from "../../lib/action";
import { AppError } from "../../lib/errors";
import { commentInput, reviewIdInput, reviewInput } from "../../lib/validation";
import { justAfterWeekStart, reviewHandlers } from "../actions";
import type { DatabaseHandle } from "../index";
import {
  filmRatingStats,
  moderationStates,
  reviewComments,
  reviewLikes,
  reviewRevisions,
  reviews,
  users,
} from "../schema";
import { seedDemo } from "../seed/index";
import { createTestDatabase, testEngines } from "../testing";
import {
  decodeCursor,
  deleteReview,
  getProfile,
  getRatingStats,
  listFilmReviews,
  listUserReviews,
  listLikedReviewsSince,
  listReviewVersions,
  recountRatingStats,
  REVIEW_SORTS,
  type ReviewCard,
  upsertReview,
} from "./reviews";
import { createUser, getActor, verifyCredentials, type Actor } from "./users";
import { films } from "../schema";

let seq = 0;

describe.each(testEngines())("reviews and ratings on %s", (engine) => {
  let handle: DatabaseHandle;
  let filmId: number;
  let otherFilmId: number;

  /** A user without a password (hashing is tested once, below), unique per call. */
  async function makeUser(): Promise<Actor> {
    const n = ++seq;
    const [row] = await handle.db
      .insert(users)
      .values({
        name: `Viewer ${n}`,
        handle: `viewer_${engine}_${n}`,
        email: `viewer${n}@${engine}.example`,
      })
      .returning({ id: users.id });
    return (await getActor(handle.db, { userId: row!.id }))!;
  }

  /** Server actions as the app runs them, with the session forged to be `userId` (or nobody). */
  function actionsAs(userId: string | null) {
    const deps = {
      sessionUserId: () => Promise.resolve(userId),
      resolveActor: (id: string) => getActor(handle.db, { userId: id }),
      invalidate: () => {},
    };
    const h = reviewHandlers(() => Promise.resolve(handle.db));
    return {
      post: createAction(deps, reviewInput, h.postReview),
      remove: createAction(deps, reviewIdInput, h.deleteReview),
      like: createAction(deps, reviewIdInput, h.likeReview),
      comment: createAction(deps, commentInput, h.commentOnReview),
    };
  }

  async function tableCounts() {
    const n = async (
      t: typeof reviews | typeof reviewLikes | typeof reviewComments | typeof reviewRevisions,
    ) => (await handle.db.select({ n: count() }).from(t))[0]!.n;
    return {
      reviews: await n(reviews),
      likes: await n(reviewLikes),
      comments: await n(reviewComments),
      revisions: await n(reviewRevisions),
      stats: await handle.db.select().from(filmRatingStats).orderBy(filmRatingStats.filmId),
      rows: await handle.db.select().from(reviews).orderBy(reviews.id),
    };
  }

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
    const [a] = await handle.db
      .select({ id: films.id })
      .from(films)
      .where(eq(films.slug, "ballerina-2023"));
    const [b] = await handle.db
      .select({ id: films.id })
      .from(films)
      .where(eq(films.slug, "nowhere-2023"));
    filmId = a!.id;
    otherFilmId = b!.id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("signs up with a hashed password and signs in only with it", async () => {
    const user = await createUser(handle.db, {
      name: "지은",
      handle: `jieun_${engine}`,
      email: `Jieun@${engine}.Example`,
      password: "correct horse battery",
    });
    const [row] = await handle.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.name).toBe("지은");
    expect(
      await verifyCredentials(handle.db, {
        email: `jieun@${engine}.example`,
        password: "correct horse battery",
      }),
    ).toMatchObject({ id: user.id });
    expect(
      await verifyCredentials(handle.db, {
        email: `jieun@${engine}.example`,
        password: "wrong horse",
      }),
    ).toBeNull();
    expect(
      await verifyCredentials(handle.db, {
        email: `nobody@${engine}.example`,
        password: "correct horse battery",
      }),
    ).toBeNull();
    const clash = await createUser(handle.db, {
      name: "Again",
      handle: `JIEUN_${engine}`,
      email: `jieun@${engine}.example`,
      password: "another password",
    }).catch((error: unknown) => error as AppError);
    expect(clash).toBeInstanceOf(AppError);
    expect((clash as AppError).fieldErrors).toEqual({
      email: "An account with this email already exists.",
      handle: "This handle is taken.",
    });
  });

  it("a review, a like and a deletion invalidate exactly the pages they change", async () => {
    const me = await makeUser();
    const fan = await makeUser();
    const calls: string[][] = [];
    const as = (userId: string) => ({
      sessionUserId: () => Promise.resolve(userId),
      resolveActor: (id: string) => getActor(handle.db, { userId: id }),
      invalidate: (tags: string[]) => void calls.push(tags),
    });
    const h = reviewHandlers(() => Promise.resolve(handle.db));
    const post = createAction(as(me.id), reviewInput, h.postReview);
    const like = createAction(as(fan.id), reviewIdInput, h.likeReview);
    const remove = createAction(as(me.id), reviewIdInput, h.deleteReview);

    expect(await post(null, { filmId: String(filmId), rating: "11" })).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
    const posted = await post(null, { filmId: String(filmId), rating: "3.5", body: "Quiet." });
    expect(posted.ok).toBe(true);
    const { reviewId } = (posted as { data: { reviewId: number } }).data;
    const film = "reviews:ballerina-2023";
    const author = `user:${me.handle.toLowerCase()}`;
    expect(await like(null, { reviewId: String(reviewId) })).toMatchObject({ ok: true });
    expect(await remove(null, { reviewId: String(reviewId) })).toMatchObject({ ok: true });
    // a new review counts in this week only (past weeks' ratings stay cached, but in a week's
    // first minute); its deletion can change a past week's
    const history = "rating-history:ballerina-2023";
    const postedTags = justAfterWeekStart() ? [film, history] : [film];
    expect(calls).toEqual([
      [...postedTags, `review:${reviewId}`, "reviews-feed", author],
      [film, `review:${reviewId}`, "reviews-feed"],
      [film, history, `review:${reviewId}`, "reviews-feed", author],
    ]);
  });

  it("posts, edits (keeping the earlier version) and deletes a review, keeping the aggregates exact", async () => {
    const me = await makeUser();
    const act = actionsAs(me.id);
    const posted = await act.post(null, {
      filmId: String(otherFilmId),
      rating: "4.5",
      body: "Tense.\r\nAnd wet.",
      containsSpoilers: "on",
    });
    expect(posted).toMatchObject({ ok: true, message: "Your review is posted." });
    const [row] = await handle.db.select().from(reviews).where(eq(reviews.userId, me.id));
    expect(row).toMatchObject({
      rating: 9,
      body: "Tense.\nAnd wet.",
      containsSpoilers: true,
      editedAt: null,
    });
    expect(await getRatingStats(handle.db, { filmId: otherFilmId })).toEqual(
      await recountRatingStats(handle.db, { filmId: otherFilmId }),
    );

    const again = await act.post(null, {
      filmId: String(otherFilmId),
      rating: "3",
      body: "Less tense on a second watch.",
    });
    expect(again).toMatchObject({ ok: true, message: "Your review is updated." });
    const mine = await handle.db.select().from(reviews).where(eq(reviews.userId, me.id));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      rating: 6,
      body: "Less tense on a second watch.",
      containsSpoilers: false,
    });
    expect(mine[0]!.editedAt).toBeInstanceOf(Date);
    const revisions = await handle.db
      .select()
      .from(reviewRevisions)
      .where(eq(reviewRevisions.reviewId, mine[0]!.id));
    expect(revisions).toMatchObject([
      { rating: 9, body: "Tense.\nAnd wet.", containsSpoilers: true },
    ]);
    const stats = await getRatingStats(handle.db, { filmId: otherFilmId });
    expect(stats.histogram[5]).toBeGreaterThanOrEqual(1);
    expect(stats).toEqual(await recountRatingStats(handle.db, { filmId: otherFilmId }));

    expect(await act.remove(null, { reviewId: String(mine[0]!.id) })).toMatchObject({ ok: true });
    expect(await recountRatingStats(handle.db, { filmId: otherFilmId })).toEqual(
      await getRatingStats(handle.db, { filmId: otherFilmId }),
    );
    const [kept] = await handle.db.select().from(reviews).where(eq(reviews.id, mine[0]!.id));
    expect(kept?.deletedAt).toBeInstanceOf(Date); // kept, not hard-deleted
  });

  it("stores text exactly and refuses bad input with a field message, writing nothing", async () => {
    const me = await makeUser();
    const act = actionsAs(me.id);
    const text = "발레리나 최고 🩰🔥\nمرحبا بالعالم\n<script>alert('x')</script> & \"quotes\"";
    expect(await act.post(null, { filmId: String(filmId), rating: "5", body: text })).toMatchObject(
      { ok: true },
    );
    const [row] = await handle.db.select().from(reviews).where(eq(reviews.userId, me.id));
    expect(row?.body).toBe(text);

    const before = await tableCounts();
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ rating: "0" }, "rating", /0\.5 to 5 stars/],
      [{ rating: "11" }, "rating", /0\.5 to 5 stars/],
      [{ rating: "5.5" }, "rating", /0\.5 to 5 stars/],
      [{ rating: "3.7" }, "rating", /half stars/],
      [{}, "rating", /Choose a rating/],
      [{ rating: "4", body: "x".repeat(10_001) }, "body", /10,000 characters/],
      [{ rating: "4", watchedOn: "2999-01-01" }, "watchedOn", /future/],
      [{ rating: "4", filmId: "abc" }, "filmId", /./],
    ];
    for (const [fields, field, message] of cases) {
      const result = await act.post(null, { filmId: String(filmId), ...fields });
      expect(result.ok, JSON.stringify(fields)).toBe(false);
      if (!result.ok) expect(result.fieldErrors[field], JSON.stringify(fields)).toMatch(message);
    }
    expect(await act.post(null, { filmId: "999999", rating: "4" })).toMatchObject({
      ok: false,
      error: "That film does not exist.",
    });
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses forged requests from nobody and from other users, changing nothing", async () => {
    const author = await makeUser();
    const intruder = await makeUser();
    await actionsAs(author.id).post(null, { filmId: String(filmId), rating: "4" });
    const [review] = await handle.db.select().from(reviews).where(eq(reviews.userId, author.id));
    const id = String(review!.id);
    const before = await tableCounts();

    const nobody = actionsAs(null);
    for (const result of [
      await nobody.post(null, { filmId: String(filmId), rating: "1" }),
      await nobody.remove(null, { reviewId: id }),
      await nobody.like(null, { reviewId: id }),
      await nobody.comment(null, { reviewId: id, body: "hi" }),
    ]) {
      expect(result).toMatchObject({ ok: false, error: "Sign in to do that." });
    }
    // a session for a user who no longer exists counts as nobody
    expect(
      await actionsAs("00000000-0000-0000-0000-000000000000").remove(null, { reviewId: id }),
    ).toMatchObject({ ok: false, error: "Sign in to do that." });
    expect(await actionsAs(intruder.id).remove(null, { reviewId: id })).toMatchObject({
      ok: false,
      error: "You can only delete your own review.",
    });
    expect(await actionsAs(author.id).like(null, { reviewId: id })).toMatchObject({
      ok: false,
      error: "You cannot like your own review.",
    });
    expect(await tableCounts()).toEqual(before);
  });

  it("toggles likes and posts comments", async () => {
    const author = await makeUser();
    const fan = await makeUser();
    await actionsAs(author.id).post(null, {
      filmId: String(filmId),
      rating: "3.5",
      body: "Stylish.",
    });
    const [review] = await handle.db.select().from(reviews).where(eq(reviews.userId, author.id));
    const id = String(review!.id);
    expect(await actionsAs(fan.id).like(null, { reviewId: id })).toMatchObject({
      ok: true,
      data: { liked: true, likes: 1 },
    });
    expect(await actionsAs(fan.id).like(null, { reviewId: id })).toMatchObject({
      ok: true,
      data: { liked: false, likes: 0 },
    });
    expect(await actionsAs(fan.id).like(null, { reviewId: id })).toMatchObject({
      ok: true,
      data: { liked: true, likes: 1 },
    });
    expect(await actionsAs(fan.id).comment(null, { reviewId: id, body: "   " })).toMatchObject({
      ok: false,
      fieldErrors: { body: "Write a comment first." },
    });
    expect(
      await actionsAs(fan.id).comment(null, { reviewId: id, body: "y".repeat(2001) }),
    ).toMatchObject({ ok: false });
    expect(
      await actionsAs(fan.id).comment(null, { reviewId: id, body: "Agreed — 동의해요" }),
    ).toMatchObject({ ok: true });
    const [after] = await handle.db.select().from(reviews).where(eq(reviews.id, review!.id));
    expect(after).toMatchObject({ likesCount: 1, commentsCount: 1 });
  });

  it(
    "keeps count, sum and histogram equal to a recount when 200 people rate at once",
    { timeout: 120_000 },
    async () => {
      const [film] = await handle.db
        .select({ id: films.id })
        .from(films)
        .where(eq(films.slug, "the-quake-2018"));
      const raters = await Promise.all(Array.from({ length: 200 }, () => makeUser()));
      const results = await Promise.all(
        raters.map((r, i) =>
          actionsAs(r.id).post(null, {
            filmId: String(film!.id),
            rating: String(((i % 10) + 1) / 2),
          }),
        ),
      );
      expect(results.filter((r) => !r.ok)).toEqual([]);
      // and half of them change their minds at once
      await Promise.all(
        raters
          .slice(0, 100)
          .map((r) => actionsAs(r.id).post(null, { filmId: String(film!.id), rating: "5" })),
      );
      const stored = await getRatingStats(handle.db, { filmId: film!.id });
      expect(stored.count).toBe(200);
      expect(stored).toEqual(await recountRatingStats(handle.db, { filmId: film!.id }));
    },
  );

  it("lists the most liked written reviews of recent days, as a film's own list would show them", async () => {
    const fan = await makeUser();
    const post = async (body: string | undefined) => {
      const author = await makeUser();
      await actionsAs(author.id).post(null, { filmId: String(otherFilmId), rating: "4", body });
      const [row] = await handle.db.select().from(reviews).where(eq(reviews.userId, author.id));
      return { author, id: row!.id };
    };
    const liked = await post("Liked: worth reading.");
    const plain = await post("Plain: nobody liked it yet.");
    const hidden = await post("Hidden by a moderator.");
    const deleted = await post("Deleted by its author.");
    const old = await post("Written long ago.");
    const ratingOnly = await post(undefined);
    await actionsAs(fan.id).like(null, { reviewId: String(liked.id) });
    await actionsAs(fan.id).like(null, { reviewId: String(hidden.id) });
    await handle.db
      .insert(moderationStates)
      .values({ targetType: "review", targetId: hidden.id, status: "hidden" });
    await actionsAs(deleted.author.id).remove(null, { reviewId: String(deleted.id) });
    await handle.db
      .update(reviews)
      .set({ createdAt: new Date(Date.now() - 40 * 24 * 60 * 60 * 1000) })
      .where(eq(reviews.id, old.id));

    const since = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
    const listed = await listLikedReviewsSince(handle.db, { since, limit: 1000 });
    const ids = listed.map((r) => r.id);
    expect(ids).toContain(liked.id);
    expect(ids).toContain(plain.id);
    expect(ids.indexOf(liked.id)).toBeLessThan(ids.indexOf(plain.id));
    for (const gone of [hidden, deleted, old, ratingOnly]) expect(ids).not.toContain(gone.id);
    const likes = listed.map((r) => r.likesCount);
    expect(likes).toEqual([...likes].sort((a, b) => b - a));
    expect(listed.every((r) => r.body && Date.parse(r.createdAt) > since.getTime())).toBe(true);
  });

  it("pages through reviews by keyset in every order, without repeats or gaps", async () => {
    const [film] = await handle.db
      .select({ id: films.id })
      .from(films)
      .where(eq(films.slug, "khufiya-2023"));
    const people = await Promise.all(Array.from({ length: 23 }, () => makeUser()));
    for (const [i, p] of people.entries()) {
      await actionsAs(p.id).post(null, {
        filmId: String(film!.id),
        rating: String((((i * 7) % 10) + 1) / 2),
      });
    }
    const [top] = await handle.db.select().from(reviews).where(eq(reviews.userId, people[3]!.id));
    await actionsAs(people[0]!.id).like(null, { reviewId: String(top!.id) });
    for (const sort of REVIEW_SORTS) {
      const seen: ReviewCard[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof listFilmReviews>> = await listFilmReviews(handle.db, {
          filmId: film!.id,
          sort,
          cursor: decodeCursor(cursor),
          limit: 10,
        });
        seen.push(...page.reviews);
        cursor = page.next;
      } while (cursor);
      expect(new Set(seen.map((r) => r.id)).size, sort).toBe(23);
      const key = (r: ReviewCard) =>
        sort === "newest" ? r.createdAt : sort === "liked" ? r.likesCount : r.rating;
      const keys = seen.map(key);
      const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(keys, sort).toEqual(sort === "lowest" ? sorted : sorted.reverse());
      if (sort === "liked") expect(seen[0]!.id).toBe(top!.id);
    }
  });

  it("a profile totals its visible reviews and pages through them newest first", async () => {
    const owner = await makeUser();
    const all = await handle.db.select({ id: films.id }).from(films).orderBy(films.id).limit(12);
    const rows = await handle.db
      .insert(reviews)
      .values(
        all.map((f, i) => ({
          userId: owner.id,
          filmId: f.id,
          rating: (i % 10) + 1,
          body: i % 3 === 0 ? `Review ${i}` : null,
          // every other pair shares a moment: the id breaks the tie
          createdAt: new Date(Date.UTC(2025, 0, 1 + Math.floor(i / 2))),
        })),
      )
      .returning({ id: reviews.id });
    // a deleted review is in neither the totals nor the pages
    await handle.db
      .update(reviews)
      .set({ deletedAt: new Date() })
      .where(eq(reviews.id, rows[11]!.id));
    const profile = await getProfile(handle.db, { handle: owner.handle.toUpperCase() });
    expect(profile?.stats.count).toBe(11);
    expect(profile?.written).toBe(4); // reviews 0, 3, 6 and 9 have text
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listUserReviews>> = await listUserReviews(handle.db, {
        userId: owner.id,
        cursor: decodeCursor(cursor),
        limit: 5,
      });
      seen.push(...page.reviews.map((r) => r.id));
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(
      rows
        .slice(0, 11)
        .map((r) => r.id)
        .reverse(),
    );
  });

  it("reads no position from a cursor that is not one, so a forged one cannot fail the page", async () => {
    const forge = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    for (const bad of [{ v: "zz", id: 3 }, { v: 1.5, id: 3 }, { v: "2025-01-01", id: "3" }, [1], 7])
      expect(decodeCursor(forge(bad)), JSON.stringify(bad)).toBeNull();
    expect(decodeCursor("%%%")).toBeNull();
    // a cursor of the other order's kind starts from the top instead of failing
    const page = await listFilmReviews(handle.db, {
      filmId,
      sort: "liked",
      cursor: decodeCursor(forge({ v: "2025-01-01T00:00:00.000Z", id: 1 })),
      limit: 10,
    });
    const top = await listFilmReviews(handle.db, {
      filmId,
      sort: "liked",
      cursor: null,
      limit: 10,
    });
    expect(page.reviews.map((r) => r.id)).toEqual(top.reviews.map((r) => r.id));
  });
  it("shows a review's earlier versions newest first, and nothing of a review readers cannot see", async () => {
    // an account past its first day may post ten times a minute
    const me = { ...(await makeUser()), createdAt: "2025-01-01T00:00:00.000Z" };
    const write = (rating: number, body: string) =>
      upsertReview(handle.db, me, {
        filmId,
        rating,
        body,
        containsSpoilers: false,
        watchedOn: null,
      });
    const history = async (reviewId: number) => {
      const seen = await listReviewVersions(handle.db, { reviewId });
      return seen && { now: seen.review.body, before: seen.versions.map((v) => v.body) };
    };
    const { reviewId } = await write(4, "First.");
    expect(await history(reviewId)).toEqual({ now: "First.", before: [] });
    await write(6, "Second.");
    await write(8, "Third.");
    // saving the same text again is no new version
    await write(8, "Third.");
    const seen = (await listReviewVersions(handle.db, { reviewId }))!;
    expect(seen.review).toMatchObject({ id: reviewId, rating: 8, body: "Third." });
    expect(seen.versions.map((v) => [v.rating, v.body])).toEqual([
      [6, "Second."],
      [4, "First."],
    ]);
    expect(Date.parse(seen.versions[0]!.replacedAt)).toBeGreaterThanOrEqual(
      Date.parse(seen.versions[1]!.replacedAt),
    );

    // hidden or removed by a moderator: no history for anyone; shown again, it is back
    await handle.db
      .insert(moderationStates)
      .values({ targetType: "review", targetId: reviewId, status: "hidden" });
    expect(await listReviewVersions(handle.db, { reviewId })).toBeNull();
    const setStatus = (status: "visible" | "removed") =>
      handle.db
        .update(moderationStates)
        .set({ status })
        .where(eq(moderationStates.targetId, reviewId));
    await setStatus("removed");
    expect(await listReviewVersions(handle.db, { reviewId })).toBeNull();
    await setStatus("visible");
    expect((await history(reviewId))!.before).toEqual(["Second.", "First."]);

    // deleted by its author: none; posted again, it starts afresh without the versions before
    await deleteReview(handle.db, me, { reviewId });
    expect(await listReviewVersions(handle.db, { reviewId })).toBeNull();
    expect((await write(10, "Fourth, afresh.")).reviewId).toBe(reviewId);
    expect(await history(reviewId)).toEqual({ now: "Fourth, afresh.", before: [] });
    await write(2, "Fifth.");
    expect(await history(reviewId)).toEqual({ now: "Fifth.", before: ["Fourth, afresh."] });

    // a version replaced within the millisecond before the review was posted again is not its own
    const at = (moment: string) => sql`${moment}::timestamptz`;
    await handle.db
      .update(reviews)
      .set({ createdAt: at("2025-05-05T10:00:00.123456Z") })
      .where(eq(reviews.id, reviewId));
    for (const [body, moment] of [
      ["First.", "2025-05-05T09:00:00Z"],
      ["Second.", "2025-05-05T09:30:00Z"],
      ["Fourth, afresh.", "2025-05-05T11:00:00Z"],
    ])
      await handle.db
        .update(reviewRevisions)
        .set({ replacedAt: at(moment!) })
        .where(and(eq(reviewRevisions.reviewId, reviewId), eq(reviewRevisions.body, body!)));
    await handle.db.insert(reviewRevisions).values({
      reviewId,
      rating: 3,
      body: "Before the deletion.",
      containsSpoilers: false,
      replacedAt: at("2025-05-05T10:00:00.123001Z"),
    });
    expect((await history(reviewId))!.before).toEqual(["Fourth, afresh."]);

    expect(await listReviewVersions(handle.db, { reviewId: 2_147_483_647 })).toBeNull();
  });
});
