import { describe, expect, test } from "vitest";
import { parseSoakOptions } from "./soak-options";

describe("bench:soak options", () => {
  test("ten minutes at 50 connections, a fifth of them writing, by default", () => {
    expect(parseSoakOptions([])).toEqual({
      quick: false,
      minutes: 10,
      connections: 50,
      writers: 10,
      databaseUrl: null,
      port: 3341,
    });
  });

  test("--quick is one minute unless told otherwise", () => {
    expect(parseSoakOptions(["--quick"])).toMatchObject({ quick: true, minutes: 1 });
    expect(parseSoakOptions(["--quick", "--minutes", "0.5"])).toMatchObject({ minutes: 0.5 });
  });

  test("refuses what cannot run", () => {
    expect(() => parseSoakOptions(["--minutes", "0"])).toThrow("--minutes must be a positive");
    expect(() => parseSoakOptions(["--connections", "4", "--writers", "4"])).toThrow(
      "--writers must leave",
    );
    expect(() => parseSoakOptions(["--seconds", "5"])).toThrow();
  });
});
