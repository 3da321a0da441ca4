import { describe, expect, it } from "vitest";
import {
  applyRatingChange,
  averageStars,
  emptyStats,
  recount,
  starsLabel,
  starsToHalfStars,
} from "./rating";

describe("half-star ratings", () => {
  it("reads stars in half steps from 0.5 to 5", () => {
    expect(starsToHalfStars("4.5")).toBe(9);
    expect(starsToHalfStars("0.5")).toBe(1);
    expect(starsToHalfStars(5)).toBe(10);
    expect(starsToHalfStars("3")).toBe(6);
  });
  it.each(["0", "5.5", "3.7", "11", "-1", "", "four", "4.50.1", "1e1"])("refuses %j", (value) => {
    expect(starsToHalfStars(value)).toBeNull();
  });
  it("labels ratings for people", () => {
    expect(starsLabel(9)).toBe("4.5 stars");
    expect(starsLabel(2)).toBe("1 star");
    expect(starsLabel(1)).toBe("0.5 stars");
  });
});

describe("aggregates", () => {
  it("averages to one decimal", () => {
    expect(averageStars({ count: 0, sum: 0 })).toBeNull();
    expect(averageStars({ count: 3, sum: 9 + 8 + 7 })).toBe(4);
    expect(averageStars({ count: 3, sum: 9 + 9 + 8 })).toBe(4.3);
  });
  it("adds, changes and removes a rating", () => {
    const one = applyRatingChange(emptyStats(), null, 9);
    expect(one).toEqual({ count: 1, sum: 9, histogram: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0] });
    const changed = applyRatingChange(one, 9, 4);
    expect(changed).toEqual({ count: 1, sum: 4, histogram: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0] });
    expect(applyRatingChange(changed, 4, null)).toEqual(emptyStats());
  });
  it("recounts to the same as applying each change", () => {
    expect(recount([1, 10, 10, 5])).toEqual({
      count: 4,
      sum: 26,
      histogram: [1, 0, 0, 0, 1, 0, 0, 0, 0, 2],
    });
  });
});
