import { describe, expect, test } from "vitest";
import { descendants, judgeRss, parsePpid, parseVmRss, treeRss } from "./rss";

describe("a process tree's resident memory", () => {
  test("reads VmRSS and the parent pid as Linux writes them", () => {
    expect(parseVmRss("Name:\tnode\nVmPeak:\t  900 kB\nVmRSS:\t  123456 kB\nThreads: 11\n")).toBe(
      123456 * 1024,
    );
    expect(parseVmRss("Name:\tkworker/0:1\nThreads:\t1\n")).toBeNull();
    // a command with a space and a parenthesis in it
    expect(parsePpid("4242 (next-server (v16)) S 4241 4242 100 0 -1")).toBe(4241);
  });

  test("counts the children and grandchildren, not the siblings", () => {
    const parents = new Map([
      [2, 1],
      [3, 2],
      [4, 3],
      [5, 1],
      [6, 5],
    ]);
    expect(descendants(2, parents).sort()).toEqual([2, 3, 4]);
  });

  test("this process has some memory resident", () => {
    const bytes = treeRss(process.pid);
    if (bytes != null) expect(bytes).toBeGreaterThan(10 * 2 ** 20);
  });

  test("flags an end above 1.5 × the middle as growth", () => {
    const at = (bytes: number[]) => bytes.map((b, i) => ({ at: i, bytes: b }));
    expect(judgeRss(at([100, 300, 310, 320, 400]))).toEqual({
      start: 100,
      middle: 310,
      end: 400,
      grows: false,
    });
    expect(judgeRss(at([100, 200, 250, 300, 400]))?.grows).toBe(true);
    expect(judgeRss(at([100, 200]))).toBeNull();
  });
});
