import { describe, expect, test } from "vitest";
import { reconcileReviews, reconciliationLine, type ReviewPost, type StoredReview } from "./ledger";

const post = (body: string, outcome: ReviewPost["outcome"], rating = 8): ReviewPost => ({
  userId: "u1",
  filmId: 7,
  rating,
  body,
  outcome,
});
const stored = (
  body: string,
  rating = 8,
  revisions: StoredReview["revisions"] = [],
  deleted = false,
): StoredReview => ({ userId: "u1", filmId: 7, rating, body, deleted, revisions });

describe("reconcileReviews", () => {
  test("a created and then edited review, both acknowledged, is found with its revision", () => {
    const r = reconcileReviews(
      [post("first", "acknowledged", 6), post("second", "acknowledged")],
      [stored("second", 8, [{ rating: 6, body: "first" }])],
    );
    expect(r).toEqual({ acknowledged: 2, found: 2, committedUnacknowledged: 0, problems: [] });
  });

  test("an acknowledged post the database does not have is reported lost", () => {
    const r = reconcileReviews([post("first", "acknowledged")], []);
    expect(r.found).toBe(0);
    expect(r.problems).toEqual(["u1/7: 1 acknowledged post(s) but no review"]);
  });

  test("an acknowledged edit replaced without its revision row is a half-written review", () => {
    const r = reconcileReviews(
      [post("first", "acknowledged"), post("second", "acknowledged")],
      [stored("second")],
    );
    expect(r.found).toBe(1);
    expect(r.problems[0]).toContain('acknowledged "first" (rating 8) is missing');
  });

  test("the right text with the wrong rating is not found", () => {
    const r = reconcileReviews([post("first", "acknowledged", 3)], [stored("first", 4)]);
    expect(r.found).toBe(0);
    expect(r.problems).toHaveLength(2);
  });

  test("the last post without an answer may or may not have committed", () => {
    const committed = reconcileReviews(
      [post("first", "acknowledged"), post("second", "unknown")],
      [stored("second", 8, [{ rating: 8, body: "first" }])],
    );
    expect(committed).toMatchObject({ found: 1, committedUnacknowledged: 1, problems: [] });
    const not = reconcileReviews(
      [post("first", "acknowledged"), post("second", "unknown")],
      [stored("first")],
    );
    expect(not).toMatchObject({ found: 1, committedUnacknowledged: 0, problems: [] });
  });

  test("a post that answered with an error must not be stored", () => {
    const r = reconcileReviews([post("first", "failed")], [stored("first")]);
    expect(r.problems).toEqual(['u1/7: a post answered with an error is stored ("first")']);
  });

  test("a version no post explains, or a deleted review, is reported", () => {
    expect(reconcileReviews([post("a", "acknowledged")], [stored("b")]).problems).toHaveLength(2);
    expect(
      reconcileReviews([post("a", "acknowledged")], [stored("a", 8, [], true)]).problems,
    ).toEqual(["u1/7: the review is marked deleted; nothing deleted it"]);
  });

  test("the line the test prints", () => {
    expect(
      reconciliationLine({
        acknowledged: 120,
        found: 120,
        committedUnacknowledged: 3,
        problems: [],
      }),
    ).toBe("acknowledged 120, found 120 (+3 unacknowledged that committed before the kill)");
  });
});
