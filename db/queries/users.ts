import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { eq, sql } from "drizzle-orm";
import { AppError } from "../../lib/errors";
import type { SignUpInput } from "../../lib/validation";
import type { Executor } from "../index";
import { users, type UserRole } from "../schema";

// OWASP's argon2id settings: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** A hash of a password nobody has, checked when the email is unknown so both cases take as long. */
let dummyHash: Promise<string> | null = null;

export type Actor = { id: string; name: string; handle: string; role: UserRole };

/** The user behind a session, read from the database now: roles in a session token can be stale. */
export async function getActor(
  db: Executor,
  { userId }: { userId: string },
): Promise<Actor | null> {
  const [row] = await db
    .select({ id: users.id, name: users.name, handle: users.handle, role: users.role })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

export async function createUser(
  db: Executor,
  input: SignUpInput & { role?: UserRole },
): Promise<Actor> {
  const passwordHash = await hashPassword(input.password);
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
  if (Object.keys(errors).length)
    throw new AppError("conflict", "Some details are already in use.", errors);
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
    .returning({ id: users.id, name: users.name, handle: users.handle, role: users.role });
  // a sign-up racing this one took the email or handle between the check and the insert
  if (!row)
    throw new AppError("conflict", "Some details are already in use.", {
      email: "An account with this email or handle already exists.",
    });
  return row;
}

/** The user for an email and password, or null; takes as long for an unknown email as for a wrong password. */
export async function verifyCredentials(
  db: Executor,
  { email, password }: { email: string; password: string },
): Promise<Actor | null> {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      handle: users.handle,
      role: users.role,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  if (!row?.passwordHash) {
    dummyHash ??= hashPassword("no account has this password");
    await verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const ok = await verify(row.passwordHash, password).catch(() => false);
  if (!ok) return null;
  return { id: row.id, name: row.name, handle: row.handle, role: row.role };
}

export async function setUserRole(
  db: Executor,
  { email, role }: { email: string; role: UserRole },
): Promise<Actor | null> {
  const [row] = await db
    .update(users)
    .set({ role, updatedAt: sql`now()` })
    .where(sql`lower(${users.email}) = lower(${email})`)
    .returning({ id: users.id, name: users.name, handle: users.handle, role: users.role });
  return row ?? null;
}
