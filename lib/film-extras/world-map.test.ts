import { describe, expect, it } from "vitest";
import { compactPath, numericCode, RANK_BANDS, rankBand, worldShapes } from "./world-map";

describe("the world map", () => {
  it("maps Netflix's alpha-2 country codes to world-atlas's numeric ids", () => {
    expect(numericCode("KR")).toBe("410");
    expect(numericCode("au")).toBe("036");
    expect(numericCode("ZZ")).toBeNull();
    const ids = new Set(worldShapes().map((s) => s.id));
    for (const iso of ["KR", "US", "BR", "FR", "IN", "JP", "AU"]) {
      expect(ids.has(numericCode(iso)!), iso).toBe(true);
    }
  });

  it("writes outlines as whole-pixel relative moves, small enough to inline", () => {
    expect(compactPath("M10,20L12,20L12,20L13,25ZM40,40L41,39Z")).toBe(
      "M10,20l2,0l1,5zM40,40l1,-1z",
    );
    const shapes = worldShapes();
    expect(shapes.length).toBeGreaterThan(170);
    expect(shapes.every((s) => /^(M-?\d+,-?\d+(l-?\d+,-?\d+)*z)+$/.test(s.d))).toBe(true);
    const bytes = shapes.reduce((n, s) => n + s.d.length, 0);
    expect(bytes).toBeLessThan(60_000);
  });

  it("shades every rank from 1 to 10, one band each", () => {
    for (let rank = 1; rank <= 10; rank++) {
      expect(
        RANK_BANDS.filter((b) => rank >= b.from && rank <= b.to),
        String(rank),
      ).toHaveLength(1);
    }
    expect(rankBand(1)?.label).toBe("#1");
    expect(rankBand(10)?.label).toBe("#7–10");
    expect(rankBand(11)).toBeNull();
  });
});
