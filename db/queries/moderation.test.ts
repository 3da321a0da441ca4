import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAction } from "../../lib/action";
import {
  commentInput,
  liftSanctionInput,
  lockCommentsInput,
  moderateInput,
  reportInput,
  reviewIdInput,
  reviewInput,
  roleInput,
  sanctionInput,
  thresholdInput,
} from "../../lib/validation";
import { moderationHandlers, reviewHandlers } from "../actions";
import type { DatabaseHandle } from "../index";
import {
  films,
  moderationLog,
  moderationStates,
  reports,
  reviewComments,
  reviews,
  sanctions,
  settings,
  users,
  type UserRole,
} from "../schema";
import { seedDemo } from "../seed/index";
import { createTestDatabase, testEngines } from "../testing";
import { listMyModeratedContent } from "./moderation/notices";
import { getRatingStats, getReaderFilmState, listFilmReviews, recountRatingStats } from "./reviews";
import { getActor } from "./users";

let seq = 0;
type Who = "anonymous" | "viewer" | "silenced" | "suspended" | "moderator" | "admin";
const EVERYONE: Who[] = ["anonymous", "viewer", "silenced", "suspended", "moderator", "admin"];

describe.each(testEngines())("moderation on %s", (engine) => {
  let handle: DatabaseHandle;
  let filmId: number;
  const ids = {} as Record<Exclude<Who, "anonymous">, string>;

  async function makeUser(role: UserRole = "viewer", daysOld = 30) {
    const n = ++seq;
    const [row] = await handle.db
      .insert(users)
      .values({
        name: `U${n}`,
        handle: `u_${engine}_${n}`,
        email: `u${n}@${engine}.example`,
        role,
        createdAt: sql`now() - make_interval(days => ${daysOld})`,
      })
      .returning({ id: users.id, handle: users.handle });
    return row!;
  }

  function as(userId: string | null) {
    const deps = {
      sessionUserId: () => Promise.resolve(userId),
      resolveActor: (id: string) => getActor(handle.db, { userId: id }),
      invalidate: () => {},
    };
    const m = moderationHandlers(() => Promise.resolve(handle.db));
    const r = reviewHandlers(() => Promise.resolve(handle.db));
    return {
      report: createAction(deps, reportInput, m.report),
      moderate: createAction(deps, moderateInput, m.moderate),
      lock: createAction(deps, lockCommentsInput, m.lockComments),
      sanction: createAction(deps, sanctionInput, m.sanction),
      lift: createAction(deps, liftSanctionInput, m.liftSanction),
      setRole: createAction(deps, roleInput, m.setRole),
      threshold: createAction(deps, thresholdInput, m.setThreshold),
      post: createAction(deps, reviewInput, r.postReview),
      like: createAction(deps, reviewIdInput, r.likeReview),
      comment: createAction(deps, commentInput, r.commentOnReview),
      remove: createAction(deps, reviewIdInput, r.deleteReview),
    };
  }
  const actorId = (who: Who) => (who === "anonymous" ? null : ids[who]);

  /** A fresh review (and a comment on it) by a fresh author. */
  async function content() {
    const author = await makeUser();
    const res = await as(author.id).post(null, {
      filmId: String(filmId),
      rating: "2",
      body: `Review ${++seq}`,
    });
    if (!res.ok) throw new Error(res.error);
    const reviewId = (res.data as { reviewId: number }).reviewId;
    const [c] = await handle.db
      .insert(reviewComments)
      .values({ reviewId, userId: author.id, body: "a comment" })
      .returning({ id: reviewComments.id });
    return { author, reviewId, commentId: c!.id };
  }

  async function snapshot() {
    const n = async (
      t: typeof reports | typeof moderationLog | typeof sanctions | typeof moderationStates,
    ) => (await handle.db.select({ n: count() }).from(t))[0]!.n;
    return {
      reports: await n(reports),
      log: await n(moderationLog),
      sanctions: await handle.db.select().from(sanctions).orderBy(sanctions.id),
      states: await handle.db
        .select()
        .from(moderationStates)
        .orderBy(moderationStates.targetType, moderationStates.targetId),
      roles: await handle.db
        .select({ id: users.id, role: users.role })
        .from(users)
        .orderBy(users.id),
      settings: await handle.db.select().from(settings),
      spoilers: await handle.db
        .select({ id: reviews.id, s: reviews.containsSpoilers })
        .from(reviews)
        .orderBy(reviews.id),
    };
  }

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await seedDemo(handle.db);
    const [f] = await handle.db
      .select({ id: films.id })
      .from(films)
      .where(eq(films.slug, "ballerina-2023"));
    filmId = f!.id;
    ids.viewer = (await makeUser()).id;
    ids.silenced = (await makeUser()).id;
    ids.suspended = (await makeUser()).id;
    ids.moderator = (await makeUser("moderator")).id;
    ids.admin = (await makeUser("admin")).id;
    await handle.db.insert(sanctions).values([
      {
        userId: ids.silenced,
        kind: "silence",
        reason: "spam",
        endsAt: sql`now() + interval '1 day'`,
      },
      {
        userId: ids.suspended,
        kind: "suspend",
        reason: "harassment",
        endsAt: sql`now() + interval '1 day'`,
      },
    ]);
  });
  afterAll(async () => {
    await handle?.close();
  });

  type Cell = { name: string; allowed: Who[]; run: (who: Who) => Promise<{ ok: boolean }> };
  const cells: Cell[] = [
    {
      name: "report a review",
      allowed: ["viewer", "moderator", "admin"],
      run: async (who) => {
        const c = await content();
        return as(actorId(who)).report(null, {
          targetType: "review",
          targetId: String(c.reviewId),
          reason: "spam",
        });
      },
    },
    ...(["hide", "remove", "restore", "dismiss", "spoiler"] as const).map((action) => ({
      name: `${action} a review`,
      allowed: ["moderator", "admin"] as Who[],
      run: async (who: Who) => {
        const c = await content();
        await as((await makeUser()).id).report(null, {
          targetType: "review",
          targetId: String(c.reviewId),
          reason: "spoiler",
        });

        return as(actorId(who)).moderate(null, {
          items: `review:${c.reviewId}`,
          action,
          reason: "spoiler",
        });
      },
    })),
    {
      name: "remove a comment",
      allowed: ["moderator", "admin"],
      run: async (who) => {
        const c = await content();
        return as(actorId(who)).moderate(null, {
          items: `comment:${c.commentId}`,
          action: "remove",
          reason: "harassment",
        });
      },
    },
    {
      name: "lock comments",
      allowed: ["moderator", "admin"],
      run: async (who) => {
        const c = await content();
        return as(actorId(who)).lock(null, {
          reviewId: String(c.reviewId),
          locked: "true",
          reason: "off_topic",
        });
      },
    },
    {
      name: "silence a viewer",
      allowed: ["moderator", "admin"],
      run: async (who) => {
        const u = await makeUser();
        return as(actorId(who)).sanction(null, {
          handle: u.handle,
          kind: "silence",
          hours: "24",
          reason: "spam",
        });
      },
    },
    {
      name: "lift a sanction",
      allowed: ["moderator", "admin"],
      run: async (who) => {
        const u = await makeUser();
        const [s] = await handle.db
          .insert(sanctions)
          .values({ userId: u.id, kind: "warn", reason: "spam" })
          .returning({ id: sanctions.id });
        return as(actorId(who)).lift(null, { sanctionId: String(s!.id), reason: "appeal upheld" });
      },
    },
    {
      name: "make someone a moderator",
      allowed: ["admin"],
      run: async (who) => {
        const u = await makeUser();
        return as(actorId(who)).setRole(null, {
          handle: u.handle,
          role: "moderator",
          reason: "trusted",
        });
      },
    },
    {
      name: "set the report threshold",
      allowed: ["admin"],
      run: (who) => as(actorId(who)).threshold(null, { threshold: "3" }),
    },
  ];

  for (const cell of cells) {
    for (const who of EVERYONE) {
      const allowed = cell.allowed.includes(who);
      it(`${cell.name} as ${who}: ${allowed ? "allowed" : "refused, nothing changes"}`, async () => {
        // the cell's own set-up (fresh content, a first report) happens inside run; snapshot around the action only
        let before: Awaited<ReturnType<typeof snapshot>> | null = null;
        const result = await cell.run(who);

        if (allowed) {
          expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
        } else {
          expect(result.ok).toBe(false);
          // run the refused action once more on a stable snapshot: it must change nothing
          before = await snapshot();
          const again = await cell.run(who);
          expect(again.ok).toBe(false);
          const after = await snapshot();
          // set-up inside run adds users, content and a first report; compare what the action itself could touch
          expect(after.log).toBe(before.log);
          expect(after.settings).toEqual(before.settings);
          expect(after.roles.filter((r) => before!.roles.some((b) => b.id === r.id))).toEqual(
            before.roles,
          );
          expect(
            after.sanctions.filter((s) => before!.sanctions.some((b) => b.id === s.id)),
          ).toEqual(before.sanctions);
          expect(
            after.states.filter((s) =>
              before!.states.some(
                (b) => b.targetType === s.targetType && b.targetId === s.targetId,
              ),
            ),
          ).toEqual(before.states);
          expect(after.spoilers.filter((s) => before!.spoilers.some((b) => b.id === s.id))).toEqual(
            before.spoilers,
          );
          expect(after.states.length).toBe(before.states.length);
          expect(after.sanctions.length).toBe(
            before.sanctions.length + (cell.name === "lift a sanction" ? 1 : 0),
          );
        }
      });
    }
  }

  it("hides an item at three reports, keeps it hidden after the author's edit, and a moderator restores it, logged", async () => {
    const c = await content();
    const reporters = await Promise.all([makeUser(), makeUser(), makeUser()]);
    for (const [i, r] of reporters.entries()) {
      const res = await as(r.id).report(null, {
        targetType: "review",
        targetId: String(c.reviewId),
        reason: i === 2 ? "other" : "harassment",
        note: i === 2 ? "rude" : "",
      });
      expect(res).toMatchObject({ ok: true, data: { hidden: i === 2 } });
    }
    const listed = async () =>
      (
        await listFilmReviews(handle.db, { filmId, sort: "newest", cursor: null, limit: 500 })
      ).reviews.map((r) => r.id);
    expect(await listed()).not.toContain(c.reviewId);
    const state = await getReaderFilmState(handle.db, { userId: c.author.id, filmId });
    expect(state.myReview?.id).toBe(c.reviewId);
    expect(state.moderation).toBe(
      "Hidden: reported by several readers, pending review by a moderator",
    );

    await as(c.author.id).post(null, {
      filmId: String(filmId),
      rating: "2.5",
      body: "edited to dodge",
    });
    expect(await listed()).not.toContain(c.reviewId);

    expect(
      await as(ids.moderator).moderate(null, {
        items: `review:${c.reviewId}`,
        action: "restore",
        reason: "no_violation",
        note: "fine",
      }),
    ).toMatchObject({ ok: true });
    expect(await listed()).toContain(c.reviewId);
    const [entry] = await handle.db
      .select()
      .from(moderationLog)
      .where(eq(moderationLog.targetId, String(c.reviewId)))
      .orderBy(sql`id desc`)
      .limit(1);
    expect(entry).toMatchObject({
      action: "restore",
      reason: "no_violation",
      note: "fine",
      targetType: "review",
    });
    expect(entry?.snapshot).toMatchObject({
      body: "edited to dodge",
      statusBefore: "hidden",
      reasonBefore: "reports",
    });
  });

  it("removes softly: the author sees why, and a restore brings it back", async () => {
    const c = await content();
    await as(ids.admin).moderate(null, {
      items: [`review:${c.reviewId}`, `comment:${c.commentId}`],
      action: "remove",
      reason: "harassment",
    });
    const [kept] = await handle.db.select().from(reviews).where(eq(reviews.id, c.reviewId));
    expect(kept?.deletedAt).toBeNull();
    expect((await getReaderFilmState(handle.db, { userId: c.author.id, filmId })).moderation).toBe(
      "Removed by a moderator: harassment or hate",
    );
    const told = await listMyModeratedContent(handle.db, { userId: c.author.id });
    expect(told.map((m) => [m.type, m.film.slug, m.reviewId, m.notice]).sort()).toEqual([
      ["comment", "ballerina-2023", c.reviewId, "Removed by a moderator: harassment or hate"],
      ["review", "ballerina-2023", c.reviewId, "Removed by a moderator: harassment or hate"],
    ]);
    await as(ids.admin).moderate(null, {
      items: `review:${c.reviewId}`,
      action: "restore",
      reason: "no_violation",
    });
    expect(
      (await getReaderFilmState(handle.db, { userId: c.author.id, filmId })).moderation,
    ).toBeNull();
    expect(
      (await listMyModeratedContent(handle.db, { userId: c.author.id })).map((m) => m.type),
    ).toEqual(["comment"]);
  });

  it("takes a hidden or removed review's rating out of the aggregates, and a restore puts it back", async () => {
    const [film] = await handle.db
      .select({ id: films.id })
      .from(films)
      .where(eq(films.slug, "pain-hustlers-2023"));
    const author = await makeUser();
    await as(author.id).post(null, { filmId: String(film!.id), rating: "0.5", body: "spam spam" });
    const [review] = await handle.db.select().from(reviews).where(eq(reviews.userId, author.id));
    const stats = () => getRatingStats(handle.db, { filmId: film!.id });
    const recount = () => recountRatingStats(handle.db, { filmId: film!.id });
    const counted = (await stats()).count;

    await as(ids.moderator).moderate(null, {
      items: `review:${review!.id}`,
      action: "remove",
      reason: "spam",
    });
    expect((await stats()).count).toBe(counted - 1);
    expect(await stats()).toEqual(await recount());
    // the author's edits of a removed review do not bring the rating back
    await as(author.id).post(null, { filmId: String(film!.id), rating: "1", body: "still spam" });
    expect(await stats()).toEqual(await recount());
    await as(ids.moderator).moderate(null, {
      items: `review:${review!.id}`,
      action: "restore",
      reason: "no_violation",
    });
    expect((await stats()).count).toBe(counted);
    expect(await stats()).toEqual(await recount());
    await as(author.id).remove(null, { reviewId: String(review!.id) });
    expect(await stats()).toEqual(await recount());
  });

  it("refuses reporting your own content, or the same item twice", async () => {
    const c = await content();
    expect(
      await as(c.author.id).report(null, {
        targetType: "review",
        targetId: String(c.reviewId),
        reason: "spam",
      }),
    ).toMatchObject({ ok: false, error: "You cannot report your own review." });
    await as(ids.viewer).report(null, {
      targetType: "comment",
      targetId: String(c.commentId),
      reason: "spam",
    });
    expect(
      await as(ids.viewer).report(null, {
        targetType: "comment",
        targetId: String(c.commentId),
        reason: "spam",
      }),
    ).toMatchObject({ ok: false, error: "You have already reported this comment." });
    expect(
      await as(ids.viewer).report(null, {
        targetType: "review",
        targetId: String(c.reviewId),
        reason: "other",
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { note: "Say what is wrong when you choose Other." },
    });
  });

  it("keeps a silenced user read-only, with their sanction and its end", async () => {
    const c = await content();
    const silenced = as(ids.silenced);
    for (const result of [
      await silenced.post(null, { filmId: String(filmId), rating: "4" }),
      await silenced.like(null, { reviewId: String(c.reviewId) }),
      await silenced.comment(null, { reviewId: String(c.reviewId), body: "hi" }),
      await silenced.report(null, {
        targetType: "review",
        targetId: String(c.reviewId),
        reason: "spam",
      }),
    ]) {
      expect(result).toMatchObject({
        ok: false,
        error: expect.stringMatching(
          /^Your account is silenced until \w+ \d+, \d{4}: you can read/,
        ) as unknown,
      });
    }
  });

  it("locked comments refuse new comments until a moderator unlocks them, both logged", async () => {
    const c = await content();
    await as(ids.moderator).lock(null, {
      reviewId: String(c.reviewId),
      locked: "true",
      reason: "off_topic",
    });
    expect(
      await as(ids.viewer).comment(null, { reviewId: String(c.reviewId), body: "late" }),
    ).toMatchObject({ ok: false, error: "Comments on this review are locked." });
    await as(ids.moderator).lock(null, {
      reviewId: String(c.reviewId),
      locked: "false",
      reason: "no_violation",
    });
    expect(
      await as(ids.viewer).comment(null, { reviewId: String(c.reviewId), body: "calmer now" }),
    ).toMatchObject({ ok: true });
    const actions = await handle.db
      .select({ action: moderationLog.action })
      .from(moderationLog)
      .where(eq(moderationLog.targetId, String(c.reviewId)))
      .orderBy(moderationLog.id);
    expect(actions.map((a) => a.action)).toEqual(["lock_comments", "unlock_comments"]);
  });

  it("a demoted moderator loses their powers at once, whatever their session says", async () => {
    const mod = await makeUser("moderator");
    const c = await content();
    await as(ids.admin).setRole(null, {
      handle: (await getActor(handle.db, { userId: mod.id }))!.handle,
      role: "viewer",
      reason: "stepped down",
    });
    expect(
      await as(mod.id).moderate(null, {
        items: `review:${c.reviewId}`,
        action: "hide",
        reason: "spam",
      }),
    ).toMatchObject({ ok: false, error: "Only moderators can do that." });
  });

  it("never demotes the last admin", async () => {
    const admins = await handle.db
      .select({ id: users.id, handle: users.handle })
      .from(users)
      .where(eq(users.role, "admin"));
    for (const a of admins.slice(1))
      await handle.db.update(users).set({ role: "viewer" }).where(eq(users.id, a.id));
    const only = admins[0]!;
    expect(
      await as(only.id).setRole(null, { handle: only.handle, role: "viewer", reason: "oops" }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/last admin/) as unknown });
    for (const a of admins.slice(1))
      await handle.db.update(users).set({ role: "admin" }).where(eq(users.id, a.id));
  });

  it("the database refuses to change or delete the audit log", async () => {
    await as(ids.admin).threshold(null, { threshold: "3" });
    const before = await handle.db.select().from(moderationLog).orderBy(moderationLog.id);
    expect(before.length).toBeGreaterThan(0);
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => "accepted",
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
    expect(
      await refusal(handle.db.execute(sql`update moderation_log set reason = 'rewritten'`)),
    ).toMatch(/append-only: UPDATE/);
    expect(await refusal(handle.db.execute(sql`delete from moderation_log`))).toMatch(
      /append-only: DELETE/,
    );
    expect(await refusal(handle.db.execute(sql`truncate moderation_log`))).toMatch(
      /append-only: TRUNCATE/,
    );
    expect(await handle.db.select().from(moderationLog).orderBy(moderationLog.id)).toEqual(before);
  });

  it("limits reports per hour, more strictly on an account's first day", async () => {
    const newcomer = await makeUser("viewer", 0);
    const results = [];
    for (let i = 0; i < 6; i++) {
      const c = await content();
      results.push(
        await as(newcomer.id).report(null, {
          targetType: "review",
          targetId: String(c.reviewId),
          reason: "spam",
        }),
      );
    }
    expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
    expect(results[5]).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Try again in \d+ minutes?\./) as unknown,
    });
  });
});
