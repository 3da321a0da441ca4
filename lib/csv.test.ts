import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes delimiters, quotes and line breaks, and keeps Hangul", () => {
    const csv = toCsv(
      ["film", "review"],
      [
        ["발레리나", 'Tense, "wet"\nand loud'],
        ["Nowhere", null],
      ],
    );
    expect(csv).toBe('\ufefffilm,review\r\n발레리나,"Tense, ""wet""\nand loud"\r\nNowhere,\r\n');
  });
  it("keeps formulas from running in spreadsheets", () => {
    expect(toCsv(["x"], [["=HYPERLINK(1)"]])).toBe('\ufeffx\r\n"\'=HYPERLINK(1)"\r\n');
  });
});
