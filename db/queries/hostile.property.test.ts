/**
 * Hostile input through the database, on every test engine: search answers any text; a cursor
 * from a URL, however forged, gives the first page or a later one, never a failed query; and a
 * write refused for its input leaves every table as it was, while one accepted stores the text
 * exactly as typed.
 */
import { count, desc, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAction } from "../../lib/action";
import {
  checkProperty,
  hostileNumber,
  hostileString,
  hostileValue,
  printRunSummary,
} from "../../lib/property-testing";
import { commentInput, listCreateInput, reviewInput } from "../../lib/validation";
import { listHandlers, reviewHandlers } from "../actions";
import type { DatabaseHandle } from "../index";
import {
  filmRatingStats,
  films,
  listItems,
  lists,
  notifications,
  reviewComments,
  reviewRevisions,
  reviews,
  users,
} from "../schema";
import { seedDemo, seedDemoUsers } from "../seed/index";
import { createTestDatabase, testEngines } from "../testing";
import { listDiary, listFilmsWatched } from "./diary";
import { decodeFeedCursor, encodeFeedCursor, listFeed } from "./feed";
import { decodeFollowCursor, encodeFollowCursor, listFollows } from "./follows";
import { listUserLists } from "./lists";
import { listNotifications } from "./notifications";
import {
  decodeCursor,
  encodeCursor,
  listFilmReviews,
  listUserReviews,
  REVIEW_SORTS,
  type Cursor,
} from "./reviews";
import { searchCatalogue } from "./search";
import { searchPeople } from "./editing";
import { getActor } from "./users";
import { listWatchlist } from "./watchlist";

/** The pipeline's answer when a write failed for a reason other than its input. */
const SERVER_FAILURE = /Something went wrong on our side/;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value) ?? "").toString("base64url");

/** Positions a forged cursor might hold: moments at the edges of time, numbers past every column. */
const cursorValue = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    "2024-01-01T00:00:00.000Z",
    "2024-01-01 00:00:00.123456+00",
    "2024-01-01 00:00:00.123456+99",
    "2024-02-30 10:00:00+00",
    "0000-01-01 00:00:00+00",
    "2024-02-30",
    "+275760-09-13T00:00:00.000Z",
    "-271821-04-20T00:00:00.000Z",
    "0000-01-01",
    "1",
    "5",
    "9999-12-31T23:59:59.999Z",
    "Tue",
  ),
  hostileNumber(),
  hostileString({ huge: false }),
  hostileValue(),
);
const cursorText = fc.oneof(
  hostileString({ huge: false }),
  fc
    .record({ v: cursorValue, id: fc.oneof(fc.integer(), hostileNumber(), hostileValue()) })
    .map(b64),
  fc
    .record({
      at: cursorValue,
      kind: fc.constantFrom("review", "diary", "list", "x"),
      id: fc.oneof(fc.integer(), hostileNumber()),
    })
    .map(b64),
  fc.record({ at: cursorValue, id: hostileString({ huge: false }) }).map(b64),
  fc.constantFrom(b64(null), b64([]), b64("x"), b64({}), "e30", "bnVsbA"),
);

afterAll(() => printRunSummary("hostile input through the database"));

describe("cursors, by property", () => {
  it("decode what they encode", async () => {
    const cursor: fc.Arbitrary<Cursor> = fc.record({
      v: fc.oneof(
        // what a page's last row can hold: a moment PostgreSQL stored, or a count
        fc
          .date({
            min: new Date("0001-01-01T00:00:00Z"),
            max: new Date("9999-12-31T23:59:59.999Z"),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString()),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      ),
      id: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    });
    await checkProperty(
      "review/list cursors round-trip",
      fc.property(cursor, (c) => {
        expect(decodeCursor(encodeCursor(c))).toEqual(c);
      }),
      { numRuns: 1000 },
    );
    await checkProperty(
      "feed and follow cursors round-trip",
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
        fc.constantFrom("review" as const, "diary" as const, "list" as const),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.uuid(),
        (d, kind, id, userId) => {
          const at = d.toISOString();
          expect(decodeFeedCursor(encodeFeedCursor({ at, kind, id }))).toEqual({ at, kind, id });
          expect(decodeFollowCursor(encodeFollowCursor({ at, id: userId }))).toEqual({
            at,
            id: userId,
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("decode anything else to a cursor or to none, without throwing", async () => {
    await checkProperty(
      "hostile cursor text decodes without throwing",
      fc.property(cursorText, (text) => {
        decodeCursor(text);
        decodeFeedCursor(text);
        decodeFollowCursor(text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe.each(testEngines())("hostile input through the database on %s", (engine) => {
  let handle: DatabaseHandle;
  let filmId: number;
  let viewerId: string;
  let reviewId: number;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
    await seedDemoUsers(handle.db);
    const [film] = await handle.db
      .select({ id: films.id })
      .from(films)
      .where(eq(films.slug, "ballerina-2023"));
    filmId = film!.id;
    const [viewer] = await handle.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, "minji@demo.reelrank.test"));
    viewerId = viewer!.id;
    const [review] = await handle.db
      .select({ id: reviews.id })
      .from(reviews)
      .where(eq(reviews.filmId, filmId))
      .limit(1);
    reviewId = review!.id;
  }, 180_000);
  afterAll(async () => {
    await handle?.close();
  });

  it("searches for any text and answers with results or none", async () => {
    const q = fc.oneof(
      hostileString(),
      fc.constantFrom("ballerina", "발레리나", "전종서", "%", "_", "\\", "' or 1=1 --"),
    );
    await checkProperty(
      `searchCatalogue answers any text (${engine})`,
      fc.asyncProperty(q, fc.integer({ min: 1, max: 20 }), async (text, limit) => {
        const results = await searchCatalogue(handle.db, { q: text, limit });
        for (const kind of [results.films, results.series, results.people]) {
          expect(Array.isArray(kind)).toBe(true);
          expect(kind.length).toBeLessThanOrEqual(limit);
        }
      }),
      { numRuns: 100 },
    );
    // LIKE's wildcards are matched literally: `%` alone is no letter, so nothing to look for
    expect((await searchCatalogue(handle.db, { q: "%", limit: 5 })).films).toEqual([]);
  }, 180_000);

  it("looks up people for the credits editor with whatever the editor's route lets through", async () => {
    // the route refuses more than 100 characters and NUL; everything else reaches the query
    const q = hostileString({ huge: false }).filter(
      (s) => s.length <= 100 && !s.includes("\u0000"),
    );
    await checkProperty(
      `searchPeople answers any text the route accepts (${engine})`,
      fc.asyncProperty(q, async (text) => {
        const people = await searchPeople(handle.db, { q: text, limit: 8 });
        expect(people.length).toBeLessThanOrEqual(8);
      }),
      { numRuns: 100 },
    );
  }, 180_000);

  it("turns any cursor into the first page or a later one, never a failed query", async () => {
    const first = {
      newest: await listFilmReviews(handle.db, { filmId, sort: "newest", cursor: null, limit: 2 }),
      lists: await listUserLists(handle.db, {
        ownerId: viewerId,
        privacy: "include",
        cursor: null,
        limit: 2,
      }),
    };
    await checkProperty(
      `listing functions take any cursor (${engine})`,
      fc.asyncProperty(cursorText, fc.constantFrom(...REVIEW_SORTS), async (text, sort) => {
        const c = decodeCursor(text);
        const page = await listFilmReviews(handle.db, { filmId, sort, cursor: c, limit: 2 });
        if (!c && sort === "newest") expect(page).toEqual(first.newest);
        await listUserReviews(handle.db, { userId: viewerId, cursor: c, limit: 2 });
        const own = await listUserLists(handle.db, {
          ownerId: viewerId,
          privacy: "include",
          cursor: text,
          limit: 2,
        });
        if (!c) expect(own).toEqual(first.lists);
        await listNotifications(handle.db, { userId: viewerId, cursor: text, limit: 2 });
        await listDiary(handle.db, { userId: viewerId, cursor: c, limit: 2 });
        await listFilmsWatched(handle.db, { userId: viewerId, cursor: c, limit: 2 });
        await listWatchlist(handle.db, { userId: viewerId, cursor: c, limit: 2 });
        await listFeed(handle.db, { userId: viewerId, cursor: decodeFeedCursor(text), limit: 2 });
        await listFollows(handle.db, {
          userId: viewerId,
          side: "followers",
          cursor: decodeFollowCursor(text),
          limit: 2,
        });
      }),
      { numRuns: 150 },
    );
  }, 180_000);

  it("reads a cursor whose time PostgreSQL would refuse as the first page of every listing", async () => {
    // each reads as a moment to JavaScript, and fails a `::timestamptz` cast
    for (const at of [
      "2024-01-01 00:00:00.123456+99",
      "2024-02-30 10:00:00+00",
      "0000-01-01 00:00:00+00",
    ]) {
      const text = b64({ v: at, id: 1 });
      await listNotifications(handle.db, { userId: viewerId, cursor: text, limit: 2 });
      await listUserLists(handle.db, {
        ownerId: viewerId,
        privacy: "include",
        cursor: text,
        limit: 2,
      });
      await listWatchlist(handle.db, { userId: viewerId, cursor: decodeCursor(text), limit: 2 });
      await listFeed(handle.db, {
        userId: viewerId,
        cursor: decodeFeedCursor(b64({ at, kind: "review", id: 1 })),
        limit: 2,
      });
      await listFollows(handle.db, {
        userId: viewerId,
        side: "following",
        cursor: decodeFollowCursor(b64({ at, id: viewerId })),
        limit: 2,
      });
    }
  });

  describe("writes refused for their input change nothing", () => {
    let seq = 0;
    async function newViewer() {
      const n = ++seq;
      const [row] = await handle.db
        .insert(users)
        .values({ name: `Prop ${n}`, handle: `prop_${engine}_${n}`, email: `p${n}@${engine}.test` })
        .returning({ id: users.id });
      return row!.id;
    }
    function as(userId: string) {
      const deps = {
        sessionUserId: () => Promise.resolve(userId),
        resolveActor: (id: string) => getActor(handle.db, { userId: id }),
        invalidate: () => {},
      };
      const database = () => Promise.resolve(handle.db);
      const r = reviewHandlers(database);
      const l = listHandlers(database);
      return {
        post: createAction(deps, reviewInput, r.postReview),
        comment: createAction(deps, commentInput, r.commentOnReview),
        createList: createAction(deps, listCreateInput, l.create),
      };
    }
    async function counts() {
      const of = async (
        t:
          | typeof reviews
          | typeof reviewRevisions
          | typeof reviewComments
          | typeof filmRatingStats
          | typeof lists
          | typeof listItems
          | typeof notifications,
      ) => (await handle.db.select({ n: count() }).from(t))[0]!.n;
      return {
        reviews: await of(reviews),
        revisions: await of(reviewRevisions),
        comments: await of(reviewComments),
        stats: await of(filmRatingStats),
        lists: await of(lists),
        items: await of(listItems),
        notifications: await of(notifications),
      };
    }
    const text = fc.oneof(hostileString(), fc.string({ unit: "grapheme", maxLength: 40 }));
    const field = <T>(good: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: hostileValue() });

    it("posting a review", async () => {
      await checkProperty(
        `postReview with hostile input (${engine})`,
        fc.asyncProperty(
          fc.record({
            filmId: field(fc.constant("FILM")),
            rating: field(fc.integer({ min: 1, max: 10 }).map((h) => String(h / 2))),
            body: field(text),
            containsSpoilers: field(fc.constantFrom("on", "")),
            watchedOn: field(fc.constantFrom("", "2024-05-01")),
          }),
          async (raw) => {
            const input = { ...raw, filmId: raw.filmId === "FILM" ? filmId : raw.filmId };
            const userId = await newViewer();
            const before = await counts();
            const result = await as(userId).post(null, input);
            const after = await counts();
            if (!result.ok) {
              expect(result.error).not.toMatch(SERVER_FAILURE);
              expect(after).toEqual(before);
              return;
            }
            expect(after.reviews).toBe(before.reviews + 1);
            const [row] = await handle.db
              .select({ body: reviews.body })
              .from(reviews)
              .where(eq(reviews.userId, userId));
            const typed = typeof input.body === "string" ? input.body.replace(/\r\n?/g, "\n") : "";
            expect(row!.body).toBe(typed.trim() ? typed : null);
          },
        ),
        { numRuns: 100 },
      );
    }, 180_000);

    it("commenting on a review", async () => {
      const userId = await newViewer();
      await checkProperty(
        `commentOnReview with hostile input (${engine})`,
        fc.asyncProperty(
          fc.record({ reviewId: field(fc.constant("REVIEW")), body: field(text) }),
          async (raw) => {
            const input = { ...raw, reviewId: raw.reviewId === "REVIEW" ? reviewId : raw.reviewId };
            const before = await counts();
            const result = await as(userId).comment(null, input);
            const after = await counts();
            if (!result.ok) {
              expect(result.error).not.toMatch(SERVER_FAILURE);
              expect(after).toEqual(before);
              return;
            }
            expect(after.comments).toBe(before.comments + 1);
            const [last] = await handle.db
              .select({ body: reviewComments.body })
              .from(reviewComments)
              .where(eq(reviewComments.userId, userId))
              .orderBy(desc(reviewComments.id))
              .limit(1);
            expect(last!.body).toBe((input.body as string).replace(/\r\n?/g, "\n"));
          },
        ),
        { numRuns: 100 },
      );
    }, 180_000);

    it("saving a list", async () => {
      const userId = await newViewer();
      await checkProperty(
        `createList with hostile input (${engine})`,
        fc.asyncProperty(
          fc.record({
            name: field(text),
            description: field(text),
            ranked: field(fc.constantFrom("on", "")),
            isPrivate: field(fc.constantFrom("on", "")),
          }),
          async (input) => {
            const before = await counts();
            const result = await as(userId).createList(null, input);
            const after = await counts();
            if (!result.ok) {
              expect(result.error).not.toMatch(SERVER_FAILURE);
              expect(after).toEqual(before);
              return;
            }
            expect(after.lists).toBe(before.lists + 1);
            const [row] = await handle.db
              .select({ name: lists.name })
              .from(lists)
              .where(eq(lists.id, (result.data as { listId: number }).listId));
            expect(row!.name).toBe((input.name as string).replace(/\r\n?/g, "\n").trim());
          },
        ),
        { numRuns: 100 },
      );
    }, 180_000);
  });
});
