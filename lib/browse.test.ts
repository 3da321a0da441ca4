import { describe, expect, it } from "vitest";
import {
  browseHref,
  browsePath,
  filtersSegment,
  parseBrowseQuery,
  parseFiltersSegment,
  type BrowseFilters,
} from "./browse";

const parse = (q: string) => parseBrowseQuery(new URLSearchParams(q));

describe("reading /films?…", () => {
  it("reads every filter, the sort and the page", () => {
    expect(
      parse("list=non-english&kind=film&decade=2020s&lang=ko&best=3&sort=rank&page=2"),
    ).toEqual({
      filters: {
        list: "non-english",
        kind: "film",
        decade: 2020,
        lang: "ko",
        best: 3,
        sort: "rank",
      },
      page: 2,
      invalid: [],
      empty: [],
    });
    expect(parse("year=2023").filters).toEqual({ year: 2023, sort: "title" });
  });

  it("defaults to every title by title, page 1", () => {
    expect(parse("")).toEqual({ filters: { sort: "title" }, page: 1, invalid: [], empty: [] });
  });

  it("keeps the published sort=year working as newest", () => {
    expect(parse("sort=year").filters.sort).toBe("newest");
    expect(parse("sort=title&page=2")).toMatchObject({ filters: { sort: "title" }, page: 2 });
  });

  it("names invalid values and leaves them out", () => {
    for (const [q, key] of [
      ["sort=bogus", "sort"],
      ["best=0", "best"],
      ["best=2", "best"],
      ["page=0", "page"],
      ["page=abc", "page"],
      ["year=abc", "year"],
      ["year=1700", "year"],
      ["decade=2015s", "decade"],
      ["lang=korean", "lang"],
      ["list=french", "list"],
      ["kind=short", "kind"],
    ]) {
      const parsed = parse(`${q}&${key === "lang" ? "kind=film" : "lang=ko"}`);
      expect(parsed.invalid, q).toEqual([key]);
      expect(parsed.filters, q).toEqual(
        key === "lang" ? { kind: "film", sort: "title" } : { lang: "ko", sort: "title" },
      );
    }
  });

  it("tells empty values (a form's Any) from invalid ones, and ignores unknown keys", () => {
    expect(parse("list=&kind=series&sort=&_rsc=1&utm_source=x")).toEqual({
      filters: { kind: "series", sort: "title" },
      page: 1,
      invalid: [],
      empty: ["list", "sort"],
    });
  });
});

describe("canonical addresses", () => {
  it("writes keys in one order and leaves defaults out, so equal filters share one page", () => {
    const a = parse("sort=rank&decade=2020s&list=non-english").filters;
    const b = parse("list=non-english&decade=2020s&sort=rank").filters;
    expect(filtersSegment(a)).toBe("list-non-english.decade-2020s.sort-rank");
    expect(filtersSegment(b)).toBe(filtersSegment(a));
    expect(filtersSegment({ sort: "title" })).toBe("all");
    expect(browsePath(a, 2)).toBe("/films/browse/list-non-english.decade-2020s.sort-rank/2");
  });

  it("reads back only canonical segments", () => {
    const filters: BrowseFilters = {
      list: "english",
      kind: "series",
      year: 2023,
      decade: 2020,
      lang: "ko",
      best: 1,
      sort: "views",
    };
    expect(parseFiltersSegment(filtersSegment(filters))).toEqual(filters);
    expect(parseFiltersSegment("all")).toEqual({ sort: "title" });
    expect(parseFiltersSegment("sort-rank.list-english")).toBeNull();
    expect(parseFiltersSegment("sort-title")).toBeNull();
    expect(parseFiltersSegment("sort-year")).toBeNull();
    expect(parseFiltersSegment("best-0")).toBeNull();
    expect(parseFiltersSegment("_")).toBeNull();
    expect(parseFiltersSegment("")).toBeNull();
  });

  it("builds public links that read back to the same filters", () => {
    const filters: BrowseFilters = { kind: "film", best: 5, sort: "newest" };
    expect(browseHref(filters, 3)).toBe("/films?kind=film&best=5&sort=newest&page=3");
    expect(browseHref({ sort: "title" })).toBe("/films");
    expect(browseHref({ sort: "title" }, 2)).toBe("/films?page=2");
    const back = parse(browseHref(filters, 3).split("?")[1]!);
    expect(back).toMatchObject({ filters, page: 3 });
  });
});
