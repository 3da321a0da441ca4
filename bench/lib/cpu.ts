/**
 * The CPU time a server spends, read from /proc (Linux): on a two-core machine the load generator
 * competes with the server for the cores, so requests per second partly measure the client. CPU
 * milliseconds per request measure the server alone.
 */
import fs from "node:fs";

/** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on. */
const TICK_MS = 10;

export type ProcStat = { pid: number; ppid: number; cpuMs: number };

/**
 * One /proc/<pid>/stat line. The command name (second field) is in parentheses and may itself
 * hold spaces and parentheses, so the fields are counted from the last ')'.
 */
export function parseProcStat(line: string): ProcStat | null {
  const open = line.indexOf("(");
  const close = line.lastIndexOf(")");
  if (open < 0 || close < open) return null;
  const pid = Number(line.slice(0, open).trim());
  // after the name: state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
  const rest = line
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const ppid = Number(rest[1]);
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (![pid, ppid, utime, stime].every(Number.isInteger)) return null;
  return { pid, ppid, cpuMs: (utime + stime) * TICK_MS };
}

function readStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = parseProcStat(fs.readFileSync(`/proc/${name}/stat`, "utf8"));
      if (stat) stats.push(stat);
    } catch {
      // the process ended meanwhile
    }
  }
  return stats;
}

/** The CPU time of `rootPid` and every process below it, summed. */
export function sumTree(stats: ProcStat[], rootPid: number): number {
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let total = 0;
  const stack = stats.filter((s) => s.pid === rootPid);
  while (stack.length) {
    const s = stack.pop()!;
    total += s.cpuMs;
    stack.push(...(children.get(s.pid) ?? []));
  }
  return total;
}

/** CPU milliseconds used so far by a process and its descendants; null where there is no /proc. */
export function processTreeCpuMs(rootPid: number): number | null {
  if (!fs.existsSync("/proc/self/stat")) return null;
  return sumTree(readStats(), rootPid);
}
