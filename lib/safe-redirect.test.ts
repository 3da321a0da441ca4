import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it.each([
    "/",
    "/films/ballerina-2023",
    "/u/ada/lists/best?sort=new#top",
    "/search?q=%2F%2Fslashes",
    "/reviews/42",
  ])("keeps the on-site path %s", (path) => {
    expect(safeRedirectPath(path)).toBe(path);
  });

  it.each([
    "//evil.com",
    "//evil.com/films",
    "https://evil.com",
    "http://evil.com/",
    "/\\evil.com",
    "\\\\evil.com",
    "/\\/evil.com",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "/%2Fevil.com",
    "%2F%2Fevil.com",
    "/%5Cevil.com",
    "/%252F%252Fevil.com",
    "https%3A%2F%2Fevil.com",
    "/\t/evil.com",
    "/%09/evil.com",
    "/\n/evil.com",
    " //evil.com",
    "evil.com",
    "films",
    "",
    "/%E0%A4%A",
  ])("sends %j home", (input) => {
    expect(safeRedirectPath(input)).toBe("/");
  });

  it("sends non-strings home", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(["/films"])).toBe("/");
  });
});
