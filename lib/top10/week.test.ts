import { describe, expect, it } from "vitest";
import { movementLabel, movementOf, movementText } from "./movement";
import { formatCompact, summarizeRun } from "./summary";
import { addDays, formatWeek, isSunday } from "./week";

describe("weeks", () => {
  it("shows a week by its Monday–Sunday span", () => {
    expect(formatWeek("2023-10-15")).toBe("Oct 9–15, 2023");
    expect(formatWeek("2023-10-08")).toBe("Oct 2–8, 2023");
    expect(formatWeek("2023-11-05")).toBe("Oct 30 – Nov 5, 2023");
    expect(formatWeek("2023-01-01")).toBe("Dec 26, 2022 – Jan 1, 2023");
  });
  it("knows Sundays and steps by days", () => {
    expect(isSunday("2023-10-15")).toBe(true);
    expect(isSunday("2023-10-14")).toBe(false);
    expect(addDays("2023-10-15", -7)).toBe("2023-10-08");
    expect(addDays("2024-03-03", -7)).toBe("2024-02-25");
  });
});

describe("movement", () => {
  it("compares with last week's rank", () => {
    expect(movementText(movementOf(1, 3, 2))).toBe("▲2 from #3");
    expect(movementText(movementOf(10, 3, 4))).toBe("▼7 from #3");
    expect(movementText(movementOf(10, 10, 5))).toBe("= (#10 last week)");
    expect(movementLabel(movementOf(1, 3, 2))).toBe("up 2 from #3");
  });
  it("tells a first week from a return", () => {
    expect(movementText(movementOf(3, null, 1))).toBe("new");
    expect(movementText(movementOf(6, null, 2))).toBe("re-entry");
  });
});

describe("run summary", () => {
  it("sums Ballerina's run", () => {
    const run = [
      { week: "2023-10-08", rank: 3, views: 10_100_000, hoursViewed: 15_800_000 },
      { week: "2023-10-15", rank: 1, views: 14_700_000, hoursViewed: 23_100_000 },
      { week: "2023-10-22", rank: 3, views: 4_200_000, hoursViewed: 6_600_000 },
      { week: "2023-10-29", rank: 10, views: 2_000_000, hoursViewed: 3_100_000 },
      { week: "2023-11-05", rank: 10, views: 1_300_000, hoursViewed: 2_000_000 },
    ];
    expect(summarizeRun(run)).toEqual({
      peakRank: 1,
      weeksAtPeak: 1,
      weeksAtNumberOne: 1,
      weeksInTop10: 5,
      totalViews: 32_300_000,
      weeksWithViews: 5,
      totalHours: 50_600_000,
      firstWeek: "2023-10-08",
      lastWeek: "2023-11-05",
    });
    expect(summarizeRun([])).toBeNull();
  });
  it("has no total views for weeks before Netflix published views", () => {
    expect(
      summarizeRun([{ week: "2022-01-02", rank: 2, views: null, hoursViewed: 10_000_000 }])
        ?.totalViews,
    ).toBeNull();
  });
  it("writes compact figures", () => {
    expect(formatCompact(14_700_000)).toBe("14.7M");
    expect(formatCompact(23_100_000)).toBe("23.1M");
    expect(formatCompact(890_000)).toBe("890K");
    expect(formatCompact(1_250_000_000)).toBe("1.25B");
    expect(formatCompact(52_190_000)).toBe("52.19M");
    expect(formatCompact(2_000_000)).toBe("2.0M");
    expect(formatCompact(1_300_000)).toBe("1.3M");
  });
});
