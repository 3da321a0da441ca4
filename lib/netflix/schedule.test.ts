import { describe, expect, it } from "vitest";
import { isSyncDue, lastChecked, nextSyncCheck } from "./schedule";

const at = (iso: string) => new Date(iso);

describe("the weekly sync schedule", () => {
  it("checks at once when Netflix was never checked", () => {
    expect(isSyncDue(at("2026-11-26T10:00:00Z"), null)).toBe(true);
  });

  it("checks every few hours on Tuesdays, when Netflix publishes", () => {
    const tuesday = at("2026-11-24T15:00:00Z");
    expect(isSyncDue(tuesday, at("2026-11-24T12:00:00Z"))).toBe(false);
    expect(isSyncDue(tuesday, at("2026-11-24T10:59:00Z"))).toBe(true);
  });

  it("leaves other days alone unless a whole week went unchecked", () => {
    expect(isSyncDue(at("2026-11-27T12:00:00Z"), at("2026-11-24T20:00:00Z"))).toBe(false);
    expect(isSyncDue(at("2026-12-02T12:00:00Z"), at("2026-11-24T20:00:00Z"))).toBe(true);
  });

  it("names the next Tuesday check", () => {
    expect(nextSyncCheck(at("2026-11-27T12:00:00Z"), at("2026-11-24T20:00:00Z"))).toEqual(
      at("2026-12-01T00:00:00Z"),
    );
  });

  it("takes the least recently checked file, and none while a file was never checked", () => {
    const files = [
      { checkedAt: at("2026-11-24T20:00:00Z") },
      { checkedAt: at("2026-11-24T18:00:00Z") },
      { checkedAt: at("2026-11-24T21:00:00Z") },
    ];
    expect(lastChecked(files)).toEqual(at("2026-11-24T18:00:00Z"));
    expect(lastChecked(files.slice(0, 2))).toBeNull();
    expect(lastChecked([...files.slice(0, 2), { checkedAt: null }])).toBeNull();
  });
});
