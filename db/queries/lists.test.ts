import { and, asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getUserLists } from "../../app/api/u/[handle]/lists/route";
import { createAction } from "../../lib/action";
import {
  listCreateInput,
  listEditInput,
  listIdInput,
  listItemInput,
  listItemRemoveInput,
  listLikeInput,
  listNoteInput,
  listReorderInput,
} from "../../lib/validation";
import { listHandlers } from "../actions";
import type * as DbIndex from "../index";
import type { DatabaseHandle } from "../index";
import {
  blocks,
  films,
  follows,
  listItems,
  listLikes,
  lists,
  notifications,
  users,
} from "../schema";
import { seedDemo } from "../seed/index";
import { createTestDatabase, testEngines } from "../testing";
import {
  getListBySlug,
  getReaderListState,
  listListItems,
  listUserLists,
  mayViewList,
  STALE_LIST_MESSAGE,
} from "./lists";
import { getActor, type Actor } from "./users";
import { partResponse } from "./diary";
import { readWatchlist, setOnWatchlist } from "./watchlist";

// the lists index route, as a forged request would reach it: whoever the session says, this database
const route = vi.hoisted(() => {
  const state: { viewerId: string | null; db: unknown } = { viewerId: null, db: null };
  return state;
});
vi.mock("@/auth", () => ({
  auth: () => Promise.resolve(route.viewerId ? { user: { id: route.viewerId } } : null),
}));
vi.mock("@/db/index", async (original) => ({
  ...(await original<typeof DbIndex>()),
  getDb: () => Promise.resolve(route.db),
}));

let seq = 0;

describe.each(testEngines())("lists on %s", (engine) => {
  let handle: DatabaseHandle;
  let filmSlugs: string[];
  const filmIdOf = new Map<string, number>();

  async function makeUser(audience: "everyone" | "followers" | "only_me" = "everyone") {
    const n = ++seq;
    const [row] = await handle.db
      .insert(users)
      .values({
        name: `Lister ${n}`,
        handle: `lister_${engine}_${n}`,
        email: `lister${n}@${engine}.example`,
        listsAudience: audience,
      })
      .returning({ id: users.id });
    return (await getActor(handle.db, { userId: row!.id }))!;
  }

  /** Server actions as the app runs them, with the session forged to be `userId` (or nobody). */
  function as(user: Actor | null) {
    const deps = {
      sessionUserId: () => Promise.resolve(user?.id ?? null),
      resolveActor: (id: string) => getActor(handle.db, { userId: id }),
      invalidate: () => {},
    };
    const h = listHandlers(() => Promise.resolve(handle.db));
    return {
      create: createAction(deps, listCreateInput, h.create),
      edit: createAction(deps, listEditInput, h.edit),
      remove: createAction(deps, listIdInput, h.remove),
      add: createAction(deps, listItemInput, h.addFilm),
      removeFilm: createAction(deps, listItemRemoveInput, h.removeFilm),
      note: createAction(deps, listNoteInput, h.setNote),
      reorder: createAction(deps, listReorderInput, h.reorder),
      like: createAction(deps, listLikeInput, h.like),
    };
  }

  async function listRow(id: number) {
    const [row] = await handle.db.select().from(lists).where(eq(lists.id, id));
    return row!;
  }
  async function order(listId: number) {
    return handle.db
      .select({ filmId: listItems.filmId, position: listItems.position, note: listItems.note })
      .from(listItems)
      .where(eq(listItems.listId, listId))
      .orderBy(asc(listItems.position));
  }

  /** A list of `n` films (the first n of the catalogue), made through the actions. */
  async function makeList(owner: Actor, n: number, fields: Record<string, unknown> = {}) {
    const created = await as(owner).create(null, { name: `List ${++seq}`, ...fields });
    if (!created.ok) throw new Error(created.error);
    for (const slug of filmSlugs.slice(0, n)) {
      const r = await as(owner).add(null, { listId: created.data.listId, filmSlug: slug });
      if (!r.ok) throw new Error(r.error);
    }
    return created.data;
  }

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
    const rows = await handle.db
      .select({ id: films.id, slug: films.slug })
      .from(films)
      .orderBy(asc(films.id))
      .limit(12);
    filmSlugs = rows.map((r) => r.slug);
    for (const r of rows) filmIdOf.set(r.slug, r.id);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("creates lists with unique slugs that stay when renamed, edits and soft-deletes them", async () => {
    const owner = await makeUser();
    const a = await as(owner).create(null, {
      name: "Best of Oslo — 2023!",
      description: "Line one\r\nline <b>two</b>",
      ranked: "on",
    });
    expect(a).toMatchObject({ ok: true, data: { slug: "best-of-oslo-2023" } });
    if (!a.ok) return;
    const row = await listRow(a.data.listId);
    expect(row).toMatchObject({
      name: "Best of Oslo — 2023!",
      description: "Line one\nline <b>two</b>",
      ranked: true,
      isPrivate: false,
      itemsCount: 0,
      version: 1,
    });

    const b = await as(owner).create(null, { name: "best of OSLO 2023" });
    expect(b).toMatchObject({ ok: true, data: { slug: "best-of-oslo-2023-2" } });
    if (!b.ok) return;

    // renamed: the address stays, so a shared link keeps working
    const renamed = await as(owner).edit(null, {
      listId: a.data.listId,
      name: "Something else",
      description: "",
      isPrivate: "on",
    });
    expect(renamed).toMatchObject({ ok: true, data: { slug: "best-of-oslo-2023" } });
    expect(await listRow(a.data.listId)).toMatchObject({
      slug: "best-of-oslo-2023",
      name: "Something else",
      description: null,
      ranked: false,
      isPrivate: true,
      version: 2,
    });
    // the old name is not free again: its address belongs to the renamed list
    const c = await as(owner).create(null, { name: "Best of Oslo 2023" });
    expect(c).toMatchObject({ ok: true, data: { slug: "best-of-oslo-2023-3" } });
    // another user may use the same slug
    const other = await makeUser();
    expect(await as(other).create(null, { name: "Best of Oslo 2023" })).toMatchObject({
      ok: true,
      data: { slug: "best-of-oslo-2023" },
    });

    // bad input writes nothing
    const before = (await handle.db.select({ n: count() }).from(lists))[0]!.n;
    expect(await as(owner).create(null, { name: "   " })).toMatchObject({
      ok: false,
      fieldErrors: { name: "Give the list a name." },
    });
    expect(await as(owner).create(null, { name: "x".repeat(101) })).toMatchObject({
      ok: false,
      fieldErrors: { name: "Keep the name to 100 characters." },
    });
    expect(
      await as(owner).create(null, { name: "ok", description: "d".repeat(5001) }),
    ).toMatchObject({ ok: false, fieldErrors: { description: expect.any(String) as string } });
    expect(await as(null).create(null, { name: "Anon" })).toMatchObject({
      ok: false,
      error: "Sign in to do that.",
    });
    expect((await handle.db.select({ n: count() }).from(lists))[0]!.n).toBe(before);

    // only the owner edits or deletes; someone else's private list is not there at all
    expect(await as(other).edit(null, { listId: b.data.listId, name: "Mine now" })).toMatchObject({
      ok: false,
      error: "You can only change your own lists.",
    });
    expect(await as(other).remove(null, { listId: a.data.listId })).toMatchObject({
      ok: false,
      error: "That list does not exist.",
    });
    expect((await listRow(b.data.listId)).name).toBe("best of OSLO 2023");

    // deleted: kept, shown nowhere
    expect(await as(owner).remove(null, { listId: b.data.listId })).toMatchObject({ ok: true });
    expect((await listRow(b.data.listId)).deletedAt).not.toBeNull();
    expect(
      await getListBySlug(handle.db, { handle: owner.handle, slug: "best-of-oslo-2023-2" }),
    ).toBeNull();
    const shown = await listUserLists(handle.db, {
      ownerId: owner.id,
      privacy: "include",
      cursor: null,
      limit: 10,
    });
    expect(shown.lists.map((l) => l.slug).sort()).toEqual([
      "best-of-oslo-2023",
      "best-of-oslo-2023-3",
    ]);
    expect(
      await as(owner).add(null, { listId: b.data.listId, filmSlug: filmSlugs[0] }),
    ).toMatchObject({ ok: false, error: "That list does not exist." });
  });

  it("adds films at the end, refuses a film twice, keeps positions dense and counts exact", async () => {
    const owner = await makeUser();
    const list = await makeList(owner, 4);
    const [f1, f2, f3, f4] = filmSlugs.map((s) => filmIdOf.get(s)!);
    expect(await order(list.listId)).toEqual([
      { filmId: f1, position: 1, note: null },
      { filmId: f2, position: 2, note: null },
      { filmId: f3, position: 3, note: null },
      { filmId: f4, position: 4, note: null },
    ]);
    const [title] = await handle.db
      .select({ title: films.title })
      .from(films)
      .where(eq(films.id, f2!));
    const again = await as(owner).add(null, { listId: list.listId, filmSlug: filmSlugs[1] });
    expect(again).toMatchObject({ ok: false, error: `${title!.title} is already on this list.` });
    expect(
      await as(owner).add(null, { listId: list.listId, filmSlug: "no-such-film" }),
    ).toMatchObject({ ok: false, error: "That film does not exist." });
    expect((await listRow(list.listId)).itemsCount).toBe(4);

    expect(await as(owner).removeFilm(null, { listId: list.listId, filmId: f2 })).toMatchObject({
      ok: true,
    });
    expect(await order(list.listId)).toEqual([
      { filmId: f1, position: 1, note: null },
      { filmId: f3, position: 2, note: null },
      { filmId: f4, position: 3, note: null },
    ]);
    expect(await as(owner).removeFilm(null, { listId: list.listId, filmId: f2 })).toMatchObject({
      ok: false,
      error: "That film is not on this list.",
    });
    await as(owner).add(null, { listId: list.listId, filmSlug: filmSlugs[1] });
    expect((await order(list.listId)).map((r) => [r.filmId, r.position])).toEqual([
      [f1, 1],
      [f3, 2],
      [f4, 3],
      [f2, 4],
    ]);

    // notes: stored exactly, cleared when blank, at most 1,000 characters
    const note = "Watch it at night.\r\n<i>Really</i> 🌙";
    expect(await as(owner).note(null, { listId: list.listId, filmId: f3, note })).toMatchObject({
      ok: true,
    });
    expect((await order(list.listId))[1]!.note).toBe("Watch it at night.\n<i>Really</i> 🌙");
    expect(
      await as(owner).note(null, { listId: list.listId, filmId: f3, note: "n".repeat(1001) }),
    ).toMatchObject({ ok: false, fieldErrors: { note: "Keep the note to 1,000 characters." } });
    expect((await order(list.listId))[1]!.note).toBe("Watch it at night.\n<i>Really</i> 🌙");
    const stranger = await makeUser();
    expect(
      await as(stranger).note(null, { listId: list.listId, filmId: f3, note: "mine" }),
    ).toMatchObject({ ok: false, error: "You can only change your own lists." });
    await as(owner).note(null, { listId: list.listId, filmId: f3, note: "  " });
    expect((await order(list.listId))[1]!.note).toBeNull();

    // every write bumped the version and kept the count exact
    const row = await listRow(list.listId);
    expect(row.itemsCount).toBe(4);
    // create, 4 adds, remove, add, 2 notes
    expect(row.version).toBe(1 + 4 + 1 + 1 + 2);

    // pages in order by position
    const first = await listListItems(handle.db, { listId: list.listId, after: 0, limit: 3 });
    expect(first.items.map((i) => i.position)).toEqual([1, 2, 3]);
    expect(first.next).toBe(3);
    const rest = await listListItems(handle.db, { listId: list.listId, after: 3, limit: 3 });
    expect(rest).toMatchObject({ items: [{ filmId: f2, position: 4 }], next: null });
  });

  it("reorders only from the current version and the exact set of films, writing nothing otherwise", async () => {
    const owner = await makeUser();
    const list = await makeList(owner, 4);
    const ids = filmSlugs.slice(0, 4).map((s) => filmIdOf.get(s)!);
    const { version } = await listRow(list.listId);
    const snapshot = async () => ({
      row: await listRow(list.listId),
      items: await order(list.listId),
    });
    const before = await snapshot();

    const stale = await as(owner).reorder(null, {
      listId: list.listId,
      version: version - 1,
      filmIds: [...ids].reverse().join(","),
    });
    expect(stale).toMatchObject({ ok: false, error: STALE_LIST_MESSAGE });
    const other = filmIdOf.get(filmSlugs[8]!)!;
    for (const wrong of [
      ids.slice(0, 3),
      [...ids, other],
      [ids[0], ids[0], ids[1], ids[2]],
      [ids[0], ids[1], ids[2], other],
    ]) {
      const r = await as(owner).reorder(null, { listId: list.listId, version, filmIds: wrong });
      expect(r).toMatchObject({
        ok: false,
        error: "The new order must hold each film of the list exactly once; reload and try again.",
      });
    }
    const stranger = await makeUser();
    expect(
      await as(stranger).reorder(null, { listId: list.listId, version, filmIds: ids }),
    ).toMatchObject({ ok: false, error: "You can only change your own lists." });
    expect(await snapshot()).toEqual(before);

    const next = [ids[2], ids[0], ids[3], ids[1]];
    const ok = await as(owner).reorder(null, { listId: list.listId, version, filmIds: next });
    expect(ok).toMatchObject({ ok: true, data: { version: version + 1 } });
    expect(await order(list.listId)).toEqual(
      next.map((filmId, i) => ({ filmId, position: i + 1, note: null })),
    );
    // the same order sent again from the old version is now stale
    expect(
      await as(owner).reorder(null, { listId: list.listId, version, filmIds: next }),
    ).toMatchObject({ ok: false, error: STALE_LIST_MESSAGE });
  });

  it("lets exactly one of ten concurrent reorders from the same version win", async () => {
    const owner = await makeUser();
    const list = await makeList(owner, 6);
    const ids = filmSlugs.slice(0, 6).map((s) => filmIdOf.get(s)!);
    const { version } = await listRow(list.listId);
    // ten different orders: each a rotation (or reversed rotation) of the films
    const orders = Array.from({ length: 10 }, (_, k) => {
      const rotated = [...ids.slice(k % 6), ...ids.slice(0, k % 6)];
      return k >= 6 ? rotated.reverse() : rotated;
    });
    const results = await Promise.all(
      orders.map((filmIds) => as(owner).reorder(null, { listId: list.listId, version, filmIds })),
    );
    const winners = results.flatMap((r, i) => (r.ok ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok))
      expect(r).toMatchObject({ ok: false, error: STALE_LIST_MESSAGE });
    const final = await order(list.listId);
    expect(final.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(final.map((r) => r.filmId)).toEqual(orders[winners[0]!]);
    expect(await listRow(list.listId)).toMatchObject({ version: version + 1, itemsCount: 6 });
  });

  it("counts likes exactly and tells the owner once, not for their own list, not when blocked", async () => {
    const owner = await makeUser();
    const fan = await makeUser();
    const list = await makeList(owner, 2);
    const notes = () =>
      handle.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, owner.id), eq(notifications.listId, list.listId)));

    expect(await as(fan).like(null, { listId: list.listId, liked: "true" })).toMatchObject({
      ok: true,
      data: { liked: true, likes: 1 },
    });
    // liking what is liked changes nothing
    expect(await as(fan).like(null, { listId: list.listId, liked: "true" })).toMatchObject({
      ok: true,
      data: { likes: 1 },
    });
    expect(await as(fan).like(null, { listId: list.listId, liked: "false" })).toMatchObject({
      ok: true,
      data: { liked: false, likes: 0 },
    });
    expect(await as(fan).like(null, { listId: list.listId, liked: "true" })).toMatchObject({
      ok: true,
      data: { likes: 1 },
    });
    expect(await getReaderListState(handle.db, { userId: fan.id, listId: list.listId })).toEqual({
      own: false,
      liked: true,
    });
    const written = await notes();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ kind: "list_liked", actorId: fan.id });

    expect(await as(owner).like(null, { listId: list.listId, liked: "true" })).toMatchObject({
      ok: false,
      error: "You cannot like your own list.",
    });
    expect(await as(null).like(null, { listId: list.listId, liked: "true" })).toMatchObject({
      ok: false,
      error: "Sign in to do that.",
    });

    const blocked = await makeUser();
    await handle.db.insert(blocks).values({ blockerId: owner.id, blockedId: blocked.id });
    expect(await as(blocked).like(null, { listId: list.listId, liked: "true" })).toMatchObject({
      ok: false,
      error: "You can't interact with this user's content.",
    });
    const blocker = await makeUser();
    await handle.db.insert(blocks).values({ blockerId: blocker.id, blockedId: owner.id });
    expect(await as(blocker).like(null, { listId: list.listId, liked: "true" })).toMatchObject({
      ok: false,
      error: "You can't interact with this user's content.",
    });
    expect(await notes()).toHaveLength(1);
    expect((await listRow(list.listId)).likesCount).toBe(1);
    const likeRows = await handle.db
      .select({ n: count() })
      .from(listLikes)
      .where(eq(listLikes.listId, list.listId));
    expect(likeRows[0]!.n).toBe(1);
  });

  it("shows a private list to its owner only, whatever is forged", async () => {
    const owner = await makeUser();
    const snoop = await makeUser();
    const list = await makeList(owner, 2, { isPrivate: "on", name: "Secret stuff" });
    const view = (await getListBySlug(handle.db, { handle: owner.handle, slug: list.slug }))!;
    expect(await mayViewList(handle.db, owner.id, view)).toBe(true);
    expect(await mayViewList(handle.db, snoop.id, view)).toBe(false);
    expect(await mayViewList(handle.db, null, view)).toBe(false);
    expect(await as(snoop).like(null, { listId: list.listId, liked: "true" })).toMatchObject({
      ok: false,
      error: "That list does not exist.",
    });
    expect(
      await as(snoop).add(null, { listId: list.listId, filmSlug: filmSlugs[5] }),
    ).toMatchObject({ ok: false, error: "That list does not exist." });
    const publicOnly = await listUserLists(handle.db, {
      ownerId: owner.id,
      privacy: "exclude",
      cursor: null,
      limit: 10,
    });
    expect(publicOnly.lists).toEqual([]);
    expect((await listRow(list.listId)).likesCount).toBe(0);
    expect((await order(list.listId)).length).toBe(2);
  });

  it("follows the owner's lists audience: followers see a followers-only list, others not", async () => {
    const owner = await makeUser("followers");
    const fan = await makeUser();
    const stranger = await makeUser();
    await handle.db.insert(follows).values({ followerId: fan.id, followeeId: owner.id });
    const list = await makeList(owner, 1);
    const view = (await getListBySlug(handle.db, { handle: owner.handle, slug: list.slug }))!;
    expect(await mayViewList(handle.db, fan.id, view)).toBe(true);
    expect(await mayViewList(handle.db, stranger.id, view)).toBe(false);
    expect(await mayViewList(handle.db, null, view)).toBe(false);
    expect(await as(stranger).like(null, { listId: list.listId, liked: "on" })).toMatchObject({
      ok: false,
      error: "That list does not exist.",
    });
    expect(await as(fan).like(null, { listId: list.listId, liked: "on" })).toMatchObject({
      ok: true,
      data: { likes: 1 },
    });
  });

  it("pages a user's lists newest changed first, with their first films", async () => {
    const owner = await makeUser();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await makeList(owner, i));
    // a change moves a list to the top
    await as(owner).add(null, { listId: made[0]!.listId, filmSlug: filmSlugs[9] });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listUserLists>> = await listUserLists(handle.db, {
        ownerId: owner.id,
        privacy: "exclude",
        cursor,
        limit: 2,
      });
      seen.push(...page.lists.map((l) => l.id));
      if (page.lists[0]?.id === made[4]!.listId) expect(page.lists[0].firstTitles).toHaveLength(4);
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual([made[0], made[4], made[3], made[2], made[1]].map((m) => m!.listId));
  });
  it("pages through lists changed within one millisecond, each once and in order", async () => {
    const owner = await makeUser();
    // three changed in one instant (as one transaction writes them), three only microseconds apart
    const moments = [
      "2025-05-05T10:00:00.123456Z",
      "2025-05-05T10:00:00.123456Z",
      "2025-05-05T10:00:00.123456Z",
      "2025-05-05T10:00:00.123789Z",
      "2025-05-05T10:00:00.123001Z",
      "2025-05-05T10:00:00.122999Z",
    ];
    const made: { id: number; at: string }[] = [];
    for (const at of moments) {
      const list = await makeList(owner, 0);
      await handle.db
        .update(lists)
        .set({ updatedAt: sql`${at}::timestamptz` })
        .where(eq(lists.id, list.listId));
      made.push({ id: list.listId, at });
    }
    const expected = [...made]
      .sort((x, y) => (x.at === y.at ? y.id - x.id : x.at < y.at ? 1 : -1))
      .map((l) => l.id);
    for (const privacy of ["exclude", "include"] as const) {
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const got: Awaited<ReturnType<typeof listUserLists>> = await listUserLists(handle.db, {
          ownerId: owner.id,
          privacy,
          cursor,
          limit: 2,
        });
        seen.push(...got.lists.map((l) => l.id));
        cursor = got.next;
        if (!cursor) break;
      }
      expect(seen).toEqual(expected);
    }
  });
  it("keeps lists and the watchlist set to only me from a follower and a stranger, whatever they forge", async () => {
    const owner = await makeUser("only_me");
    await handle.db
      .update(users)
      .set({ watchlistAudience: "only_me" })
      .where(eq(users.id, owner.id));
    const fan = await makeUser();
    const stranger = await makeUser();
    await handle.db.insert(follows).values({ followerId: fan.id, followeeId: owner.id });
    const list = await makeList(owner, 2, { name: "Only mine" });
    await setOnWatchlist(handle.db, owner, { filmId: filmIdOf.get(filmSlugs[3]!)!, add: true });

    const view = (await getListBySlug(handle.db, { handle: owner.handle, slug: list.slug }))!;
    expect(await mayViewList(handle.db, owner.id, view)).toBe(true);
    for (const reader of [fan.id, stranger.id, null])
      expect(await mayViewList(handle.db, reader, view)).toBe(false);
    expect(await as(fan).like(null, { listId: list.listId, liked: "on" })).toMatchObject({
      ok: false,
      error: "That list does not exist.",
    });

    // the JSON parts the profile fetches after load: 403 and not a word of the data
    route.db = handle.db;
    const lists = async (viewerId: string | null, query = "") => {
      route.viewerId = viewerId;
      const res = await getUserLists(
        new Request(`http://localhost/api/u/${owner.handle}/lists${query}`),
        { params: Promise.resolve({ handle: owner.handle }) },
      );
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const watchlist = async (viewerId: string | null) =>
      partResponse(
        await readWatchlist(handle.db, { handle: owner.handle, viewerId, cursor: null }),
      );
    for (const reader of [fan.id, stranger.id, null]) {
      for (const query of ["", "?private=only", "?cursor=eyJ2IjoxLCJpZCI6MX0"]) {
        const got = await lists(reader, query);
        expect(got).toEqual({ status: 403, body: { visible: false, audience: "Only me" } });
      }
      const hidden = await watchlist(reader);
      expect(hidden.status).toBe(403);
      expect(hidden.body).not.toHaveProperty("items");
      expect(JSON.stringify(hidden.body)).not.toContain(filmSlugs[3]);
    }
    const own = await lists(owner.id);
    expect(own.status).toBe(200);
    expect((own.body.lists as { id: number }[]).map((l) => l.id)).toEqual([list.listId]);
    const ownWatchlist = await watchlist(owner.id);
    expect(ownWatchlist.status).toBe(200);
    expect(JSON.stringify(ownWatchlist.body)).toContain(filmSlugs[3]);
  });
});
