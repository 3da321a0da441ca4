import { describe, expect, it } from "vitest";
import { reviewToText } from "./html";
import { parseExport, parseLetterboxdCsv, splitTags } from "./parse";
import { diaryImportKeys, groupByFilm, planReview } from "./plan";
import { LetterboxdError } from "./read";

const TODAY = "2024-06-01";
const DIARY_HEADER = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date";
const REVIEWS_HEADER = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date";

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof LetterboxdError) return error.problems;
    throw error;
  }
  throw new Error("expected a LetterboxdError");
}

describe("parsing Letterboxd's CSV files", () => {
  it("reads a diary by column name, ratings in half stars, rewatches and tags", () => {
    // columns in another order, with a BOM and CRLF line ends, as a re-saved file may have
    const text =
      "\ufeffName,Date,Year,Letterboxd URI,Watched Date,Rating,Rewatch,Tags\r\n" +
      'Ballerina,2024-01-02,2023,https://boxd.it/a,2024-01-01,4.5,Yes,"revenge, korean,  2024"\r\n' +
      '"Sister Death",2024-02-03,,https://boxd.it/b,2024-02-03,,,\r\n';
    const rows = parseLetterboxdCsv("diary.csv", text, TODAY);
    expect(rows).toEqual([
      {
        line: 2,
        date: "2024-01-02",
        name: "Ballerina",
        year: 2023,
        uri: "https://boxd.it/a",
        rating: 9,
        rewatch: true,
        tags: ["revenge", "korean", "2024"],
        watchedDate: "2024-01-01",
      },
      {
        line: 3,
        date: "2024-02-03",
        name: "Sister Death",
        year: null,
        uri: "https://boxd.it/b",
        rating: null,
        rewatch: false,
        tags: [],
        watchedDate: "2024-02-03",
      },
    ]);
  });

  it("turns a review's HTML into plain text", () => {
    const text = `${REVIEWS_HEADER}\n2024-01-02,Ballerina,2023,https://boxd.it/r,5,,"<p>Loved it.</p><p>Second &amp; <i>last</i><br />line</p>",,2024-01-01\n`;
    const [row] = parseLetterboxdCsv("reviews.csv", text, TODAY) as { review: string }[];
    expect(row!.review).toBe("Loved it.\n\nSecond & last\nline");
    expect(reviewToText("I <3 this &lt;b&gt; film &#8220;truly&#8221; caf&eacute;")).toBe(
      "I <3 this <b> film “truly” café",
    );
    expect(reviewToText('<script>alert("x")</script>fine <a href="https://x.test">link</a>')).toBe(
      "fine link",
    );
    expect(reviewToText("")).toBe("");
  });

  it("numbers the lines of a review that runs over several lines", () => {
    const text = `${REVIEWS_HEADER}\n2024-01-02,A,2023,u1,5,,"one\ntwo\nthree",,\n2024-01-02,B,2023,u2,9,,,,\n`;
    expect(problemsOf(() => parseLetterboxdCsv("reviews.csv", text, TODAY))).toEqual([
      'reviews.csv:5: Rating "9" is not 0.5 to 5 stars in half stars.',
    ]);
  });

  it("refuses a file with the wrong header, naming the columns it expected", () => {
    expect(
      problemsOf(() => parseLetterboxdCsv("diary.csv", "Title,Watched\nBallerina,2024\n", TODAY)),
    ).toEqual([
      "diary.csv: expected columns Date, Name, Year, Letterboxd URI, Rating, Rewatch, Tags, Watched Date — this doesn't look like a Letterboxd export (missing Date, Name, Year, Letterboxd URI, Rating, Rewatch, Tags, Watched Date).",
    ]);
    expect(problemsOf(() => parseLetterboxdCsv("ratings.csv", "", TODAY))[0]).toMatch(
      /^ratings\.csv: expected columns Date, Name, Year, Letterboxd URI, Rating/,
    );
  });

  it("reports bad ratings, dates, years and rewatches with their lines, and reads nothing", () => {
    const text = [
      DIARY_HEADER,
      "2024-01-02,Ballerina,2023,u,4.3,,,2024-01-01",
      "2024-02-30,Ballerina,2023,u,4,,,2024-01-01",
      "2024-01-02,Ballerina,23,u,0,,,01/02/2024",
      "2024-01-02,,2023,u,6,maybe,,2030-01-01",
    ].join("\n");
    expect(problemsOf(() => parseLetterboxdCsv("diary.csv", text, TODAY))).toEqual([
      'diary.csv:2: Rating "4.3" is not 0.5 to 5 stars in half stars.',
      'diary.csv:3: Date "2024-02-30" is not a date (YYYY-MM-DD).',
      'diary.csv:4: Year "23" is not a year.',
      'diary.csv:4: Rating "0" is not 0.5 to 5 stars in half stars.',
      'diary.csv:4: Watched Date "01/02/2024" is not a date (YYYY-MM-DD).',
      "diary.csv:5: Name is empty.",
      'diary.csv:5: Rewatch "maybe" is neither Yes nor empty.',
      'diary.csv:5: Rating "6" is not 0.5 to 5 stars in half stars.',
      "diary.csv:5: Watched Date 2030-01-01 is in the future.",
    ]);
  });

  it("refuses a ratings row without a rating, and a malformed CSV with its line", () => {
    expect(
      problemsOf(() =>
        parseLetterboxdCsv(
          "ratings.csv",
          "Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,A,2020,u,\n",
          TODAY,
        ),
      ),
    ).toEqual(["ratings.csv:2: Rating is empty."]);
    const broken = 'Date,Name,Year,Letterboxd URI\n2024-01-01,"A,2020,u\n';
    expect(problemsOf(() => parseLetterboxdCsv("watched.csv", broken, TODAY))[0]).toMatch(
      /^watched\.csv:\d+: /,
    );
  });

  it("reports the problems of every file together", () => {
    const files = new Map([
      ["ratings.csv", "Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,A,2020,u,11\n"],
      ["watchlist.csv", "Nope\n"],
    ] as const);
    const problems = problemsOf(() => parseExport(new Map(files), TODAY));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^ratings\.csv:2: /);
    expect(problems[1]).toMatch(/^watchlist\.csv: expected columns/);
  });

  it("keeps at most 20 tags, without repeats", () => {
    const many = Array.from({ length: 25 }, (_, i) => `t${i}`).join(", ");
    expect(splitTags(many)).toHaveLength(20);
    expect(splitTags("a, a, b,")).toEqual(["a", "b"]);
  });
});

describe("planning an import", () => {
  const base = { rating: null, rewatch: false, tags: [], watchedDate: null };

  it("keys diary rows by URI, adding the watched date and a count only when URIs repeat", () => {
    const keyed = diaryImportKeys([
      { ...base, line: 2, date: "2024-01-01", name: "A", year: 2020, uri: "x/1" },
      {
        ...base,
        line: 3,
        date: "2024-01-02",
        name: "B",
        year: 2020,
        uri: "f/b",
        watchedDate: "2024-01-02",
      },
      {
        ...base,
        line: 4,
        date: "2024-01-05",
        name: "B",
        year: 2020,
        uri: "f/b",
        watchedDate: "2024-01-05",
      },
      {
        ...base,
        line: 5,
        date: "2024-01-05",
        name: "B",
        year: 2020,
        uri: "f/b",
        watchedDate: "2024-01-05",
      },
    ]);
    expect(keyed.map((k) => k.importKey)).toEqual([
      "x/1",
      "f/b|2024-01-02",
      "f/b|2024-01-05",
      "f/b|2024-01-05|2",
    ]);
  });

  it("gathers a film's rows by name and year: two Ballerinas stay two films", () => {
    const films = groupByFilm({
      diary: [{ ...base, line: 2, date: "2024-01-01", name: "Ballerina", year: 2023, uri: "d1" }],
      ratings: [
        { line: 2, date: "2024-01-01", name: "Ballerina", year: 2016, uri: "r1", rating: 6 },
      ],
      reviews: [],
      watched: [{ line: 2, date: "2024-01-01", name: "Ballerina", year: 2023, uri: "w1" }],
      watchlist: [],
    });
    expect(
      films.map((f) => [f.name, f.year, f.diary.length + f.ratings.length + f.watched.length]),
    ).toEqual([
      ["Ballerina", 2023, 2],
      ["Ballerina", 2016, 1],
    ]);
    expect(films[0]!.uri).toBe("w1");
  });

  it("makes the latest review the review, earlier ones its versions, and refuses a review without a rating", () => {
    const review = (line: number, date: string, rating: number | null, text: string) => ({
      ...base,
      line,
      date,
      name: "A",
      year: 2020,
      uri: `r${line}`,
      rating,
      watchedDate: date,
      review: text,
    });
    const film = (over: object) => ({
      name: "A",
      year: 2020,
      uri: "",
      diary: [],
      ratings: [],
      reviews: [],
      watched: [],
      watchlist: [],
      ...over,
    });
    const plan = planReview(
      film({
        reviews: [review(3, "2024-03-01", 8, "second"), review(2, "2024-01-01", 6, "first")],
      }),
    );
    expect(plan.review).toMatchObject({ rating: 8, body: "second", createdAt: "2024-03-01" });
    expect(plan.versions).toEqual([
      { rating: 6, body: "first", watchedOn: "2024-01-01", replacedAt: "2024-03-01" },
    ]);

    const unrated = planReview(film({ reviews: [review(2, "2024-01-01", null, "no stars")] }));
    expect(unrated.review).toBeNull();
    expect(unrated.notImported).toEqual([
      { file: "reviews.csv", line: 2, name: "A", year: 2020, reason: "review without a rating" },
    ]);
    // the film's rating from ratings.csv carries a review that has none of its own
    const carried = planReview(
      film({
        reviews: [review(2, "2024-01-01", null, "no stars")],
        ratings: [{ line: 2, date: "2024-02-01", name: "A", year: 2020, uri: "", rating: 7 }],
      }),
    );
    expect(carried.review).toMatchObject({ rating: 7, body: "no stars" });
    const ratingOnly = planReview(
      film({
        ratings: [{ line: 2, date: "2024-02-01", name: "A", year: 2020, uri: "", rating: 3 }],
      }),
    );
    expect(ratingOnly.review).toMatchObject({ rating: 3, body: null });
    expect(planReview(film({})).review).toBeNull();
  });
});
