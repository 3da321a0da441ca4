import { describe, expect, it } from "vitest";
import {
  formatRatio,
  formatTable,
  judgeTargets,
  percentile,
  scenarioTable,
  type ScenarioResult,
  visibilityLine,
  type Visibility,
} from "./report";

const m = (rps: number, p99 = 20, errors = 0) => ({
  rps,
  p50: 5,
  p99,
  errors,
  non2xx: errors,
  socketErrors: 0,
  requests: rps * 10,
});
const result = (key: string, rps: number, p99 = 20, errors = 0): ScenarioResult => ({
  key,
  name: key,
  path: `/${key}`,
  measurement: m(rps, p99, errors),
});
const seen: Visibility = {
  attempted: 10,
  acknowledged: 10,
  seen: 10,
  p50: 100,
  p99: 400,
  max: 400,
  fromSend: { p50: 300, p99: 900 },
  answer: { p50: 200, p99: 500 },
  unseenInOwnAnswer: 0,
  inOwnAnswer: 10,
  failed: 0,
  firstFailure: null,
};

describe("formatTable", () => {
  it("aligns every column to its widest cell, numbers on the right", () => {
    const text = formatTable(
      ["name", "req/s"],
      [
        ["film page", "812"],
        ["/about", "1200"],
      ],
      [false, true],
    );
    expect(text.split("\n")).toEqual([
      "name       req/s",
      "---------  -----",
      "film page    812",
      "/about      1200",
    ]);
  });
});

describe("formatRatio", () => {
  it("shows two decimals below 10× and one above", () => {
    expect(formatRatio(930, 1000)).toBe("0.93×");
    expect(formatRatio(1000, 45)).toBe("22.2×");
  });
  it("shows a dash when the baseline is zero", () => {
    expect(formatRatio(10, 0)).toBe("–");
  });
});

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe("visibilityLine", () => {
  it("counts the reviews their own answer showed, and no unseen ones when all were seen", () => {
    expect(visibilityLine(seen)).toContain(
      "10 of 10 were among the newest on the page rendered into their own answer\n",
    );
    expect(visibilityLine(seen)).not.toContain("not seen");
  });
  it("tells the unseen reviews pushed off the newest from those no poller caught", () => {
    const line = visibilityLine({ ...seen, seen: 7, unseenInOwnAnswer: 1, inOwnAnswer: 8 });
    expect(line).toContain("7 seen on the page");
    expect(line).toContain(
      "8 of 10 were among the newest on the page rendered into their own answer; of the 3 not " +
        "seen, 2 were not even there (pushed below by newer reviews before it was rendered), " +
        "1 was there but on no page the poller loaded",
    );
  });
});

describe("scenarioTable", () => {
  it("prints each scenario's ratio to the baseline", () => {
    const text = scenarioTable(
      [
        { ...result("baseline", 1000), bytes: 24 * 1024, cpuMsPerRequest: 0.5 },
        { ...result("film", 900), bytes: 100 * 1024, cpuMsPerRequest: 2 },
      ],
      1000,
    );
    // size, rate, latencies, errors, rate against the baseline, CPU per request and its ratio
    expect(text).toMatch(/film\s+\/film\s+100\.0\s+900\s+5\s+20\s+0\s+0\.90×\s+2\.00\s+0\.25×/);
    expect(text).toMatch(/baseline\s+\/baseline\s+24\.0\s+1000\s.*1\.00×\s+0\.50\s+1\.00×/);
  });
});

describe("judgeTargets", () => {
  const baseline = 1000;
  const all = (film: ScenarioResult, naive: ScenarioResult) => [
    result("baseline", baseline),
    film,
    result("charts", 800),
    result("api-film", 750),
    naive,
  ];

  it("meets every target when the cached pages keep up and the naive page is 10× slower", () => {
    const targets = judgeTargets(all(result("film", 800), result("naive", 80)), baseline, seen);
    expect(targets.map((t) => t.met)).toEqual([true, true, true, true, true]);
  });

  it("fails the film page on a slow p99 even at full speed", () => {
    const [film] = judgeTargets(all(result("film", 950, 140), result("naive", 50)), baseline, seen);
    expect(film).toMatchObject({ met: false, detail: "0.95×, p99 140 ms" });
  });

  it("fails the naive comparison when caching buys less than 10×", () => {
    const targets = judgeTargets(all(result("film", 800), result("naive", 81)), baseline, seen);
    expect(targets.at(-1)).toMatchObject({ met: false, detail: "9.88× slower" });
  });

  const visibility = (v: Visibility) =>
    judgeTargets(all(result("film", 800), result("naive", 10)), baseline, v).find((t) =>
      t.name.startsWith("a posted review"),
    );

  it("fails visibility when a review its own answer showed was never seen, however fast the others were", () => {
    expect(visibility({ ...seen, seen: 9, unseenInOwnAnswer: 1 })?.met).toBe(false);
  });

  it("counts a review pushed below the newest before any page showed it as no miss", () => {
    expect(visibility({ ...seen, seen: 8, inOwnAnswer: 8 })).toMatchObject({
      met: true,
      detail: "p99 400 ms, 8/10 seen, 2 pushed below the newest first",
    });
  });

  it("excuses no unseen review when the actions' answers carried no page at all", () => {
    expect(visibility({ ...seen, seen: 9, inOwnAnswer: 0 })?.met).toBe(false);
    // and tells no unseen review apart then
    expect(visibilityLine({ ...seen, seen: 9, inOwnAnswer: 0 })).not.toContain("not even there");
  });

  it("judges the writes at half the readers' rate apart from the saturated run", () => {
    const targets = judgeTargets(all(result("film", 800), result("naive", 10)), baseline, seen, {
      ...seen,
      p99: 1400,
    });
    expect(targets.find((t) => t.name.startsWith("a posted review"))?.met).toBe(true);
    expect(targets.find((t) => t.name.includes("half"))).toMatchObject({
      met: false,
      detail: "p99 1400 ms, 10/10 seen",
    });
  });
});
