import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { and, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import os from "node:os";
import { boundedQueue, QueueFullError } from "../../lib/bounded-queue";
import { AppError } from "../../lib/errors";
import { countFromEnv } from "../../lib/limits";
import type { SignUpInput } from "../../lib/validation";
import type { Database, Executor } from "../index";
import { handleRedirects, sanctions, users, type UserRole } from "../schema";
import { releaseExpiredAccounts } from "./accounts";
import { checkLimit, recordEvent, type Limit } from "./rate-limits";

// OWASP's argon2id settings: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Every argon2 hash and verify waits its turn here: each takes ~20 MiB and tens of milliseconds
 * of a core, so a flood of sign-ups or sign-ins must not run hundreds at once. One core is left
 * for serving pages; beyond the waiting line callers are told the server is busy.
 */
const argon2Queue = boundedQueue({
  concurrency: countFromEnv(
    process.env.ARGON2_CONCURRENCY,
    Math.max(1, os.availableParallelism() - 1),
  ),
  maxWaiting: countFromEnv(process.env.ARGON2_MAX_WAITING, 100),
});

export const SERVER_BUSY = "The server is busy; try again in a moment.";

/** The queue's refusal as an error the user can act on. */
async function queued<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await argon2Queue.run(work);
  } catch (error) {
    if (error instanceof QueueFullError) throw new AppError("busy", SERVER_BUSY);
    throw error;
  }
}

export function hashPassword(password: string): Promise<string> {
  return queued(() => hash(password, ARGON2));
}

/** Whether a password matches its hash; false for a malformed hash. */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return queued(() => verify(passwordHash, password).catch(() => false));
}

/** A hash of a password nobody has, checked when the email is unknown so both cases take as long. */
let dummyHash: Promise<string> | null = null;

/** A sanction in force that limits what the user may do. */
export type Restriction = {
  kind: "silence" | "suspend" | "ban";
  until: string | null;
  reason: string;
};

export type Actor = {
  id: string;
  name: string;
  handle: string;
  role: UserRole;
  createdAt: string;
  restriction: Restriction | null;
};

const SEVERITY = { ban: 3, suspend: 2, silence: 1 } as const;

/** The most severe silence, suspension or ban in force for a user now. */
export async function activeRestriction(
  db: Executor,
  { userId }: { userId: string },
): Promise<Restriction | null> {
  const rows = await db
    .select({ kind: sanctions.kind, endsAt: sanctions.endsAt, reason: sanctions.reason })
    .from(sanctions)
    .where(
      and(
        eq(sanctions.userId, userId),
        isNull(sanctions.liftedAt),
        inArray(sanctions.kind, ["silence", "suspend", "ban"]),
        or(isNull(sanctions.endsAt), gt(sanctions.endsAt, sql`now()`)),
      ),
    );
  const worst = rows.sort(
    (a, b) => SEVERITY[b.kind as keyof typeof SEVERITY] - SEVERITY[a.kind as keyof typeof SEVERITY],
  )[0];
  return worst
    ? {
        kind: worst.kind as Restriction["kind"],
        until: worst.endsAt?.toISOString() ?? null,
        reason: worst.reason,
      }
    : null;
}

const actorColumns = {
  id: users.id,
  name: users.name,
  handle: users.handle,
  role: users.role,
  createdAt: users.createdAt,
};

async function toActor(
  db: Executor,
  row: { id: string; name: string; handle: string; role: UserRole; createdAt: Date },
): Promise<Actor> {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    restriction: await activeRestriction(db, { userId: row.id }),
  };
}

/**
 * The user behind a session, read from the database now: a role or sanction in a session token
 * can be stale. Null for no such user.
 */
export async function getActor(
  db: Executor,
  { userId }: { userId: string },
): Promise<Actor | null> {
  const [row] = await db
    .select(actorColumns)
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .limit(1);
  return row ? toActor(db, row) : null;
}

type NewUser = SignUpInput & { role?: UserRole };

/** Inserts a user with a ready hash, or answers which of email and handle are taken. */
async function insertUser(
  db: Executor,
  input: NewUser,
  passwordHash: string,
): Promise<{ actor: SignInUser } | { taken: Record<string, string> }> {
  // a deleted account's email and handle count as taken until they are released
  await releaseExpiredAccounts(db);
  const taken = await db
    .select({ email: users.email, handle: users.handle })
    .from(users)
    .where(
      sql`lower(${users.email}) = lower(${input.email}) or lower(${users.handle}) = lower(${input.handle})`,
    );
  const errors: Record<string, string> = {};
  if (taken.some((t) => t.email.toLowerCase() === input.email.toLowerCase()))
    errors.email = "An account with this email already exists.";
  if (taken.some((t) => t.handle.toLowerCase() === input.handle.toLowerCase()))
    errors.handle = "This handle is taken.";
  if (Object.keys(errors).length) return { taken: errors };
  const [row] = await db
    .insert(users)
    .values({
      name: input.name,
      handle: input.handle,
      email: input.email,
      passwordHash,
      role: input.role ?? "viewer",
    })
    .onConflictDoNothing()
    .returning({ ...actorColumns, sessionVersion: users.sessionVersion });
  // a handle someone gave up is free to take: its redirect ends
  if (row)
    await db
      .delete(handleRedirects)
      .where(sql`lower(${handleRedirects.oldHandle}) = lower(${input.handle})`);
  // a sign-up racing this one took the email or handle between the check and the insert
  if (!row) return { taken: { email: "An account with this email or handle already exists." } };
  const { sessionVersion, ...user } = row;
  return { actor: { ...(await toActor(db, user)), sessionVersion } };
}

const conflict = (fieldErrors: Record<string, string>) =>
  new AppError("conflict", "Some details are already in use.", fieldErrors);

/** Creates a user without limits: seeds, scripts and tests. Sign-up goes through `signUpUser`. */
export async function createUser(db: Executor, input: NewUser): Promise<Actor> {
  const passwordHash = await hashPassword(input.password);
  const result = await db.transaction((tx) => insertUser(tx, input, passwordHash));
  if ("taken" in result) throw conflict(result.taken);
  const { sessionVersion: _version, ...actor } = result.actor;
  return actor;
}

/** Advisory lock key of sign-ups (beside db/import/sync.ts's 7_304_128 and 7_304_129). */
const SIGN_UP_LOCK_KEY = 7_304_130;

/**
 * A sign-up from the web, within `limits` (per address, overall). The limits are checked before
 * the password is hashed (a refused request costs no argon2), then again under a lock in the
 * transaction that inserts the user and counts the attempt, so concurrent sign-ups cannot all
 * pass one check. An attempt refused for a taken email or handle counts too: the limit also
 * bounds how fast someone can probe which emails have accounts. Returns the new user with the
 * session version to sign them in at.
 */
export async function signUpUser(
  db: Database,
  input: SignUpInput,
  limits: Limit[],
): Promise<SignInUser> {
  for (const limit of limits) await checkLimit(db, limit);
  const passwordHash = await hashPassword(input.password);
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SIGN_UP_LOCK_KEY})`);
    for (const limit of limits) await checkLimit(tx, limit);
    const inserted = await insertUser(tx, input, passwordHash);
    for (const limit of limits) await recordEvent(tx, limit.key);
    return inserted;
  });
  if ("taken" in result) throw conflict(result.taken);
  return result.actor;
}

/** A user as signing in needs them: who they are, any sanction, and their session version. */
export type SignInUser = Actor & { sessionVersion: number };

/** The user for an email and password, or null; takes as long for an unknown email as for a wrong password. */
export async function verifyCredentials(
  db: Executor,
  { email, password }: { email: string; password: string },
): Promise<SignInUser | null> {
  const [row] = await db
    .select({
      ...actorColumns,
      passwordHash: users.passwordHash,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    // a deleted account cannot sign in, though its email stays reserved for a while
    .where(and(sql`lower(${users.email}) = lower(${email})`, isNull(users.deletedAt)))
    .limit(1);
  if (!row?.passwordHash) {
    // a refusal by a busy queue must not stay cached as the dummy hash
    dummyHash ??= hashPassword("no account has this password").catch((error: unknown) => {
      dummyHash = null;
      throw error;
    });
    await verifyPassword(await dummyHash, password);
    return null;
  }
  const ok = await verifyPassword(row.passwordHash, password);
  if (!ok) return null;
  const { passwordHash: _hash, sessionVersion, ...user } = row;
  return { ...(await toActor(db, user)), sessionVersion };
}

/** A not-deleted user by id, for a sign-in whose password was already checked; null for none. */
export async function getSignInUser(
  db: Executor,
  { userId }: { userId: string },
): Promise<SignInUser | null> {
  const [row] = await db
    .select({ ...actorColumns, sessionVersion: users.sessionVersion })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .limit(1);
  if (!row) return null;
  const { sessionVersion, ...user } = row;
  return { ...(await toActor(db, user)), sessionVersion };
}

export async function setUserRole(
  db: Executor,
  { email, role }: { email: string; role: UserRole },
): Promise<Actor | null> {
  const [row] = await db
    .update(users)
    .set({ role, updatedAt: sql`now()` })
    .where(sql`lower(${users.email}) = lower(${email})`)
    .returning(actorColumns);
  return row ? toActor(db, row) : null;
}
