import { describe, expect, it } from "vitest";
import { parseProcStat, processTreeCpuMs, sumTree } from "./cpu";

describe("parseProcStat", () => {
  it("reads pid, parent and user plus system time, whatever the command name holds", () => {
    const line =
      "4259 (next-server (v16.4.6)) S 4200 4200 4200 0 -1 4194560 5000 0 12 0 1234 321 0 0 20 0 11 0";
    expect(parseProcStat(line)).toEqual({ pid: 4259, ppid: 4200, cpuMs: (1234 + 321) * 10 });
    expect(parseProcStat("garbage")).toBeNull();
  });
});

describe("sumTree", () => {
  it("adds a process and all its descendants, and nothing else", () => {
    const stats = [
      { pid: 1, ppid: 0, cpuMs: 1000 },
      { pid: 10, ppid: 1, cpuMs: 5 },
      { pid: 11, ppid: 10, cpuMs: 7 },
      { pid: 12, ppid: 11, cpuMs: 11 },
      { pid: 20, ppid: 1, cpuMs: 100 },
    ];
    expect(sumTree(stats, 10)).toBe(23);
    expect(sumTree(stats, 12)).toBe(11);
    expect(sumTree(stats, 99)).toBe(0);
  });

  it("sees this process spend CPU", () => {
    const before = processTreeCpuMs(process.pid);
    if (before == null) return; // no /proc here
    const until = Date.now() + 150;
    while (Date.now() < until) Math.sqrt(Math.random());
    expect(processTreeCpuMs(process.pid)! - before).toBeGreaterThanOrEqual(50);
  });
});
