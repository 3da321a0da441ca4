import { describe, expect, it } from "vitest";
import { addDays } from "../top10/week";
import {
  buildReceptionTimeline,
  startOfUtcWeek,
  weekEnding,
  WEEKS_AFTER_RUN,
  WEEKS_BEFORE_RUN,
  type ChartWeekPoint,
} from "./timeline";

const run: ChartWeekPoint[] = [
  { week: "2023-10-08", list: "films-non-english", rank: 3, views: 10_100_000 },
  { week: "2023-10-15", list: "films-non-english", rank: 1, views: 14_700_000 },
  { week: "2023-10-29", list: "films-non-english", rank: 10, views: null },
];

describe("weekEnding", () => {
  it("names a day's Monday–Sunday week by its Sunday", () => {
    expect(weekEnding("2023-10-09")).toBe("2023-10-15"); // Monday
    expect(weekEnding("2023-10-15")).toBe("2023-10-15"); // Sunday
    expect(weekEnding("2023-12-31")).toBe("2023-12-31");
    expect(weekEnding("2024-01-01")).toBe("2024-01-07");
  });
});

describe("buildReceptionTimeline", () => {
  it("has nothing to show without a chart run", () => {
    expect(buildReceptionTimeline([], [{ week: "2023-10-15", count: 1, sum: 8 }])).toBeNull();
  });

  it("covers every week of the run, gaps included, with no ratings", () => {
    const t = buildReceptionTimeline(run, [])!;
    expect(t.weeks.map((w) => [w.week, w.rank])).toEqual([
      ["2023-10-08", 3],
      ["2023-10-15", 1],
      ["2023-10-22", null],
      ["2023-10-29", 10],
    ]);
    expect(t.weeks.every((w) => w.ratings === 0 && w.runningAverage === null)).toBe(true);
    expect(t.total).toEqual({ count: 0, sum: 0 });
  });

  it("keeps a running average of every rating up to each week", () => {
    const t = buildReceptionTimeline(run, [
      { week: "2023-10-15", count: 2, sum: 18 }, // 4.5 stars each
      { week: "2023-10-29", count: 1, sum: 3 },
    ])!;
    expect(t.weeks.map((w) => [w.ratings, w.runningCount, w.runningAverage])).toEqual([
      [0, 0, null],
      [2, 2, 9],
      [0, 2, 9],
      [1, 3, 7],
    ]);
  });

  it("stretches to ratings up to half a year after the run and counts later ones apart", () => {
    const soon = addDays("2023-10-29", 7 * 3);
    const late = addDays("2023-10-29", 7 * (WEEKS_AFTER_RUN + 5));
    const t = buildReceptionTimeline(run, [
      { week: soon, count: 1, sum: 10 },
      { week: late, count: 2, sum: 4 },
    ])!;
    expect(t.weeks.at(-1)?.week).toBe(soon);
    expect(t.after).toEqual({ count: 2, sum: 4, firstWeek: late });
    expect(t.total).toEqual({ count: 3, sum: 14 });

    const onlyLate = buildReceptionTimeline(run, [{ week: late, count: 1, sum: 6 }])!;
    expect(onlyLate.weeks.at(-1)?.week).toBe("2023-10-29");
    expect(onlyLate.weeks.every((w) => w.ratings === 0)).toBe(true);
  });

  it("starts the average with ratings from before the weeks shown", () => {
    const early = addDays("2023-10-08", -7 * (WEEKS_BEFORE_RUN + 10));
    const t = buildReceptionTimeline(run, [
      { week: early, count: 1, sum: 2 },
      { week: "2023-10-01", count: 1, sum: 10 },
    ])!;
    expect(t.weeks[0]?.week).toBe("2023-10-01");
    expect(t.before).toEqual({ count: 1, sum: 2 });
    expect(t.weeks[0]?.runningAverage).toBe(6);
    expect(t.weeks[0]?.ratings).toBe(1);
  });

  it("takes the best rank of a week on two lists", () => {
    const t = buildReceptionTimeline(
      [
        { week: "2023-10-08", list: "films-english", rank: 7, views: 1 },
        { week: "2023-10-08", list: "films-non-english", rank: 2, views: 2 },
      ],
      [],
    )!;
    expect(t.weeks).toHaveLength(1);
    expect(t.weeks[0]).toMatchObject({ rank: 2, list: "films-non-english", views: 2 });
  });
});

describe("startOfUtcWeek", () => {
  it("is the Monday at midnight UTC of the Monday–Sunday week, as ratings are counted", () => {
    const monday = "2023-10-09T00:00:00.000Z";
    for (const moment of [
      "2023-10-09T00:00:00.000Z",
      "2023-10-11T13:45:00.000Z",
      "2023-10-15T23:59:59.999Z",
    ])
      expect(startOfUtcWeek(new Date(moment)).toISOString(), moment).toBe(monday);
    expect(startOfUtcWeek(new Date("2023-10-08T23:59:59.999Z")).toISOString()).toBe(
      "2023-10-02T00:00:00.000Z",
    );
    // and it agrees with the week a rating is counted in (the Sunday ending it)
    expect(
      weekEnding(startOfUtcWeek(new Date("2024-02-29T10:00:00Z")).toISOString().slice(0, 10)),
    ).toBe("2024-03-03");
  });
});
