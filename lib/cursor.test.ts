import { describe, expect, it } from "vitest";
import { fitsInteger, isCursorDate, isCursorKey, isCursorMoment } from "./cursor";

describe("what a cursor may hold", () => {
  it("takes moments PostgreSQL reads, in either of the forms pages write", () => {
    expect(isCursorMoment("2025-10-12T09:30:01.123Z")).toBe(true);
    expect(isCursorMoment("2025-10-12 09:30:01.123456+00")).toBe(true);
    expect(isCursorMoment("0001-01-01T00:00:00.000Z")).toBe(true);
  });

  it("refuses moments JavaScript reads but PostgreSQL does not", () => {
    expect(isCursorMoment("0000-12-31T23:59:59.999Z")).toBe(false);
    expect(isCursorMoment("-000005-01-01T00:00:00.000Z")).toBe(false);
    expect(isCursorMoment("+275760-09-13T00:00:00.000Z")).toBe(false);
    expect(isCursorMoment("not a date")).toBe(false);
    expect(isCursorMoment(20251012)).toBe(false);
    // JavaScript rolls these over or reads any offset; PostgreSQL fails the query
    expect(isCursorMoment("2024-02-30 10:00:00+00")).toBe(false);
    expect(isCursorMoment("2025-10-12 09:30:01.123456+99")).toBe(false);
    expect(isCursorMoment("2025-10-12 24:00:00+00")).toBe(false);
    expect(isCursorMoment("2024-02-29 10:00:00.5-03:30")).toBe(true);
  });

  it("takes the days diary pages key on, and no day that does not exist", () => {
    expect(isCursorDate("2025-03-01")).toBe(true);
    expect(isCursorDate("0001-01-01")).toBe(true);
    expect(isCursorDate("2024-02-30")).toBe(false);
    expect(isCursorDate("0000-01-01")).toBe(false);
    expect(isCursorDate("2025-3-1")).toBe(false);
    expect(isCursorDate(20250301)).toBe(false);
  });

  it("takes whole numbers an integer column can be compared with, and no others", () => {
    expect(fitsInteger(2_147_483_647)).toBe(true);
    expect(fitsInteger(-3)).toBe(true);
    expect(fitsInteger(2_147_483_648)).toBe(false);
    expect(fitsInteger(2 ** 53 - 1)).toBe(false);
    expect(fitsInteger(1.5)).toBe(false);
    expect(fitsInteger("7")).toBe(false);
  });

  it("takes user ids, and no text PostgreSQL would refuse as a parameter", () => {
    expect(isCursorKey("c0f1ca41-7af2-4647-89fe-26f62e7cf70a")).toBe(true);
    expect(isCursorKey("전종서")).toBe(true);
    expect(isCursorKey("\u0000")).toBe(false);
    expect(isCursorKey("a\uD800b")).toBe(false);
    expect(isCursorKey("x".repeat(201))).toBe(false);
    expect(isCursorKey(7)).toBe(false);
  });
});
