import { describe, expect, it } from "vitest";
import { movementLabel, movementOf, weekHighlights } from "./movement";

describe("movement", () => {
  it("reads new, re-entry, up, down and same", () => {
    expect(movementLabel(movementOf(3, null, 1))).toBe("new this week");
    expect(movementLabel(movementOf(3, null, 4))).toBe("back on the list");
    expect(movementLabel(movementOf(2, 7, 3))).toBe("up 5 from #7");
    expect(movementLabel(movementOf(7, 2, 3))).toBe("down 5 from #2");
    expect(movementLabel(movementOf(4, 4, 3))).toBe("unchanged at #4");
  });
});

describe("a week's highlights", () => {
  const row = (name: string, rank: number, previousRank: number | null, cumulativeWeeks = 2) => ({
    name,
    rank,
    previousRank,
    cumulativeWeeks,
  });
  const rows = [
    row("new at 4", 4, null, 1),
    row("new at 1", 1, null, 1),
    row("back", 2, null, 5),
    row("up 3", 3, 6),
    row("up 7 at 2", 2, 9),
    row("up 7 at 1", 1, 8),
    row("down", 8, 2),
    row("same", 5, 5),
  ];

  it("lists new entries by rank and leaves re-entries out", () => {
    expect(weekHighlights(rows, 5).entries.map((r) => r.name)).toEqual(["new at 1", "new at 4"]);
  });

  it("lists climbers by places gained, then rank, up to the limit", () => {
    const { climbers } = weekHighlights(rows, 2);
    expect(climbers.map((r) => [r.name, r.by])).toEqual([
      ["up 7 at 1", 7],
      ["up 7 at 2", 7],
    ]);
  });
});
