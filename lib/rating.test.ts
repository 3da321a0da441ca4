import { describe, expect, it } from "vitest";
import {
  applyRatingChange,
  averageStars,
  emptyStats,
  rankByWeightedAverage,
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

describe("the weighted average of the best-rated list", () => {
  // ratings in half stars: 10 is five stars
  const film = (name: string, ratings: number[]) => ({ name, ...recount(ratings) });

  it("pulls films with few ratings toward the site-wide mean", () => {
    const two = film("two fives", [10, 10]);
    const many = film("many 4.5s", Array<number>(40).fill(9));
    const low = film("low", Array<number>(20).fill(4));
    const { mean, ranked } = rankByWeightedAverage([two, many, low], { prior: 5, minRatings: 2 });
    // 20 + 360 + 80 half stars over 62 ratings
    expect(mean).toBeCloseTo(460 / 62 / 2, 10);
    expect(ranked.map((f) => f.name)).toEqual(["many 4.5s", "two fives", "low"]);
    const c = 460 / 62 / 2;
    expect(ranked[1]!.score).toBeCloseTo((c * 5 + 10) / 7, 10);
    expect(ranked[0]!.score).toBeCloseTo((c * 5 + 180) / 45, 10);
  });

  it("leaves out films under the minimum but counts their ratings in the mean", () => {
    const { mean, ranked } = rankByWeightedAverage(
      [film("one", [2]), film("three", [10, 10, 10])],
      { prior: 3, minRatings: 3 },
    );
    expect(mean).toBeCloseTo(32 / 4 / 2, 10);
    expect(ranked.map((f) => f.name)).toEqual(["three"]);
  });

  it("breaks ties by more ratings, and has no mean without ratings", () => {
    const { ranked } = rankByWeightedAverage(
      [film("a", [8, 8, 8]), film("b", Array<number>(9).fill(8))],
      {
        prior: 3,
        minRatings: 3,
      },
    );
    expect(ranked.map((f) => f.name)).toEqual(["b", "a"]);
    expect(rankByWeightedAverage([], { prior: 3, minRatings: 3 })).toEqual({
      mean: null,
      ranked: [],
    });
  });
});
