import { describe, expect, it } from "vitest";
import { cleanSearchText, isSearchable, MAX_SEARCH_LENGTH, searchQuery } from "./query";

describe("search text", () => {
  it("trims, collapses white space and drops control characters", () => {
    expect(cleanSearchText("  squid \t\n game ")).toBe("squid game");
    expect(cleanSearchText("ball\u0000erina\u0007")).toBe("ball erina");
    expect(cleanSearchText("\uD800abc")).toBe("abc");
    expect(cleanSearchText("발레리나")).toBe("발레리나");
  });

  it("has something to look for only with a letter or digit in any script", () => {
    expect(isSearchable("%_\\'\"!?")).toBe(false);
    expect(isSearchable("")).toBe(false);
    expect(isSearchable("전")).toBe(true);
    expect(isSearchable("9")).toBe(true);
  });

  it("refuses more than the limit with a sentence, after cleaning", () => {
    const tooLong = searchQuery.safeParse("a".repeat(MAX_SEARCH_LENGTH + 1));
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toBe("Search with at most 200 characters.");
    expect(searchQuery.safeParse(` ${"a".repeat(MAX_SEARCH_LENGTH)}  `).data).toHaveLength(
      MAX_SEARCH_LENGTH,
    );
    expect(searchQuery.safeParse(undefined).data).toBe("");
    expect(searchQuery.safeParse(["a", "b"]).data).toBe("");
  });
});
