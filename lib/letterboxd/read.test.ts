import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { LetterboxdError, MAX_INFLATED_BYTES, MAX_ZIP_ENTRIES, readUpload } from "./read";
import { MAX_UPLOAD_BYTES } from "../limits";

const DIARY =
  "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n2024-01-02,Ballerina,2023,https://boxd.it/a,4.5,,,2024-01-01\n";

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof LetterboxdError) return error.problems;
    throw error;
  }
  throw new Error("expected a LetterboxdError");
}

describe("reading an upload", () => {
  it("reads the export's CSV files from a zip, in a folder of its own or not, and leaves the rest", () => {
    const zip = zipSync({
      "letterboxd-minji-2024/diary.csv": strToU8(DIARY),
      "letterboxd-minji-2024/profile.csv": strToU8("Date Joined,Username\n"),
      "letterboxd-minji-2024/deleted/diary.csv": strToU8("not read"),
      "letterboxd-minji-2024/lists/favourites.csv": strToU8("Letterboxd list export v7\n"),
    });
    const files = readUpload([{ name: "export.zip", bytes: zip }]);
    expect([...files.keys()]).toEqual(["diary.csv"]);
    expect(files.get("diary.csv")).toBe(DIARY);
    const flat = readUpload([{ name: "e.zip", bytes: zipSync({ "watchlist.csv": strToU8("x") }) }]);
    expect(flat.get("watchlist.csv")).toBe("x");
  });

  it("reads loose CSV files by their names", () => {
    const files = readUpload([
      { name: "diary.csv", bytes: strToU8(DIARY) },
      { name: "Watchlist.CSV", bytes: strToU8("Date,Name,Year,Letterboxd URI\n") },
    ]);
    expect([...files.keys()].sort()).toEqual(["diary.csv", "watchlist.csv"]);
  });

  it("refuses what is not a zip or a Letterboxd CSV", () => {
    expect(problemsOf(() => readUpload([{ name: "export.zip", bytes: strToU8("hello") }]))).toEqual(
      ["export.zip: this is not a zip file."],
    );
    expect(problemsOf(() => readUpload([{ name: "photo.png", bytes: strToU8("x") }]))[0]).toMatch(
      /photo\.png: not a \.zip or \.csv file/,
    );
    expect(problemsOf(() => readUpload([{ name: "films.csv", bytes: strToU8("x") }]))[0]).toMatch(
      /films\.csv: not one of the files this import reads/,
    );
    expect(problemsOf(() => readUpload([]))[0]).toMatch(/Choose your Letterboxd export/);
    const noCsv = zipSync({ "readme.txt": strToU8("hi") });
    expect(problemsOf(() => readUpload([{ name: "e.zip", bytes: noCsv }]))[0]).toMatch(
      /doesn't look like a Letterboxd export/,
    );
  });

  it("refuses binary content and NUL bytes, loose or zipped", () => {
    const nul = strToU8("Date,Name\u0000,Year\n");
    expect(problemsOf(() => readUpload([{ name: "diary.csv", bytes: nul }]))[0]).toMatch(
      /diary\.csv: this is not a text file/,
    );
    const binary = new Uint8Array([0xff, 0xfe, 0x00, 0x81, 0x92]);
    expect(problemsOf(() => readUpload([{ name: "ratings.csv", bytes: binary }]))[0]).toMatch(
      /not a text file/,
    );
    const zipped = zipSync({ "diary.csv": binary });
    expect(problemsOf(() => readUpload([{ name: "e.zip", bytes: zipped }]))[0]).toMatch(
      /e\.zip: diary\.csv is not text/,
    );
  });

  it("refuses an upload over the size limit, and says the limit", () => {
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    expect(problemsOf(() => readUpload([{ name: "diary.csv", bytes: big }]))[0]).toMatch(
      /the limit is 20 MB/,
    );
  });

  it("refuses a zip bomb by the bytes it actually inflates, not what its headers say", () => {
    // 200 MB of zeros compresses to about 200 KB
    const zeros = new Uint8Array(200 * 1024 * 1024);
    const bomb = zipSync({ "diary.csv": zeros }, { level: 1 });
    expect(bomb.length).toBeLessThan(MAX_UPLOAD_BYTES);
    const problems = problemsOf(() => readUpload([{ name: "bomb.zip", bytes: bomb }]));
    expect(problems[0]).toMatch(/bomb\.zip: its files inflate to more than 50 MB/);
    expect(MAX_INFLATED_BYTES).toBe(50 * 1024 * 1024);
  });

  it("refuses a zip that inflates far more than text does, even under the size cap", () => {
    const text = strToU8("Date,Name\n".repeat(500_000));
    const zip = zipSync({ "diary.csv": text }, { level: 9 });
    expect(problemsOf(() => readUpload([{ name: "r.zip", bytes: zip }]))[0]).toMatch(
      /r\.zip: its files inflate \d+ times over/,
    );
  });

  it("refuses a zip of too many entries and a damaged zip", () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i <= MAX_ZIP_ENTRIES; i++) many[`f${i}.txt`] = new Uint8Array(0);
    expect(problemsOf(() => readUpload([{ name: "m.zip", bytes: zipSync(many) }]))[0]).toMatch(
      /more than 2,000 files/,
    );
    const good = zipSync({ "diary.csv": strToU8(DIARY.repeat(50)) });
    const cut = good.slice(0, Math.floor(good.length / 2));
    expect(problemsOf(() => readUpload([{ name: "cut.zip", bytes: cut }]))[0]).toMatch(
      /cut\.zip: .*(damaged|cut short)/,
    );
  });

  it("refuses the same file twice", () => {
    expect(
      problemsOf(() =>
        readUpload([
          { name: "diary.csv", bytes: strToU8(DIARY) },
          { name: "e.zip", bytes: zipSync({ "diary.csv": strToU8(DIARY) }) },
        ]),
      )[0],
    ).toMatch(/diary\.csv was uploaded twice/);
  });
});
