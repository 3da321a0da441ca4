import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { justAfterWeekStart, reviewHandlers } from "./actions";
import type { DatabaseHandle } from "./index";
import { getActor } from "./queries/users";
import { films, users } from "./schema";
import { tags } from "./tags";
import { createTestDatabase, testEngines } from "./testing";

/**
 * The film page counts past weeks' ratings apart (db/cached/films.ts, loadRatingWeeks): posting a new
 * review must leave them cached, and every change that can move a past week's ratings must not.
 */
describe.each(testEngines())("what a review's changes expire on %s", (engine) => {
  let handle: DatabaseHandle;
  let filmId = 0;
  const slug = "the-quake-2018";

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    const [film] = await handle.db
      .insert(films)
      .values({ slug, title: "The Quake" })
      .returning({ id: films.id });
    filmId = film!.id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("keeps past weeks on a new review, and expires them on an edit or a deletion", async () => {
    const [row] = await handle.db
      .insert(users)
      .values({ name: "Tagger", handle: `tagger_${engine}`, email: `tagger@${engine}.test` })
      .returning({ id: users.id });
    const actor = (await getActor(handle.db, { userId: row!.id }))!;
    const handlers = reviewHandlers(() => Promise.resolve(handle.db));
    const input = { filmId, rating: 8, body: "First", containsSpoilers: false, watchedOn: null };

    // outside a week's first minute (when past weeks are recounted to be safe), a new review
    // leaves them cached
    const posted = await handlers.postReview(actor, input);
    expect(posted.tags).toContain(tags.reviews(slug));
    if (!justAfterWeekStart()) expect(posted.tags).not.toContain(tags.ratingHistory(slug));

    const edited = await handlers.postReview(actor, { ...input, rating: 4 });
    expect(edited.tags).toEqual(
      expect.arrayContaining([tags.reviews(slug), tags.ratingHistory(slug)]),
    );

    const deleted = await handlers.deleteReview(actor, { reviewId: posted.data.reviewId });
    expect(deleted.tags).toEqual(
      expect.arrayContaining([tags.reviews(slug), tags.ratingHistory(slug)]),
    );
  });
});
