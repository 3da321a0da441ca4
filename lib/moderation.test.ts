import { describe, expect, it } from "vitest";
import { reasonLabel, restrictionSentence } from "./moderation";

describe("what users are told", () => {
  it("names the sanction, its end and, when given, its reason", () => {
    expect(restrictionSentence({ kind: "silence", until: "2026-12-01T21:30:00Z" })).toBe(
      "Your account is silenced until December 1, 2026 at 9:30 PM UTC: you can read, but not post, comment, like or report.",
    );
    expect(restrictionSentence({ kind: "suspend", until: "2026-12-01T21:30:00Z" }, "spam")).toBe(
      "Your account is suspended until December 1, 2026 at 9:30 PM UTC for spam.",
    );
    expect(restrictionSentence({ kind: "ban", until: null }, reasonLabel("harassment"))).toBe(
      "Your account is banned for harassment or hate.",
    );
  });
});
