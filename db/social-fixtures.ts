/**
 * Test fixtures for follows, blocks, notifications, the feed and comment threads: users, films
 * and every social action as the app runs it, with the session forged.
 */
import { count, sql } from "drizzle-orm";
import { createAction } from "../lib/action";
import {
  commentEditInput,
  commentIdInput,
  handleInput,
  moderateInput,
  noInput,
  notificationIdInput,
  replyInput,
  reportInput,
  reviewIdInput,
  reviewInput,
  sanctionInput,
} from "../lib/validation";
import {
  followHandlers,
  moderationHandlers,
  notificationHandlers,
  reviewHandlers,
} from "./actions";
import type { DatabaseHandle } from "./index";
import {
  blocks,
  commentRevisions,
  films,
  follows,
  notifications,
  reviewComments,
  reviewLikes,
  users,
  type UserRole,
} from "./schema";
import { getActor } from "./queries/users";

let seq = 0;

export function socialWorld(get: () => DatabaseHandle, engine: string) {
  const db = () => get().db;

  async function makeUser(role: UserRole = "viewer") {
    const n = ++seq;
    const [row] = await db()
      .insert(users)
      .values({
        name: `Person ${n}`,
        handle: `s_${engine.slice(0, 2)}_${n}`,
        email: `s${n}@${engine}.example`,
        role,
        createdAt: sql`now() - interval '30 days'`,
      })
      .returning({ id: users.id, handle: users.handle, name: users.name });
    return row!;
  }

  async function makeFilm() {
    const n = ++seq;
    const [row] = await db()
      .insert(films)
      .values({ slug: `social-film-${n}`, title: `Social Film ${n}`, year: 2020 })
      .returning({ id: films.id, slug: films.slug, title: films.title });
    return row!;
  }

  function as(userId: string | null) {
    const deps = {
      sessionUserId: () => Promise.resolve(userId),
      resolveActor: (id: string) => getActor(db(), { userId: id }),
      invalidate: () => {},
    };
    const database = () => Promise.resolve(db());
    const r = reviewHandlers(database);
    const f = followHandlers(database);
    const m = moderationHandlers(database);
    const n = notificationHandlers(database);
    return {
      post: createAction(deps, reviewInput, r.postReview),
      remove: createAction(deps, reviewIdInput, r.deleteReview),
      like: createAction(deps, reviewIdInput, r.likeReview),
      comment: createAction(deps, replyInput, r.commentOnReview),
      editComment: createAction(deps, commentEditInput, r.editComment),
      deleteComment: createAction(deps, commentIdInput, r.deleteComment),
      follow: createAction(deps, handleInput, f.follow),
      unfollow: createAction(deps, handleInput, f.unfollow),
      block: createAction(deps, handleInput, f.block),
      unblock: createAction(deps, handleInput, f.unblock),
      moderate: createAction(deps, moderateInput, m.moderate),
      report: createAction(deps, reportInput, m.report),
      sanction: createAction(deps, sanctionInput, m.sanction),
      markRead: createAction(deps, notificationIdInput, n.markRead),
      markAllRead: createAction(deps, noInput, n.markAllRead),
    };
  }

  /** Posts a review and returns its id; throws when refused. */
  async function review(authorId: string, filmId: number, body = "A review.", rating = "4") {
    const res = await as(authorId).post(null, { filmId: String(filmId), rating, body });
    if (!res.ok) throw new Error(res.error);
    return (res.data as { reviewId: number }).reviewId;
  }

  /** Row counts of what the social actions write, to show a refused request wrote nothing. */
  async function counts() {
    const n = async (
      t:
        | typeof follows
        | typeof blocks
        | typeof notifications
        | typeof reviewLikes
        | typeof reviewComments
        | typeof commentRevisions,
    ) => (await db().select({ n: count() }).from(t))[0]!.n;
    return {
      follows: await n(follows),
      blocks: await n(blocks),
      notifications: await n(notifications),
      likes: await n(reviewLikes),
      comments: await n(reviewComments),
      revisions: await n(commentRevisions),
    };
  }

  return { makeUser, makeFilm, as, review, counts };
}
