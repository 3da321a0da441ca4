import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { and, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { AppError } from "../../lib/errors";
import type { SignUpInput } from "../../lib/validation";
import type { Executor } from "../index";
import { handleRedirects, sanctions, users, type UserRole } from "../schema";
import { releaseExpiredAccounts } from "./accounts";

// OWASP's argon2id settings: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
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

export async function createUser(
  db: Executor,
  input: SignUpInput & { role?: UserRole },
): Promise<Actor> {
  const passwordHash = await hashPassword(input.password);
  const row = await db.transaction(async (tx) => {
    // a deleted account's email and handle count as taken until they are released
    await releaseExpiredAccounts(tx);
    const taken = await tx
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
    if (Object.keys(errors).length)
      throw new AppError("conflict", "Some details are already in use.", errors);
    const [created] = await tx
      .insert(users)
      .values({
        name: input.name,
        handle: input.handle,
        email: input.email,
        passwordHash,
        role: input.role ?? "viewer",
      })
      .onConflictDoNothing()
      .returning(actorColumns);
    // a handle someone gave up is free to take: its redirect ends
    if (created)
      await tx
        .delete(handleRedirects)
        .where(sql`lower(${handleRedirects.oldHandle}) = lower(${input.handle})`);
    return created;
  });
  // a sign-up racing this one took the email or handle between the check and the insert
  if (!row)
    throw new AppError("conflict", "Some details are already in use.", {
      email: "An account with this email or handle already exists.",
    });
  return toActor(db, row);
}

/** The user for an email and password, or null; takes as long for an unknown email as for a wrong password. */
export async function verifyCredentials(
  db: Executor,
  { email, password }: { email: string; password: string },
): Promise<(Actor & { sessionVersion: number }) | null> {
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
    dummyHash ??= hashPassword("no account has this password");
    await verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const ok = await verify(row.passwordHash, password).catch(() => false);
  if (!ok) return null;
  const { passwordHash: _hash, sessionVersion, ...user } = row;
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
