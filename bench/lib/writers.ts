/**
 * The write scenario's writers and its poller: signed-in viewers post reviews at a steady rate
 * through the real server action while a separate anonymous reader fetches the page until each
 * review's unique text appears.
 */
import { randomBytes } from "node:crypto";
import { callAction, signIn, type CookieJar } from "./action";
import { percentile, type Visibility } from "./report";

type Posted = { text: string; sentAt: number; ackAt: number | null; seenAt: number | null };

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
 * last one. Returns the delays between each action's answer and the first page showing it.
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
      if (answer.ok) item.ackAt = Date.now();
      else failures.push(answer.error ?? "unknown");
    } catch (error) {
      failures.push((error as Error).message);
    }
  });

  const poll = (async () => {
    let lastWrite = Date.now();
    const grace = opts.graceMs ?? 5000;
    for (;;) {
      const pending = posted.filter((p) => p.seenAt == null && (p.ackAt != null || writing));
      if (!writing && (pending.length === 0 || Date.now() - lastWrite > grace)) return;
      if (writing) lastWrite = Date.now();
      try {
        const html = await (await fetch(opts.base + opts.pagePath)).text();
        const now = Date.now();
        for (const p of pending) if (html.includes(p.text)) p.seenAt = now;
      } catch {
        // counted as unseen if it never shows
      }
    }
  })();

  await Promise.all(writes);
  writing = false;
  await poll;

  const acknowledged = posted.filter((p) => p.ackAt != null);
  const delays = acknowledged
    .filter((p) => p.seenAt != null)
    .map((p) => Math.max(0, p.seenAt! - p.ackAt!))
    .sort((a, b) => a - b);
  return {
    attempted: total,
    acknowledged: acknowledged.length,
    seen: delays.length,
    p50: percentile(delays, 50),
    p99: percentile(delays, 99),
    max: delays.at(-1) ?? null,
    failed: failures.length,
    firstFailure: failures[0] ?? null,
  };
}
