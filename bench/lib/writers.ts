/**
 * The write scenario's writers and its pollers: signed-in viewers post reviews at a steady rate
 * through the real server action while separate anonymous readers fetch the page until each
 * review's unique text appears.
 */
import { randomBytes } from "node:crypto";
import { callAction, signIn, type CookieJar } from "./action";
import { percentile, type Visibility, type WriteCost } from "./report";

type Posted = {
  text: string;
  sentAt: number;
  ackAt: number | null;
  seenAt: number | null;
  /** Whether the page rendered into the action's own answer showed it among the newest. */
  inOwnAnswer: boolean;
};

/** Signs every writer in, a few at a time (each sign-in hashes a password on the server). */
export async function signInAll(
  base: string,
  writers: { email: string; password: string }[],
  concurrency = 4,
): Promise<CookieJar[]> {
  const jars: CookieJar[] = new Array<CookieJar>(writers.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < writers.length) {
        const i = next++;
        jars[i] = await signIn(base, writers[i]!.email, writers[i]!.password);
      }
    }),
  );
  return jars;
}

/**
 * Posts `rate` reviews per second for `seconds` (one per writer: a viewer reviews a film once)
 * and polls `pagePath` anonymously until each acknowledged review shows, or `graceMs` after the
 * last one. Returns the delays between each action's answer and the first page showing it, and
 * between its sending and that page, and which reviews the page rendered into their own answer
 * showed among the newest.
 */
export async function writeAndWatch(opts: {
  base: string;
  pagePath: string;
  actionId: string;
  filmId: number;
  jars: CookieJar[];
  rate: number;
  seconds: number;
  graceMs?: number;
  /** Page requests the poller keeps in flight. */
  pollers?: number;
}): Promise<Visibility> {
  const run = randomBytes(4).toString("hex");
  const total = Math.min(opts.jars.length, Math.round(opts.rate * opts.seconds));
  const posted: Posted[] = [];
  const failures: string[] = [];
  const started = Date.now();
  let writing = true;

  const writes = Array.from({ length: total }, async (_, i) => {
    await new Promise((r) => setTimeout(r, started + (i * 1000) / opts.rate - Date.now()));
    const item: Posted = {
      text: `Benchmark review ${run} number ${i} written at ${new Date().toISOString()}`,
      sentAt: Date.now(),
      ackAt: null,
      seenAt: null,
      inOwnAnswer: false,
    };
    posted.push(item);
    try {
      const answer = await callAction({
        base: opts.base,
        pagePath: opts.pagePath,
        actionId: opts.actionId,
        // (previousState, input), as useActionState calls the action
        args: [null, { filmId: opts.filmId, rating: 0.5 + (i % 10) / 2, body: item.text }],
        jar: opts.jars[i]!,
      });
      if (answer.ok) {
        item.ackAt = Date.now();
        item.inOwnAnswer = answer.body.includes(item.text);
      } else failures.push(answer.error ?? "unknown");
    } catch (error) {
      failures.push((error as Error).message);
    }
  });

  // A review stays on the page's first ten for about 10/rate seconds: several polls in flight,
  // started a moment apart, catch it even when one page takes longer than that to answer. While
  // writes keep expiring the page, each render reaches only the requests that wait for it or
  // come before the next write: with four pollers, a saturated server's run had two reviews
  // that the page rendered into their own answers showed, on no page a poller loaded (with
  // eight, none).
  const pollOnce = async (pending: Posted[]) => {
    try {
      const html = await (await fetch(opts.base + opts.pagePath)).text();
      const now = Date.now();
      for (const p of pending) if (p.seenAt == null && html.includes(p.text)) p.seenAt = now;
    } catch {
      // counted as unseen if it never shows
    }
  };
  const grace = opts.graceMs ?? 5000;
  let writesEnded = Infinity;
  const pollers = Array.from({ length: opts.pollers ?? 8 }, async (_, n) => {
    await new Promise((r) => setTimeout(r, (n * 250) / (opts.pollers ?? 8)));
    for (;;) {
      const pending = posted.filter((p) => p.seenAt == null && (p.ackAt != null || writing));
      if (!writing && (pending.length === 0 || Date.now() - writesEnded > grace)) return;
      await pollOnce(pending);
    }
  });

  await Promise.all(writes);
  writing = false;
  writesEnded = Date.now();
  await Promise.all(pollers);

  const acknowledged = posted.filter((p) => p.ackAt != null);
  const seenOnes = acknowledged.filter((p) => p.seenAt != null);
  const sorted = (values: number[]) => values.sort((a, b) => a - b);
  // seen before its own answer arrived (the answer carries the re-rendered page): no delay
  const delays = sorted(seenOnes.map((p) => Math.max(0, p.seenAt! - p.ackAt!)));
  const fromSend = sorted(seenOnes.map((p) => p.seenAt! - p.sentAt));
  const answers = sorted(acknowledged.map((p) => p.ackAt! - p.sentAt));
  const unseen = acknowledged.filter((p) => p.seenAt == null);
  return {
    attempted: total,
    acknowledged: acknowledged.length,
    seen: delays.length,
    p50: percentile(delays, 50),
    p99: percentile(delays, 99),
    max: delays.at(-1) ?? null,
    fromSend: { p50: percentile(fromSend, 50), p99: percentile(fromSend, 99) },
    answer: { p50: percentile(answers, 50), p99: percentile(answers, 99) },
    unseenInOwnAnswer: unseen.filter((p) => p.inOwnAnswer).length,
    inOwnAnswer: acknowledged.filter((p) => p.inOwnAnswer).length,
    failed: failures.length,
    firstFailure: failures[0] ?? null,
  };
}

/**
 * Posts one review per writer, one after another on an otherwise idle server, and reads the
 * server's CPU time (`cpuMs`) around each action and the two page requests after it. The CPU
 * clock ticks in 10 ms steps, hence means over many reviews. Null where the CPU time is unknown.
 */
export async function writeCost(opts: {
  base: string;
  pagePath: string;
  actionId: string;
  filmId: number;
  jars: CookieJar[];
  cpuMs: () => number | null;
}): Promise<WriteCost | null> {
  if (opts.cpuMs() == null || opts.jars.length === 0) return null;
  const run = randomBytes(4).toString("hex");
  const sums = { action: 0, render: 0, cached: 0 };
  const timed = async (key: keyof typeof sums, step: () => Promise<void>) => {
    const before = opts.cpuMs()!;
    await step();
    sums[key] += opts.cpuMs()! - before;
  };
  const readPage = async () => {
    const page = await fetch(opts.base + opts.pagePath);
    if (!page.ok) throw new Error(`${opts.pagePath} answered ${page.status}`);
    await page.arrayBuffer();
  };
  for (const [i, jar] of opts.jars.entries()) {
    await timed("action", async () => {
      const answer = await callAction({
        base: opts.base,
        pagePath: opts.pagePath,
        actionId: opts.actionId,
        args: [null, { filmId: opts.filmId, rating: 4, body: `Cost of a review ${run} ${i}` }],
        jar,
      });
      if (!answer.ok) throw new Error(`Posting a review failed: ${answer.error}`);
    });
    await timed("render", readPage);
    await timed("cached", readPage);
  }
  const n = opts.jars.length;
  return {
    reviews: n,
    action: sums.action / n,
    render: sums.render / n,
    cached: sums.cached / n,
  };
}
