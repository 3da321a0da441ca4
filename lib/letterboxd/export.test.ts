import { parse } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { exportFileName, exportFiles, exportZip, type ExportData } from "./export";
import { parseExport } from "./parse";
import { readUpload } from "./read";

const film = {
  title: 'Ballerina, "the" film',
  year: 2023,
  url: "https://r.test/films/ballerina-2023",
};
const data: ExportData = {
  profile: {
    name: "Min-ji",
    handle: "minji",
    email: "minji@r.test",
    url: "https://r.test/u/minji",
    createdAt: "2024-01-01T00:00:00.000Z",
    diaryAudience: "everyone",
    watchlistAudience: "followers",
    listsAudience: "everyone",
  },
  diary: [
    {
      ...film,
      loggedAt: "2024-02-01T10:00:00.000Z",
      watchedOn: "2024-01-31",
      rating: 9,
      rewatch: false,
      tags: ["a", "b"],
      review: null,
    },
    {
      ...film,
      loggedAt: "2024-03-01T10:00:00.000Z",
      watchedOn: null,
      rating: null,
      rewatch: true,
      tags: [],
      review: null,
    },
  ],
  reviews: [
    {
      ...film,
      reviewUrl: "https://r.test/reviews/1",
      rating: 9,
      body: 'Line one,\nline "two"\n=SUM(A1)',
      containsSpoilers: false,
      watchedOn: "2024-01-31",
      createdAt: "2024-02-01T10:00:00.000Z",
      updatedAt: "2024-02-02T10:00:00.000Z",
      editedAt: "2024-02-02T10:00:00.000Z",
      deletedAt: null,
      versions: [
        {
          rating: 7,
          body: "first",
          containsSpoilers: false,
          watchedOn: null,
          replacedAt: "2024-02-02T10:00:00.000Z",
        },
      ],
    },
  ],
  watchlist: [
    {
      title: "Nowhere",
      year: null,
      url: "https://r.test/films/nowhere",
      addedAt: "2024-04-01T00:00:00.000Z",
    },
  ],
  lists: [
    {
      slug: "best",
      name: "Best",
      description: "Mine",
      ranked: true,
      isPrivate: false,
      url: "https://r.test/u/minji/lists/best",
      createdAt: "2024-05-01T00:00:00.000Z",
      deletedAt: null,
      items: [{ ...film, position: 1, note: "top" }],
    },
  ],
  comments: [],
  likedReviews: [],
  likedLists: [],
  following: [],
  followers: [],
  blocked: [],
};

describe("the export", () => {
  it("writes Letterboxd's files that parse back with the importer's own parser", () => {
    const zip = exportZip(data);
    const parsed = parseExport(readUpload([{ name: "reelrank.zip", bytes: zip }]), "2024-06-01");
    expect(
      parsed.diary.map((d) => [d.name, d.year, d.rating, d.rewatch, d.tags, d.watchedDate]),
    ).toEqual([
      ['Ballerina, "the" film', 2023, 9, false, ["a", "b"], "2024-01-31"],
      ['Ballerina, "the" film', 2023, null, true, [], null],
    ]);
    expect(parsed.reviews[0]!.review).toBe('Line one,\nline "two"\n=SUM(A1)');
    expect(parsed.ratings.map((r) => r.rating)).toEqual([9]);
    expect(parsed.watched).toHaveLength(1);
    expect(parsed.watchlist.map((w) => [w.name, w.year])).toEqual([["Nowhere", null]]);
  });

  it("holds the list, earlier versions, and everything in reelrank.json, with no password", () => {
    const files = unzipSync(exportZip(data));
    expect(Object.keys(files).sort()).toEqual(
      [
        "comments.csv",
        "diary.csv",
        "followers.csv",
        "following.csv",
        "likes/lists.csv",
        "likes/reviews.csv",
        "lists/best.csv",
        "profile.csv",
        "ratings.csv",
        "reelrank.json",
        "review-versions.csv",
        "reviews.csv",
        "watched.csv",
        "watchlist.csv",
      ].sort(),
    );
    const list = strFromU8(files["lists/best.csv"]!).split("\n\n");
    expect(list[0]).toMatch(/^Letterboxd list export v7\nDate,Name,Tags,URL,Description\n/);
    expect(parse(list[1]!, { columns: true })).toEqual([
      {
        Position: "1",
        Name: 'Ballerina, "the" film',
        Year: "2023",
        URL: film.url,
        Description: "top",
      },
    ]);
    const versions = parse<Record<string, string>>(exportFiles(data)["review-versions.csv"]!, {
      columns: true,
    });
    expect(versions.map((v) => [v.Rating, v.Review])).toEqual([["3.5", "first"]]);
    const json = JSON.parse(strFromU8(files["reelrank.json"]!)) as Record<string, unknown>;
    expect(json).toMatchObject({ format: "reelrank-export", profile: { handle: "minji" } });
    expect(strFromU8(files["reelrank.json"]!)).not.toMatch(/password/i);
    expect(exportFileName("minji", "2024-06-01")).toBe("reelrank-minji-2024-06-01.zip");
  });
});
