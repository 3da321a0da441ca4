import { describe, expect, it } from "vitest";
import {
  countryName,
  formatDate,
  formatRuntime,
  isoDuration,
  languageName,
  plural,
} from "./format";

describe("formatRuntime", () => {
  it.each([
    [92, "1h 32m"],
    [120, "2h"],
    [45, "45m"],
    [157, "2h 37m"],
  ])("%i minutes → %s", (minutes, text) => {
    expect(formatRuntime(minutes)).toBe(text);
  });

  it("has nothing to say about an unknown or impossible runtime", () => {
    expect(formatRuntime(null)).toBeNull();
    expect(formatRuntime(0)).toBeNull();
    expect(formatRuntime(-5)).toBeNull();
  });
});

describe("isoDuration", () => {
  it("writes schema.org durations", () => {
    expect(isoDuration(92)).toBe("PT1H32M");
    expect(isoDuration(120)).toBe("PT2H");
    expect(isoDuration(45)).toBe("PT45M");
  });
});

describe("names of languages and countries", () => {
  it("spells out codes in English", () => {
    expect(languageName("ko")).toBe("Korean");
    expect(languageName("pl")).toBe("Polish");
    expect(countryName("KR")).toBe("South Korea");
    expect(countryName("es")).toBe("Spain");
  });
  it("passes unknown values through", () => {
    expect(languageName(null)).toBeNull();
    expect(languageName("not a code")).toBe("not a code");
  });
});

describe("formatDate", () => {
  it("shows a calendar day whatever the server's time zone", () => {
    expect(formatDate("2023-10-06")).toBe("October 6, 2023");
    expect(formatDate("2024-02-29")).toBe("February 29, 2024");
    expect(formatDate("nonsense")).toBeNull();
  });
});

describe("plural", () => {
  it("agrees with the count", () => {
    expect(plural(1, "film")).toBe("1 film");
    expect(plural(14, "film")).toBe("14 films");
    expect(plural(1200, "person", "people")).toBe("1,200 people");
  });
});
