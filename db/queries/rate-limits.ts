import "server-only";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { AppError } from "../../lib/errors";
import { countFromEnv } from "../../lib/limits";
import type { Executor } from "../index";
import { rateLimitEvents } from "../schema";
import type { Actor } from "./users";

export type Limit = { key: string; max: number; windowSeconds: number; message: string };

/** How long until the oldest event in the window leaves it, as "N minutes". */
function retryText(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

/** Throws `rate_limited` when the key has had `max` events in the window. */
export async function checkLimit(db: Executor, limit: Limit): Promise<void> {
  const since = sql`now() - make_interval(secs => ${limit.windowSeconds})`;
  const [row] = await db
    .select({
      n: sql<number>`count(*)::int`,
      oldest: sql<string | null>`min(${rateLimitEvents.createdAt})::text`,
    })
    .from(rateLimitEvents)
    .where(and(eq(rateLimitEvents.key, limit.key), gt(rateLimitEvents.createdAt, since)));
  if ((row?.n ?? 0) >= limit.max) {
    const oldest = row?.oldest ? new Date(row.oldest).getTime() : Date.now();
    const wait = (oldest + limit.windowSeconds * 1000 - Date.now()) / 1000;
    throw new AppError("rate_limited", `${limit.message} Try again in ${retryText(wait)}.`);
  }
}

/** Counts an event; the key's events older than a day go, so the table stays small. */
export async function recordEvent(db: Executor, key: string): Promise<void> {
  await db
    .delete(rateLimitEvents)
    .where(
      and(
        eq(rateLimitEvents.key, key),
        lt(rateLimitEvents.createdAt, sql`now() - interval '1 day'`),
      ),
    );
  await db.insert(rateLimitEvents).values({ key });
}

/** Checks and counts in one step. */
export async function consumeLimit(db: Executor, limit: Limit): Promise<void> {
  await checkLimit(db, limit);
  await recordEvent(db, limit.key);
}

const DAY_MS = 24 * 60 * 60 * 1000;
const isNew = (actor: Actor) => Date.now() - new Date(actor.createdAt).getTime() < DAY_MS;

/** Reviews and comments per user per minute; stricter on an account's first day. */
export const postingLimit = (actor: Actor): Limit => ({
  key: `post:${actor.id}`,
  max: isNew(actor) ? 3 : 10,
  windowSeconds: 60,
  message: "You are posting very fast.",
});

/** Reports per user per hour; stricter on an account's first day. */
export const reportLimit = (actor: Actor): Limit => ({
  key: `report:${actor.id}`,
  max: isNew(actor) ? 5 : 20,
  windowSeconds: 3600,
  message: "You have sent many reports this hour.",
});

/** Failed sign-ins per account and per address, over 15 minutes. */
export const signInLimits = (email: string, ip: string | null): Limit[] => [
  {
    key: `signin:email:${email.toLowerCase()}`,
    max: 5,
    windowSeconds: 900,
    message: "Too many failed sign-ins for this account.",
  },
  ...(ip
    ? [
        {
          key: `signin:ip:${ip}`,
          max: 20,
          windowSeconds: 900,
          message: "Too many failed sign-ins from your network.",
        },
      ]
    : []),
];

type Env = Record<string, string | undefined>;

/** The bucket of requests whose address is unknown (no proxy setting X-Forwarded-For). */
export const UNKNOWN_ADDRESS = "unknown";

/**
 * Sign-ups per address and overall, per hour (SECURITY.md says why these values). Operators
 * set SIGNUP_LIMIT_PER_IP and SIGNUP_LIMIT_GLOBAL; without a proxy every request shares the
 * "unknown" address, so the per-address limit then acts as a second overall one.
 */
export const signUpLimits = (ip: string | null, env: Env = process.env): Limit[] => [
  {
    key: `signup:ip:${ip || UNKNOWN_ADDRESS}`,
    max: countFromEnv(env.SIGNUP_LIMIT_PER_IP, 10),
    windowSeconds: 3600,
    message: "Too many accounts were created from your network in the last hour.",
  },
  {
    key: "signup:all",
    max: countFromEnv(env.SIGNUP_LIMIT_GLOBAL, 300),
    windowSeconds: 3600,
    message: "Sign-ups are paused for a while: very many accounts were created in the last hour.",
  },
];
