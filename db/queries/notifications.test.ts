import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../index";
import { commentRevisions, notifications, reviewComments, reviews } from "../schema";
import { socialWorld } from "../social-fixtures";
import { createTestDatabase, testEngines } from "../testing";
import { countUnread, listNotifications } from "./notifications";
import { listComments } from "./comments";

describe.each(testEngines())("notifications and comment threads on %s", (engine) => {
  let handle: DatabaseHandle;
  const w = socialWorld(() => handle, engine);
  let filmId: number;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    filmId = (await w.makeFilm()).id;
  });
  afterAll(async () => handle?.close());

  const inbox = async (userId: string) =>
    (await listNotifications(handle.db, { userId, cursor: null, limit: 50 })).notifications;

  it("like, unlike, like again: the author is told once, and not of their own actions", async () => {
    const [a, b] = [await w.makeUser(), await w.makeUser()];
    const reviewId = await w.review(a.id, filmId);
    for (let i = 0; i < 3; i++) await w.as(b.id).like(null, { reviewId: String(reviewId) });
    await w.as(a.id).comment(null, { reviewId: String(reviewId), body: "My own comment" });
    const told = await inbox(a.id);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      kind: "review_liked",
      read: false,
      actor: { handle: b.handle },
      film: { title: expect.stringMatching(/^Social Film/) as unknown },
      reviewId,
    });
    expect(await countUnread(handle.db, { userId: a.id })).toBe(1);
  });

  it("each comment tells the review's author once; a reply tells the comment's author", async () => {
    const [a, b, c] = [await w.makeUser(), await w.makeUser(), await w.makeUser()];
    const reviewId = await w.review(a.id, filmId);
    const first = await w.as(b.id).comment(null, { reviewId: String(reviewId), body: "One" });
    await w.as(b.id).comment(null, { reviewId: String(reviewId), body: "Two" });
    const parentId = (first as { data: { commentId: number } }).data.commentId;
    // c answers b: b hears of the reply, a of a new comment on their review
    const reply = await w
      .as(c.id)
      .comment(null, { reviewId: String(reviewId), body: "Answer", parentId: String(parentId) });
    expect(reply).toMatchObject({ ok: true, message: "Reply posted." });
    // a answers b on their own review: b hears of the reply, a of nothing
    await w
      .as(a.id)
      .comment(null, { reviewId: String(reviewId), body: "Thanks", parentId: String(parentId) });
    expect((await inbox(a.id)).map((n) => [n.kind, n.actor?.handle])).toEqual([
      ["review_commented", c.handle],
      ["review_commented", b.handle],
      ["review_commented", b.handle],
    ]);
    expect((await inbox(b.id)).map((n) => [n.kind, n.actor?.handle])).toEqual([
      ["comment_replied", a.handle],
      ["comment_replied", c.handle],
    ]);
    // a reply to a reply joins the thread of the comment that started it
    const replyId = (reply as { data: { commentId: number } }).data.commentId;
    const deeper = await w
      .as(b.id)
      .comment(null, { reviewId: String(reviewId), body: "Deeper", parentId: String(replyId) });
    const comments = await listComments(handle.db, { reviewId });
    const deep = comments.find(
      (x) => x.id === (deeper as { data: { commentId: number } }).data.commentId,
    );
    expect(deep?.parentId).toBe(parentId);
    expect((await inbox(c.id)).map((n) => n.kind)).toEqual(["comment_replied"]);
  });

  it("nothing from a blocked user: no new notification, and earlier ones are not shown", async () => {
    const [a, b] = [await w.makeUser(), await w.makeUser()];
    const reviewId = await w.review(a.id, filmId);
    await w.as(b.id).like(null, { reviewId: String(reviewId) });
    expect(await countUnread(handle.db, { userId: a.id })).toBe(1);
    await w.as(a.id).block(null, { handle: b.handle });
    expect(await inbox(a.id)).toHaveLength(0);
    expect(await countUnread(handle.db, { userId: a.id })).toBe(0);
  });

  it("a moderator's decision on a review and a sanction tell the author once each", async () => {
    const [a, mod] = [await w.makeUser(), await w.makeUser("moderator")];
    const reviewId = await w.review(a.id, filmId);
    const hide = {
      items: `review:${reviewId}`,
      action: "hide",
      reason: "spam",
    };
    expect(await w.as(mod.id).moderate(null, hide)).toMatchObject({ ok: true });
    // hiding what is already hidden changes nothing the author sees
    await w.as(mod.id).moderate(null, hide);
    await w.as(mod.id).moderate(null, { ...hide, action: "restore", reason: "no_violation" });
    await w.as(mod.id).sanction(null, { handle: a.handle, kind: "warn", reason: "spam" });
    const told = await inbox(a.id);
    expect(told.map((n) => [n.kind, n.actor, n.data?.action])).toEqual([
      ["moderation", null, "sanction_warn"],
      ["moderation", null, "restore"],
      ["moderation", null, "hide"],
    ]);
    expect(told[2]?.data).toMatchObject({ status: "hidden", reason: "spam" });
  });

  it("enough reports hide a review, and its author is told once", async () => {
    const a = await w.makeUser();
    const reviewId = await w.review(a.id, filmId);
    for (let i = 0; i < 4; i++) {
      const reader = await w.makeUser();
      await w.as(reader.id).report(null, {
        targetType: "review",
        targetId: String(reviewId),
        reason: "spam",
      });
    }
    const told = await inbox(a.id);
    expect(told.map((n) => [n.kind, n.data?.status, n.data?.reason])).toEqual([
      ["moderation", "hidden", "reports"],
    ]);
  });

  it("marks one's own notifications read, one or all; another's stays unread", async () => {
    const [a, b] = [await w.makeUser(), await w.makeUser()];
    const r1 = await w.review(a.id, filmId);
    const r2 = await w.review(b.id, filmId);
    await w.as(b.id).like(null, { reviewId: String(r1) });
    await w.as(a.id).like(null, { reviewId: String(r2) });
    await w.as(b.id).follow(null, { handle: a.handle });
    const [followed, liked] = await inbox(a.id);
    const theirs = (await inbox(b.id))[0]!;

    expect(await w.as(a.id).markRead(null, { notificationId: String(theirs.id) })).toMatchObject({
      ok: false,
      error: "That notification does not exist.",
    });
    expect(await w.as(null).markRead(null, { notificationId: String(liked!.id) })).toMatchObject({
      ok: false,
    });
    expect((await inbox(b.id))[0]?.read).toBe(false);

    await w.as(a.id).markRead(null, { notificationId: String(liked!.id) });
    expect((await inbox(a.id)).map((n) => [n.id, n.read])).toEqual([
      [followed!.id, false],
      [liked!.id, true],
    ]);
    await w.as(a.id).markAllRead(null, {});
    expect(await countUnread(handle.db, { userId: a.id })).toBe(0);
    expect(await countUnread(handle.db, { userId: b.id })).toBe(1);
  });

  it("pages notifications newest first, each once", async () => {
    const a = await w.makeUser();
    const fans = [];
    for (let i = 0; i < 5; i++) {
      const fan = await w.makeUser();
      fans.push(fan.handle);
      await w.as(fan.id).follow(null, { handle: a.handle });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listNotifications>> = await listNotifications(
        handle.db,
        { userId: a.id, cursor, limit: 2 },
      );
      seen.push(...page.notifications.map((n) => n.actor!.handle));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(fans.reverse());
  });

  it("the author edits a comment, keeping the old text; deletes it softly; others cannot", async () => {
    const [a, b, c] = [await w.makeUser(), await w.makeUser(), await w.makeUser()];
    const reviewId = await w.review(a.id, filmId);
    const posted = await w.as(b.id).comment(null, { reviewId: String(reviewId), body: "First" });
    const commentId = (posted as { data: { commentId: number } }).data.commentId;

    expect(
      await w.as(b.id).editComment(null, { commentId: String(commentId), body: "Second  <b>" }),
    ).toMatchObject({ ok: true, message: "Comment updated." });
    const [row] = await handle.db
      .select()
      .from(reviewComments)
      .where(eq(reviewComments.id, commentId));
    expect(row?.body).toBe("Second  <b>");
    expect(row?.editedAt).not.toBeNull();
    const revisions = await handle.db
      .select({ body: commentRevisions.body })
      .from(commentRevisions)
      .where(eq(commentRevisions.commentId, commentId));
    expect(revisions).toEqual([{ body: "First" }]);

    // forged requests from someone else, or nobody, write nothing
    const before = await w.counts();
    for (const who of [c.id, a.id]) {
      expect(
        await w.as(who).editComment(null, { commentId: String(commentId), body: "Mine now" }),
      ).toMatchObject({ ok: false, error: "You can only edit your own comments." });
      expect(await w.as(who).deleteComment(null, { commentId: String(commentId) })).toMatchObject({
        ok: false,
        error: "You can only delete your own comments.",
      });
    }
    expect(await w.as(null).deleteComment(null, { commentId: String(commentId) })).toMatchObject({
      ok: false,
      error: "Sign in to do that.",
    });
    expect(
      await w.as(b.id).editComment(null, { commentId: String(commentId), body: " " }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { body: "Write a comment first." },
    });
    expect(await w.counts()).toEqual(before);
    const [same] = await handle.db
      .select()
      .from(reviewComments)
      .where(eq(reviewComments.id, commentId));
    expect(same).toEqual(row);

    // with a reply, the deleted comment stays as "deleted"; without, it goes
    await w.as(c.id).comment(null, {
      reviewId: String(reviewId),
      body: "Reply",
      parentId: String(commentId),
    });
    const lone = await w.as(b.id).comment(null, { reviewId: String(reviewId), body: "Lone" });
    const loneId = (lone as { data: { commentId: number } }).data.commentId;
    expect(await w.as(b.id).deleteComment(null, { commentId: String(commentId) })).toMatchObject({
      ok: true,
    });
    await w.as(b.id).deleteComment(null, { commentId: String(loneId) });
    const shown = await listComments(handle.db, { reviewId });
    expect(shown.map((x) => [x.id === commentId, x.deleted, x.body])).toEqual([
      [true, true, ""],
      [false, false, "Reply"],
    ]);
    const kept = await handle.db
      .select({ deletedAt: reviewComments.deletedAt, body: reviewComments.body })
      .from(reviewComments)
      .where(eq(reviewComments.id, loneId));
    expect(kept[0]?.body).toBe("Lone");
    expect(kept[0]?.deletedAt).not.toBeNull();
    // a deleted comment cannot be edited or answered
    expect(
      await w.as(b.id).editComment(null, { commentId: String(commentId), body: "Back" }),
    ).toMatchObject({ ok: false, error: "That comment does not exist." });
    expect(
      await w.as(c.id).comment(null, {
        reviewId: String(reviewId),
        body: "Hm",
        parentId: String(loneId),
      }),
    ).toMatchObject({ ok: false, error: "The comment you answered no longer exists." });
  });
  it("pages through notifications written within one millisecond, each once and in order", async () => {
    const me = await w.makeUser();
    // three in one instant (as one transaction writes them) and three differing only in microseconds
    const moments = [
      "2025-05-05T10:00:00.123456Z",
      "2025-05-05T10:00:00.123456Z",
      "2025-05-05T10:00:00.123456Z",
      "2025-05-05T10:00:00.123789Z",
      "2025-05-05T10:00:00.123001Z",
      "2025-05-05T10:00:00.122999Z",
    ];
    const written: { id: number; at: string }[] = [];
    for (const at of moments) {
      const actor = await w.makeUser();
      const [row] = await handle.db
        .insert(notifications)
        .values({
          userId: me.id,
          kind: "followed",
          actorId: actor.id,
          dedupeKey: `followed:${actor.id}`,
          createdAt: sql`${at}::timestamptz`,
        })
        .returning({ id: notifications.id });
      written.push({ id: row!.id, at });
    }
    // newest first; within one instant the later id first
    const expected = [...written]
      .sort((x, y) => (x.at === y.at ? y.id - x.id : x.at < y.at ? 1 : -1))
      .map((n) => n.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const got: Awaited<ReturnType<typeof listNotifications>> = await listNotifications(
        handle.db,
        { userId: me.id, cursor, limit: 2 },
      );
      seen.push(...got.notifications.map((n) => n.id));
      cursor = got.next;
      if (!cursor) break;
    }
    expect(seen).toEqual(expected);
  });
  it("a reply that fails after telling the comment's author leaves no notification behind", async () => {
    const [author, commenter, replier] = [
      await w.makeUser(),
      await w.makeUser(),
      await w.makeUser(),
    ];
    const reviewId = await w.review(author.id, filmId);
    const first = await w
      .as(commenter.id)
      .comment(null, { reviewId: String(reviewId), body: "Hi" });
    if (!first.ok) throw new Error(first.error);
    const parentId = (first.data as { commentId: number }).commentId;
    // a reply tells the comment's author first, then the review's author: make the second
    // write fail (as a lost connection or a full disk would), after the first was written
    await handle.db.execute(
      sql.raw(`create function fail_second_notice() returns trigger language plpgsql as $$
        begin raise exception 'the disk is full'; end $$`),
    );
    await handle.db.execute(
      sql.raw(`create trigger fail_second_notice before insert on notifications for each row
        when (new.kind = 'review_commented' and new.user_id = '${author.id}')
        execute function fail_second_notice()`),
    );
    try {
      const before = await w.counts();
      const reply = await w.as(replier.id).comment(null, {
        reviewId: String(reviewId),
        body: "An answer",
        parentId: String(parentId),
      });
      expect(reply).toMatchObject({
        ok: false,
        error: expect.stringMatching(/on our side/) as unknown,
      });
      expect(await w.counts()).toEqual(before);
      expect(await inbox(commenter.id)).toEqual([]);
      const [row] = await handle.db
        .select({ comments: reviews.commentsCount })
        .from(reviews)
        .where(eq(reviews.id, reviewId));
      expect(row!.comments).toBe(1);
    } finally {
      await handle.db.execute(sql`drop trigger fail_second_notice on notifications`);
      await handle.db.execute(sql`drop function fail_second_notice()`);
    }
    // and with nothing failing, both are told
    await w.as(replier.id).comment(null, {
      reviewId: String(reviewId),
      body: "An answer",
      parentId: String(parentId),
    });
    expect((await inbox(commenter.id)).map((n) => n.kind)).toEqual(["comment_replied"]);
  });
});
