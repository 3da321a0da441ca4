import { describe, expect, it } from "vitest";
import {
  commentInput,
  listCreateInput,
  moderateInput,
  reviewIdInput,
  reviewInput,
  UNSTORABLE_MESSAGE,
} from "./validation";
import { searchQuery } from "./search/query";

describe("text that cannot be stored as typed", () => {
  it("refuses a NUL byte in a review, with a sentence saying what to fix", () => {
    const result = reviewInput.safeParse({ filmId: 1, rating: "4", body: "Great\u0000 film" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(UNSTORABLE_MESSAGE);
  });

  it("refuses half of a surrogate pair but keeps whole emoji and other scripts exactly", () => {
    expect(commentInput.safeParse({ reviewId: 1, body: "nice \uD83D" }).success).toBe(false);
    expect(listCreateInput.safeParse({ name: "\uDE00 best" }).success).toBe(false);
    const kept = commentInput.safeParse({ reviewId: 1, body: "좋아요 😀 e\u0301 \u202Eok" });
    expect(kept.data?.body).toBe("좋아요 😀 e\u0301 \u202Eok");
  });
});

describe("ids that PostgreSQL's integer columns can hold", () => {
  it("refuses a number past 2,147,483,647 instead of failing the query", () => {
    expect(reviewIdInput.safeParse({ reviewId: "2147483647" }).success).toBe(true);
    const result = reviewIdInput.safeParse({ reviewId: "2147483648" });
    expect(result.error?.issues[0]?.message).toBe("No such item: that number is too large.");
    expect(
      moderateInput.safeParse({ items: "review:9999999999", action: "hide", reason: "spam" })
        .success,
    ).toBe(false);
  });
});

describe("search text", () => {
  it("refuses text far past the limit before cleaning it", () => {
    const result = searchQuery.safeParse(" ".repeat(2001));
    expect(result.error?.issues[0]?.message).toBe("Search with at most 200 characters.");
    expect(searchQuery.safeParse(` ${"a".repeat(200)} `).data).toBe("a".repeat(200));
  });
});
