/**
 * The resident memory of a process and every process under it, from Linux's /proc: what the
 * server costs in RAM, whether the server runs it in one process or several.
 */
import fs from "node:fs";

/** `VmRSS:   123456 kB` of a /proc/<pid>/status text, in bytes; null for a kernel thread. */
export function parseVmRss(status: string): number | null {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** The parent pid in a /proc/<pid>/stat line (the command may hold spaces and parentheses). */
export function parsePpid(stat: string): number {
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(rest[1]);
}

/** `root` and its descendants, given each process's parent. */
export function descendants(root: number, parents: Map<number, number>): number[] {
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

const read = (file: string) => {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null; // the process ended meanwhile
  }
};

/** Bytes resident in `root`'s process tree now; null when /proc is not there (not Linux). */
export function treeRss(root: number): number | null {
  if (!fs.existsSync("/proc/self/status")) return null;
  const parents = new Map<number, number>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    if (stat) parents.set(Number(name), parsePpid(stat));
  }
  let total = 0;
  for (const pid of descendants(root, parents)) {
    const status = read(`/proc/${pid}/status`);
    total += (status && parseVmRss(status)) || 0;
  }
  return total;
}

export type RssVerdict = { start: number; middle: number; end: number; grows: boolean };

/**
 * Start, middle and end of the samples, and whether memory grows steadily: the end more than 1.5×
 * the middle (the start is before the caches fill, so it is not the reference).
 */
export function judgeRss(samples: { at: number; bytes: number }[]): RssVerdict | null {
  if (samples.length < 3) return null;
  const start = samples[0]!.bytes;
  const middle = samples[Math.floor((samples.length - 1) / 2)]!.bytes;
  const end = samples.at(-1)!.bytes;
  return { start, middle, end, grows: end > 1.5 * middle };
}
