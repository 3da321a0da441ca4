import { describe, expect, it } from "vitest";
import { FILM_SLUG_PATTERN, filmSlug, slugify, uniqueFilmSlug } from "./slug";

describe("slugs", () => {
  it("makes film slugs from the title and the year", () => {
    expect(filmSlug("Ballerina", 2023)).toBe("ballerina-2023");
    expect(filmSlug("Ballerina", 2016)).toBe("ballerina-2016");
    expect(filmSlug("Spy Kids: Armageddon", 2023)).toBe("spy-kids-armageddon-2023");
    expect(filmSlug("Ìjọ̀gbọ̀n", 2023)).toBe("ijogbon-2023");
    expect(filmSlug("Don't Look Up", 2021)).toBe("dont-look-up-2021");
  });

  it("leaves the year out when no source gives it", () => {
    expect(filmSlug("Code 8", null)).toBe("code-8");
    expect(filmSlug("1917", null)).toBe("1917");
  });

  it("numbers a second title of the same name rather than guessing what tells them apart", () => {
    const taken = new Set(["ballerina", "ballerina-2"]);
    expect(uniqueFilmSlug("Ballerina", null, taken)).toBe("ballerina-3");
    expect(uniqueFilmSlug("Ballerina", 2016, taken)).toBe("ballerina-2016");
    expect(uniqueFilmSlug("Ballerina", 2016, new Set(["ballerina-2016"]))).toBe("ballerina-2016-2");
  });

  it("folds accents and letters without decompositions", () => {
    expect(slugify("Michał Gazda")).toBe("michal-gazda");
    expect(slugify("Éric Warin")).toBe("eric-warin");
    expect(slugify("Andy García")).toBe("andy-garcia");
    expect(slugify("Tom & Jerry")).toBe("tom-and-jerry");
  });

  it("still makes a valid slug from a title with no Latin letters", () => {
    const slug = filmSlug("발레리나", 2023);
    expect(slug).toBe("title-2023");
    expect(FILM_SLUG_PATTERN.test(slug)).toBe(true);
    expect(FILM_SLUG_PATTERN.test(filmSlug("발레리나", null))).toBe(true);
  });

  it("accepts only well-formed film slugs", () => {
    expect(FILM_SLUG_PATTERN.test("ballerina-2023")).toBe(true);
    expect(FILM_SLUG_PATTERN.test("ballerina")).toBe(true);
    expect(FILM_SLUG_PATTERN.test("_")).toBe(false);
    expect(FILM_SLUG_PATTERN.test("Ballerina-2023")).toBe(false);
    expect(FILM_SLUG_PATTERN.test("ballerina--2023")).toBe(false);
  });
});
