import { describe, expect, it } from "vitest";
import { matchTitle, normalizeTitle, runtimesAgree, type TitleCandidate } from "./match";

const film = (over: Partial<TitleCandidate> & { id: number; title: string }): TitleCandidate => ({
  originalTitle: null,
  year: 2023,
  runtimeMinutes: null,
  originalLanguage: null,
  chartedEnglish: null,
  ...over,
});

const korean = film({
  id: 1,
  title: "Ballerina",
  originalTitle: "발레리나",
  year: 2023,
  runtimeMinutes: 92,
  originalLanguage: "ko",
});
const animated = film({
  id: 2,
  title: "Ballerina",
  year: 2016,
  runtimeMinutes: 89,
  originalLanguage: "en",
});

describe("normalizeTitle", () => {
  it("ignores case, accents and punctuation", () => {
    expect(normalizeTitle("Love is in the Air")).toBe(normalizeTitle("Love Is In The Air!"));
    expect(normalizeTitle("Ice Cold: Murder, Coffee and Jessica Wongso")).toBe(
      normalizeTitle("Ice Cold - Murder, Coffee & Jessica Wongso"),
    );
    expect(normalizeTitle("Ìjọ̀gbọ̀n")).toBe("ijogbon");
    expect(normalizeTitle("발레리나")).toBe("발레리나");
  });
});

describe("matching a chart row to a film", () => {
  it("puts Netflix's 94-minute Ballerina on the 92-minute Korean film", () => {
    const result = matchTitle([korean, animated], {
      title: "Ballerina",
      english: false,
      runtimeMinutes: 94,
      weekYear: 2023,
    });
    expect(result).toEqual({ kind: "match", candidate: korean });
  });

  it("puts the English-list Ballerina of 2024 on the other film", () => {
    const result = matchTitle([korean, animated], {
      title: "Ballerina",
      english: true,
      runtimeMinutes: 89,
      weekYear: 2024,
    });
    expect(result).toEqual({ kind: "match", candidate: animated });
  });

  it("matches the original title too", () => {
    expect(
      matchTitle([korean], {
        title: "발레리나",
        english: false,
        runtimeMinutes: null,
        weekYear: 2023,
      }).kind,
    ).toBe("match");
  });

  it("finds nothing when the runtime is far off or the film came out later", () => {
    expect(
      matchTitle([korean], {
        title: "Ballerina",
        english: false,
        runtimeMinutes: 130,
        weekYear: 2023,
      }).kind,
    ).toBe("none");
    expect(
      matchTitle([korean], {
        title: "Ballerina",
        english: false,
        runtimeMinutes: 94,
        weekYear: 2022,
      }).kind,
    ).toBe("none");
  });

  it("uses the lists a film charted on when its language is unknown", () => {
    const imported = film({ id: 3, title: "Nowhere", chartedEnglish: false });
    expect(
      matchTitle([imported], {
        title: "Nowhere",
        english: true,
        runtimeMinutes: null,
        weekYear: 2023,
      }).kind,
    ).toBe("none");
    expect(
      matchTitle([imported], {
        title: "Nowhere",
        english: false,
        runtimeMinutes: null,
        weekYear: 2023,
      }).kind,
    ).toBe("match");
  });

  it("reports, and does not guess, when two films fit", () => {
    const twin = film({
      id: 4,
      title: "Ballerina",
      year: 2020,
      runtimeMinutes: 90,
      originalLanguage: "ko",
    });
    const result = matchTitle([korean, twin], {
      title: "Ballerina",
      english: false,
      runtimeMinutes: 94,
      weekYear: 2023,
    });
    expect(result.kind).toBe("ambiguous");
    expect(result.kind === "ambiguous" && result.candidates.map((c) => c.id)).toEqual([1, 4]);
  });

  it("tolerates a few minutes, more for long films", () => {
    expect(runtimesAgree(92, 94)).toBe(true);
    expect(runtimesAgree(92, 99)).toBe(false);
    expect(runtimesAgree(140, 149)).toBe(true);
  });
});
