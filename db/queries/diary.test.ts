import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAction } from "../../lib/action";
import { todayUtc } from "../../lib/diary";
import {
  audienceInput,
  editLogInput,
  logIdInput,
  logInput,
  watchlistInput,
} from "../../lib/validation";
import { diaryHandlers } from "../actions";
import type { DatabaseHandle } from "../index";
import {
  blocks,
  diaryEntries,
  follows,
  films,
  reviewRevisions,
  reviews,
  users,
  watchlistEntries,
} from "../schema";
import { seedDemo } from "../seed/index";
import { createTestDatabase, testEngines } from "../testing";
import {
  countLogsByYear,
  getOwnDiaryEntry,
  getReaderDiaryState,
  listDiary,
  listFilmsWatched,
  partResponse,
  readDiary,
  readFilmsWatched,
  readLogsByYear,
} from "./diary";
import { getRatingStats, recountRatingStats, decodeCursor } from "./reviews";
import { getActor, type Actor } from "./users";
import { listWatchlist, readWatchlist } from "./watchlist";

let seq = 0;

describe.each(testEngines())("diary and watchlist on %s", (engine) => {
  let handle: DatabaseHandle;
  let filmIds: number[];

  async function makeUser(): Promise<Actor> {
    const n = ++seq;
    const [row] = await handle.db
      .insert(users)
      .values({
        name: `Diarist ${n}`,
        handle: `diarist_${engine.slice(0, 2)}_${n}`,
        email: `diarist${n}@${engine}.example`,
      })
      .returning({ id: users.id });
    return (await getActor(handle.db, { userId: row!.id }))!;
  }

  /** The server actions as the app runs them, with the session forged to be `userId` (or nobody). */
  function actionsAs(userId: string | null) {
    const invalidated: string[][] = [];
    const deps = {
      sessionUserId: () => Promise.resolve(userId),
      resolveActor: (id: string) => getActor(handle.db, { userId: id }),
      invalidate: (t: string[]) => void invalidated.push(t),
    };
    const h = diaryHandlers(() => Promise.resolve(handle.db));
    return {
      invalidated,
      log: createAction(deps, logInput, h.logWatch),
      edit: createAction(deps, editLogInput, h.editLog),
      remove: createAction(deps, logIdInput, h.deleteLog),
      watchlist: createAction(deps, watchlistInput, h.setWatchlist),
      audiences: createAction(deps, audienceInput, h.setAudiences),
    };
  }

  async function snapshot() {
    const n = async (t: typeof diaryEntries | typeof reviews | typeof reviewRevisions) =>
      (await handle.db.select({ n: count() }).from(t))[0]!.n;
    return {
      entries: await handle.db.select().from(diaryEntries).orderBy(diaryEntries.id),
      reviews: await n(reviews),
      revisions: await n(reviewRevisions),
      watchlist: await handle.db
        .select()
        .from(watchlistEntries)
        .orderBy(watchlistEntries.userId, watchlistEntries.filmId),
      users: await handle.db.select().from(users).orderBy(users.id),
    };
  }

  const entriesOf = (userId: string) =>
    handle.db
      .select()
      .from(diaryEntries)
      .where(eq(diaryEntries.userId, userId))
      .orderBy(diaryEntries.id);

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
    filmIds = (await handle.db.select({ id: films.id }).from(films).orderBy(films.id).limit(8)).map(
      (f) => f.id,
    );
    expect(filmIds.length).toBe(8);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("logs a film several times; a rating with a log is the one review's rating, and the aggregates follow exactly", async () => {
    const me = await makeUser();
    const act = actionsAs(me.id);
    const filmId = filmIds[0]!;

    const first = await act.log(null, {
      filmId: String(filmId),
      watchedOn: "2025-10-12",
      rating: "3.5",
      tags: " cinema , Korean,korean ",
    });
    expect(first).toMatchObject({ ok: true, message: "Logged in your diary." });
    const [review] = await handle.db.select().from(reviews).where(eq(reviews.userId, me.id));
    expect(review).toMatchObject({ filmId, rating: 7, body: null, watchedOn: "2025-10-12" });
    expect(await getRatingStats(handle.db, { filmId })).toEqual(
      await recountRatingStats(handle.db, { filmId }),
    );

    // a second log without a rating links the same review; a third with one changes its rating
    expect(
      await act.log(null, { filmId: String(filmId), watchedOn: "2025-11-01", rewatch: "on" }),
    ).toMatchObject({ ok: true });
    expect(
      await act.log(null, {
        filmId: String(filmId),
        watchedOn: "2025-11-20",
        rewatch: "on",
        rating: "4.5",
        body: "Better the third time.\r\nReally.",
        containsSpoilers: "on",
      }),
    ).toMatchObject({ ok: true });

    const mine = await handle.db.select().from(reviews).where(eq(reviews.userId, me.id));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      rating: 9,
      body: "Better the third time.\nReally.",
      containsSpoilers: true,
    });
    const revisions = await handle.db
      .select()
      .from(reviewRevisions)
      .where(eq(reviewRevisions.reviewId, mine[0]!.id));
    expect(revisions).toMatchObject([{ rating: 7, body: null }]);
    expect(await getRatingStats(handle.db, { filmId })).toEqual(
      await recountRatingStats(handle.db, { filmId }),
    );

    const entries = await entriesOf(me.id);
    expect(entries).toMatchObject([
      { watchedOn: "2025-10-12", rating: 7, rewatch: false, tags: ["cinema", "Korean"] },
      { watchedOn: "2025-11-01", rating: null, rewatch: true, tags: [] },
      { watchedOn: "2025-11-20", rating: 9, rewatch: true },
    ]);
    expect(entries.every((e) => e.reviewId === mine[0]!.id)).toBe(true);

    expect(await getReaderDiaryState(handle.db, { userId: me.id, filmId })).toEqual({
      timesWatched: 3,
      lastWatchedOn: "2025-11-20",
      onWatchlist: false,
    });
    // the review changed: the film's pages and the profile are refreshed
    expect(act.invalidated.at(-1)).toEqual(
      expect.arrayContaining([`diary:${me.handle.toLowerCase()}`, `review:${mine[0]!.id}`]),
    );
    // the log without a rating left the review alone: only the diary is refreshed
    expect(act.invalidated[1]).toEqual([`diary:${me.handle.toLowerCase()}`]);
  });

  it("links an existing review rather than writing another, and a deleted review is never touched by deleting a log", async () => {
    const me = await makeUser();
    const filmId = filmIds[1]!;
    const [existing] = await handle.db
      .insert(reviews)
      .values({ filmId, userId: me.id, rating: 8, body: "Already reviewed." })
      .returning();
    const act = actionsAs(me.id);
    expect(await act.log(null, { filmId: String(filmId), watchedOn: "2024-01-05" })).toMatchObject({
      ok: true,
    });
    const [entry] = await entriesOf(me.id);
    expect(entry).toMatchObject({ reviewId: existing!.id, rating: null });
    const rows = await handle.db.select().from(reviews).where(eq(reviews.userId, me.id));
    expect(rows).toEqual([existing]);

    // text without a rating keeps the review's rating
    expect(
      await act.log(null, { filmId: String(filmId), watchedOn: "2024-02-05", body: "Rewritten." }),
    ).toMatchObject({ ok: true });
    const [after] = await handle.db.select().from(reviews).where(eq(reviews.userId, me.id));
    expect(after).toMatchObject({ id: existing!.id, rating: 8, body: "Rewritten." });

    expect(await act.remove(null, { entryId: String(entry!.id) })).toMatchObject({ ok: true });
    expect(await entriesOf(me.id)).toHaveLength(1);
    const [kept] = await handle.db.select().from(reviews).where(eq(reviews.id, existing!.id));
    expect(kept).toMatchObject({ deletedAt: null, body: "Rewritten." });

    // text with no rating and no review: refused, nothing written
    const other = await makeUser();
    const before = await snapshot();
    expect(
      await actionsAs(other.id).log(null, { filmId: String(filmId), body: "No stars?" }),
    ).toMatchObject({ ok: false, fieldErrors: { rating: "Give a rating with your review." } });
    expect(await snapshot()).toEqual(before);
  });

  it("validates dates and tags, stores tags exactly, and writes nothing for bad input", async () => {
    const me = await makeUser();
    const act = actionsAs(me.id);
    const filmId = String(filmIds[2]!);
    expect(
      await act.log(null, {
        filmId,
        tags: ["  발레리나 ", "Night 🌙", "NIGHT 🌙", "x".repeat(50)],
      }),
    ).toMatchObject({ ok: true });
    const [entry] = await entriesOf(me.id);
    expect(entry).toMatchObject({
      watchedOn: todayUtc(),
      tags: ["발레리나", "Night 🌙", "x".repeat(50)],
    });

    const before = await snapshot();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ tags: "x".repeat(51) }, "tags", /50 characters/],
      [{ tags: Array.from({ length: 21 }, (_, i) => `tag${i}`) }, "tags", /at most 20 tags/],
      [{ watchedOn: "2999-01-01" }, "watchedOn", /future/],
      [{ watchedOn: "1887-12-31" }, "watchedOn", /1888/],
      [{ watchedOn: "2023-02-31" }, "watchedOn", /real date/],
      [{ watchedOn: "12/10/2025" }, "watchedOn", /YYYY-MM-DD/],
      [{ rating: "3.7" }, "rating", /half stars/],
      [{ rating: "0" }, "rating", /0\.5 to 5/],
      [{ body: "x".repeat(10_001), rating: "3" }, "body", /10,000/],
    ];
    for (const [fields, field, message] of cases) {
      const result = await act.log(null, { filmId, ...fields });
      expect(result.ok, JSON.stringify(fields).slice(0, 80)).toBe(false);
      if (!result.ok) expect(result.fieldErrors[field]).toMatch(message);
    }
    expect(await act.log(null, { filmId: "999999" })).toMatchObject({
      ok: false,
      error: "That film does not exist.",
    });
    // 21 tags that are 20 once duplicates are dropped are fine
    const dup = [...Array.from({ length: 20 }, (_, i) => `t${i}`), "T0"];
    expect(await snapshot()).toEqual(before);
    expect(await act.log(null, { filmId, tags: dup })).toMatchObject({ ok: true });
    expect((await entriesOf(me.id)).at(-1)!.tags).toHaveLength(20);
  });

  it("adds to the watchlist idempotently, and logging the film takes it off", async () => {
    const me = await makeUser();
    const act = actionsAs(me.id);
    const filmId = String(filmIds[3]!);
    const onList = () =>
      handle.db.select().from(watchlistEntries).where(eq(watchlistEntries.userId, me.id));

    expect(await act.watchlist(null, { filmId, add: "true" })).toMatchObject({
      ok: true,
      data: { changed: true, onWatchlist: true },
    });
    expect(await act.watchlist(null, { filmId, add: "true" })).toMatchObject({
      ok: true,
      data: { changed: false },
    });
    expect(await onList()).toHaveLength(1);
    expect(act.invalidated).toEqual([[`watchlist:${me.handle.toLowerCase()}`], []]);
    expect(
      (await getReaderDiaryState(handle.db, { userId: me.id, filmId: Number(filmId) })).onWatchlist,
    ).toBe(true);

    expect(await act.log(null, { filmId })).toMatchObject({
      ok: true,
      data: { leftWatchlist: true },
    });
    expect(await onList()).toHaveLength(0);
    expect(act.invalidated.at(-1)).toContain(`watchlist:${me.handle.toLowerCase()}`);

    await act.watchlist(null, { filmId, add: "true" });
    expect(await act.watchlist(null, { filmId, add: "false" })).toMatchObject({
      data: { changed: true, onWatchlist: false },
    });
    expect(await act.watchlist(null, { filmId, add: "false" })).toMatchObject({
      ok: true,
      data: { changed: false },
    });
    expect(await onList()).toHaveLength(0);
  });

  it("pages through the diary, the films watched and the watchlist, every item exactly once", async () => {
    const me = await makeUser();
    // ties on the date and on the time added are what keyset cursors get wrong
    const dates = ["2025-03-01", "2025-03-01", "2025-03-01", "2024-12-31", "2024-06-15"];
    const rows = filmIds.flatMap((filmId, i) =>
      dates.map((watchedOn, j) => ({
        userId: me.id,
        filmId,
        watchedOn: (i + j) % 7 === 0 ? null : watchedOn,
        rating: ((i + j) % 10) + 1,
      })),
    );
    await handle.db.insert(diaryEntries).values(rows);
    const dated = rows.filter((r) => r.watchedOn).length;

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await listDiary(handle.db, {
        userId: me.id,
        cursor: decodeCursor(cursor),
        limit: 4,
      });
      seen.push(...page.entries.map((e) => e.id));
      for (let k = 1; k < page.entries.length; k++)
        expect(page.entries[k - 1]!.watchedOn >= page.entries[k]!.watchedOn).toBe(true);
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(dated);
    expect(new Set(seen).size).toBe(dated);

    const watched: string[] = [];
    cursor = null;
    do {
      const page = await listFilmsWatched(handle.db, {
        userId: me.id,
        cursor: decodeCursor(cursor),
        limit: 3,
      });
      watched.push(...page.films.map((f) => f.film.slug));
      for (const f of page.films) expect(f.timesWatched).toBe(dates.length);
      cursor = page.next;
    } while (cursor);
    expect(watched).toHaveLength(filmIds.length);
    expect(new Set(watched).size).toBe(filmIds.length);
    // undated logs count as watched, date unknown
    const all = await listFilmsWatched(handle.db, { userId: me.id, cursor: null, limit: 100 });
    expect(all.films.every((f) => f.lastWatchedOn === "2025-03-01")).toBe(true);

    const at = new Date("2025-05-05T10:00:00.123456Z");
    await handle.db
      .insert(watchlistEntries)
      .values(
        filmIds.map((filmId, i) => ({ userId: me.id, filmId, addedAt: i < 5 ? at : new Date() })),
      );
    const listed: string[] = [];
    cursor = null;
    do {
      const page = await listWatchlist(handle.db, {
        userId: me.id,
        cursor: decodeCursor(cursor),
        limit: 2,
      });
      listed.push(...page.items.map((i) => i.film.slug));
      cursor = page.next;
    } while (cursor);
    expect(listed).toHaveLength(filmIds.length);
    expect(new Set(listed).size).toBe(filmIds.length);

    // a cursor forged into nonsense reads as the first page instead of failing
    for (const bad of [
      "garbage",
      Buffer.from('{"v":"2025-99-99 00:00:00+00","id":1}').toString("base64url"),
    ]) {
      const first = { userId: me.id, cursor: null, limit: 2 };
      expect(await listWatchlist(handle.db, { ...first, cursor: decodeCursor(bad) })).toEqual(
        await listWatchlist(handle.db, first),
      );
      expect(await listDiary(handle.db, { ...first, cursor: decodeCursor(bad) })).toEqual(
        await listDiary(handle.db, first),
      );
    }

    // films per year: the same film watched three times in 2025 counts once there
    const filmsIn = (y: string) =>
      new Set(rows.filter((r) => r.watchedOn?.startsWith(y)).map((r) => r.filmId)).size;
    expect(await countLogsByYear(handle.db, { userId: me.id })).toEqual([
      { year: 2025, count: filmsIn("2025") },
      { year: 2024, count: filmsIn("2024") },
    ]);
    expect(filmsIn("2025")).toBeLessThan(
      rows.filter((r) => r.watchedOn?.startsWith("2025")).length,
    );
  });

  it("counts the films watched each year, a rewatch once, a film watched in two years in each", async () => {
    const me = await makeUser();
    const [a, b, c] = filmIds as [number, number, number];
    await handle.db.insert(diaryEntries).values([
      { userId: me.id, filmId: a, watchedOn: "2024-02-01" },
      { userId: me.id, filmId: a, watchedOn: "2024-11-30", rewatch: true },
      { userId: me.id, filmId: a, watchedOn: "2023-12-31" },
      { userId: me.id, filmId: b, watchedOn: "2024-05-05" },
      { userId: me.id, filmId: b, watchedOn: "2024-05-05", rewatch: true },
      { userId: me.id, filmId: c, watchedOn: "2023-01-01" },
      // watched, date unknown: in no year
      { userId: me.id, filmId: c, watchedOn: null },
    ]);
    expect(await countLogsByYear(handle.db, { userId: me.id })).toEqual([
      { year: 2024, count: 2 },
      { year: 2023, count: 2 },
    ]);
  });

  it("shows a diary and a watchlist only to whom their owner chose: follower, stranger, anonymous, blocked", async () => {
    const owner = await makeUser();
    const follower = await makeUser();
    const stranger = await makeUser();
    const blocked = await makeUser();
    await handle.db.insert(follows).values([
      { followerId: follower.id, followeeId: owner.id },
      { followerId: blocked.id, followeeId: owner.id },
    ]);
    await handle.db.insert(blocks).values({ blockerId: owner.id, blockedId: blocked.id });
    const act = actionsAs(owner.id);
    await act.log(null, { filmId: String(filmIds[4]!), watchedOn: "2025-01-02", tags: "secret" });
    await act.watchlist(null, { filmId: String(filmIds[5]!), add: "true" });

    const sees = async (viewerId: string | null) => {
      const args = { handle: owner.handle, viewerId, cursor: null };
      const [diary, films, list, years] = await Promise.all([
        readDiary(handle.db, args),
        readFilmsWatched(handle.db, args),
        readWatchlist(handle.db, args),
        readLogsByYear(handle.db, { handle: owner.handle, viewerId }),
      ]);
      // whatever is refused carries no data at all
      for (const r of [diary, films, list, years]) if (!r!.visible) expect(r!.data).toBeNull();
      return {
        diary: diary!.visible ? diary!.data.entries.length : "hidden",
        films: films!.visible ? films!.data.films.length : "hidden",
        watchlist: list!.visible ? list!.data.items.length : "hidden",
        years: years!.visible ? years!.data.length : "hidden",
      };
    };
    const all = { diary: 1, films: 1, watchlist: 1, years: 1 };
    const none = { diary: "hidden", films: "hidden", watchlist: "hidden", years: "hidden" };

    expect(await sees(null)).toEqual(all);
    expect(await sees(stranger.id)).toEqual(all);
    expect(await sees(blocked.id)).toEqual(none);

    expect(
      await act.audiences(null, {
        diaryAudience: "followers",
        watchlistAudience: "followers",
        listsAudience: "everyone",
      }),
    ).toMatchObject({ ok: true });
    const h = owner.handle.toLowerCase();
    expect(act.invalidated.at(-1)).toEqual([`diary:${h}`, `watchlist:${h}`]);
    expect(await sees(owner.id)).toEqual(all);
    expect(await sees(follower.id)).toEqual(all);
    expect(await sees(stranger.id)).toEqual(none);
    expect(await sees(null)).toEqual(none);
    expect(await sees(blocked.id)).toEqual(none);

    await act.audiences(null, {
      diaryAudience: "only_me",
      watchlistAudience: "everyone",
      listsAudience: "only_me",
    });
    expect(act.invalidated.at(-1)).toEqual([`diary:${h}`, `watchlist:${h}`, `user:${h}`]);
    expect(await sees(owner.id)).toEqual(all);
    expect(await sees(follower.id)).toEqual({ ...none, watchlist: 1 });
    expect(await sees(null)).toEqual({ ...none, watchlist: 1 });

    // what the JSON routes answer to a forged request: 403, and nothing of the diary in the body
    const film = (await handle.db.select().from(films).where(eq(films.id, filmIds[4]!)))[0]!;
    for (const viewerId of [null, stranger.id, follower.id, blocked.id]) {
      const args = { handle: owner.handle, viewerId, cursor: null };
      for (const answer of [
        partResponse(await readDiary(handle.db, args)),
        partResponse(await readFilmsWatched(handle.db, args)),
      ]) {
        expect(answer.status).toBe(403);
        expect(answer.body).toEqual({
          visible: false,
          owner: { handle: owner.handle, name: owner.name },
          audience: "only_me",
        });
        expect(JSON.stringify(answer.body)).not.toContain(film.slug);
      }
    }
    const own = partResponse(
      await readDiary(handle.db, { handle: owner.handle, viewerId: owner.id, cursor: null }),
    );
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).toContain(film.slug);
    expect(
      partResponse(
        await readDiary(handle.db, { handle: "nobody_here", viewerId: null, cursor: null }),
      ).status,
    ).toBe(404);

    // settings: only for oneself, only the three choices
    const before = await snapshot();
    expect(
      await actionsAs(null).audiences(null, {
        diaryAudience: "everyone",
        watchlistAudience: "everyone",
        listsAudience: "everyone",
      }),
    ).toMatchObject({ ok: false, error: "Sign in to do that." });
    const refused = await act.audiences(null, {
      diaryAudience: "nobody",
      watchlistAudience: "everyone",
      listsAudience: "everyone",
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.fieldErrors.diaryAudience).toMatch(/Only me/);
    expect(await snapshot()).toEqual(before);
    expect(
      await readDiary(handle.db, { handle: "no_such_user", viewerId: null, cursor: null }),
    ).toBeNull();
  });

  it("refuses to edit or delete someone else's log, or to log for nobody, writing nothing", async () => {
    const owner = await makeUser();
    const intruder = await makeUser();
    await actionsAs(owner.id).log(null, {
      filmId: String(filmIds[6]!),
      watchedOn: "2025-02-02",
      rating: "4",
    });
    const [entry] = await entriesOf(owner.id);
    const id = String(entry!.id);
    const before = await snapshot();

    const theirs = actionsAs(intruder.id);
    for (const result of [
      await theirs.edit(null, { entryId: id, watchedOn: "2025-02-03", rating: "1" }),
      await theirs.remove(null, { entryId: id }),
    ])
      expect(result).toMatchObject({
        ok: false,
        error: "That diary entry is not yours or no longer exists.",
      });
    const nobody = actionsAs(null);
    for (const result of [
      await nobody.log(null, { filmId: String(filmIds[6]!) }),
      await nobody.edit(null, { entryId: id, watchedOn: "2025-02-03" }),
      await nobody.remove(null, { entryId: id }),
      await nobody.watchlist(null, { filmId: String(filmIds[6]!), add: "true" }),
    ])
      expect(result).toMatchObject({ ok: false, error: "Sign in to do that." });
    expect(await snapshot()).toEqual(before);
  });

  it("edits one's own log; a new rating on the latest log becomes the review's rating", async () => {
    const me = await makeUser();
    const act = actionsAs(me.id);
    const filmId = filmIds[7]!;
    await act.log(null, { filmId: String(filmId), watchedOn: "2025-01-01", rating: "2" });
    await act.log(null, { filmId: String(filmId), watchedOn: "2025-03-01" });
    const [older, latest] = await entriesOf(me.id);

    // the older log's rating is its own; the current rating stays
    expect(
      await act.edit(null, { entryId: String(older!.id), watchedOn: "2025-01-02", rating: "1" }),
    ).toMatchObject({ ok: true, data: { reviewChanged: false } });
    expect(
      await act.edit(null, {
        entryId: String(latest!.id),
        watchedOn: "2025-03-01",
        rating: "5",
        rewatch: "on",
        tags: "again",
      }),
    ).toMatchObject({ ok: true, data: { reviewChanged: true } });
    expect(await entriesOf(me.id)).toMatchObject([
      { watchedOn: "2025-01-02", rating: 2 * 1 },
      { watchedOn: "2025-03-01", rating: 10, rewatch: true, tags: ["again"] },
    ]);
    const mine = await handle.db
      .select()
      .from(reviews)
      .where(inArray(reviews.userId, [me.id]));
    expect(mine).toMatchObject([{ rating: 10 }]);
    expect(await getRatingStats(handle.db, { filmId })).toEqual(
      await recountRatingStats(handle.db, { filmId }),
    );
  });
  it("reads one's own entry for editing; someone else's or a missing one reads as nothing", async () => {
    const owner = await makeUser();
    const other = await makeUser();
    await actionsAs(owner.id).log(null, {
      filmId: String(filmIds[5]!),
      watchedOn: "2024-12-24",
      rating: "3.5",
      rewatch: "on",
      tags: "Xmas, 가족",
    });
    const [entry] = await entriesOf(owner.id);
    const [film] = await handle.db
      .select({ slug: films.slug, title: films.title, year: films.year })
      .from(films)
      .where(eq(films.id, filmIds[5]!));
    expect(await getOwnDiaryEntry(handle.db, { userId: owner.id, entryId: entry!.id })).toEqual({
      id: entry!.id,
      watchedOn: "2024-12-24",
      rating: 7,
      rewatch: true,
      tags: ["Xmas", "가족"],
      film,
    });
    expect(await getOwnDiaryEntry(handle.db, { userId: other.id, entryId: entry!.id })).toBeNull();
    for (const entryId of [entry!.id + 100_000, 0, -1, 2 ** 31, 1.5])
      expect(await getOwnDiaryEntry(handle.db, { userId: owner.id, entryId })).toBeNull();
  });
});
