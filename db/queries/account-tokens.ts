/**
 * Single-use links mailed to account holders: choosing a new password, confirming a new email.
 * Only the SHA-256 of a token is stored, so a leaked table holds no working link. Using a link
 * raises `users.session_version`, which ends every session issued before.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { verify } from "@node-rs/argon2";
import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { LINK_EXPIRED, RESET_REQUESTED } from "../../lib/account-messages";
import { AppError, notSignedIn } from "../../lib/errors";
import type { Mail } from "../../lib/mail/index";
import { emailChangedNotice, emailChangeMail, passwordResetMail } from "../../lib/mail/messages";
import type { Executor } from "../index";
import { accountTokens, users } from "../schema";
import { checkLimit, recordEvent, type Limit } from "./rate-limits";
import { hashPassword, type Actor } from "./users";

const HOUR_MS = 60 * 60 * 1000;
export const RESET_TTL_MS = HOUR_MS;
export const EMAIL_CHANGE_TTL_MS = 24 * HOUR_MS;

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Reset requests per address, per network address and in all. Counted whether or not the
 * address has an account, so being limited tells nothing about who is registered.
 */
export function resetLimits(email: string, ip: string | null): Limit[] {
  const message = "Too many requests for a new password.";
  return [
    { key: `reset:email:${email.toLowerCase()}`, max: 3, windowSeconds: 3600, message },
    ...(ip ? [{ key: `reset:ip:${ip}`, max: 10, windowSeconds: 3600, message }] : []),
    { key: "reset:all", max: 200, windowSeconds: 3600, message },
  ];
}

/**
 * Email change attempts per account, counted before the password is checked: each one mails an
 * address of the user's choosing, and a borrowed session must not guess the password.
 */
export const emailChangeLimit = (userId: string): Limit => ({
  key: `email-change:${userId}`,
  max: 10,
  windowSeconds: 3600,
  message: "You have asked for many email changes this hour.",
});

/** Every limit is checked before any is counted: a refused request counts for none of them. */
async function consumeLimits(db: Executor, limits: Limit[]): Promise<void> {
  for (const limit of limits) await checkLimit(db, limit);
  for (const limit of limits) await recordEvent(db, limit.key);
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e;) {
    if (e.code === "23505") return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * A reset request: counts it against the limits (throws `rate_limited`), and for an account
 * that uses the address, stores a token and answers the mail to send. The caller sends it after
 * answering, so mail latency does not tell registered addresses apart.
 */
export async function requestPasswordReset(
  db: Executor,
  { email, ip, origin }: { email: string; ip: string | null; origin: string },
): Promise<{ message: string; mail: Mail | null }> {
  return db.transaction(async (tx) => {
    await consumeLimits(tx, resetLimits(email, ip));
    const [user] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(sql`lower(${users.email}) = lower(${email})`, isNull(users.deletedAt)))
      .limit(1);
    if (!user) return { message: RESET_REQUESTED, mail: null };
    const token = newToken();
    await tx.insert(accountTokens).values({
      userId: user.id,
      kind: "password_reset",
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + RESET_TTL_MS),
    });
    return {
      message: RESET_REQUESTED,
      mail: passwordResetMail(user.email, new URL(`/reset/${token}`, origin).toString()),
    };
  });
}

type Kind = (typeof accountTokens.$inferSelect)["kind"];

/** The unused, unexpired token of that kind, with its account, or null. */
export async function findUsableToken(
  db: Executor,
  { token, kind }: { token: string; kind: Kind },
): Promise<{ id: number; userId: string; newEmail: string | null } | null> {
  const [row] = await db
    .select({
      id: accountTokens.id,
      userId: accountTokens.userId,
      newEmail: accountTokens.newEmail,
    })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(
      and(
        eq(accountTokens.tokenHash, hashToken(token)),
        eq(accountTokens.kind, kind),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, sql`now()`),
        isNull(users.deletedAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Marks the token used; false when another request used it first. */
async function useToken(tx: Executor, id: number): Promise<boolean> {
  const used = await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(accountTokens.id, id), isNull(accountTokens.usedAt)))
    .returning({ id: accountTokens.id });
  return used.length === 1;
}

/** Every other unused token of that kind of the user stops working. */
async function retireOtherTokens(tx: Executor, userId: string, kind: Kind): Promise<void> {
  await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.userId, userId),
        eq(accountTokens.kind, kind),
        isNull(accountTokens.usedAt),
      ),
    );
}

/**
 * Sets the new password from a reset link, in one transaction: the hash, the link used, the
 * user's other reset links retired, every session ended.
 */
export async function resetPassword(
  db: Executor,
  { token, password }: { token: string; password: string },
): Promise<{ userId: string }> {
  // argon2id costs tens of milliseconds: hashed before the transaction holds any row
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const found = await findUsableToken(tx, { token, kind: "password_reset" });
    if (!found || !(await useToken(tx, found.id))) throw new AppError("not_found", LINK_EXPIRED);
    await retireOtherTokens(tx, found.userId, "password_reset");
    await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, found.userId));
    return { userId: found.userId };
  });
}

const TAKEN = "Another account uses that email address.";

async function emailTaken(db: Executor, email: string, userId: string): Promise<boolean> {
  // deleted accounts keep their address reserved for a while, so they count
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, ne(users.id, userId)))
    .limit(1);
  return Boolean(row);
}

/**
 * A signed-in user asks to use another address: checks the current password, refuses an address
 * in use, stores a 24-hour token and answers the confirmation mail for the new address.
 */
export async function requestEmailChange(
  db: Executor,
  actor: Actor | null,
  {
    newEmail,
    currentPassword,
    origin,
  }: { newEmail: string; currentPassword: string; origin: string },
): Promise<{ newEmail: string; mail: Mail }> {
  if (!actor) throw notSignedIn();
  await consumeLimits(db, [emailChangeLimit(actor.id)]);
  const [user] = await db
    .select({ email: users.email, passwordHash: users.passwordHash, handle: users.handle })
    .from(users)
    .where(and(eq(users.id, actor.id), isNull(users.deletedAt)))
    .limit(1);
  if (!user) throw notSignedIn();
  const passwordOk = user.passwordHash
    ? await verify(user.passwordHash, currentPassword).catch(() => false)
    : false;
  if (!passwordOk) {
    throw new AppError("invalid", "Your current password is not right.", {
      currentPassword: user.passwordHash
        ? "That is not your current password."
        : "Your account has no password yet: choose one with “Forgot your password?” first.",
    });
  }
  if (user.email.toLowerCase() === newEmail.toLowerCase()) {
    throw new AppError("invalid", "That is already your email address.", {
      newEmail: "That is already your email address.",
    });
  }
  return db.transaction(async (tx) => {
    if (await emailTaken(tx, newEmail, actor.id)) {
      throw new AppError("conflict", TAKEN, { newEmail: TAKEN });
    }
    const token = newToken();
    await tx.insert(accountTokens).values({
      userId: actor.id,
      kind: "email_change",
      tokenHash: hashToken(token),
      newEmail,
      expiresAt: new Date(Date.now() + EMAIL_CHANGE_TTL_MS),
    });
    const link = new URL(`/settings/email/confirm/${token}`, origin).toString();
    return { newEmail, mail: emailChangeMail(newEmail, user.handle, link) };
  });
}

/**
 * Confirms a new address from its link, in one transaction: the email set, the link and the
 * user's other email links used, every session ended. Answers the notice for the old address.
 */
export async function confirmEmailChange(
  db: Executor,
  { token }: { token: string },
): Promise<{ userId: string; newEmail: string; notice: Mail }> {
  try {
    return await db.transaction(async (tx) => {
      const found = await findUsableToken(tx, { token, kind: "email_change" });
      if (!found?.newEmail || !(await useToken(tx, found.id)))
        throw new AppError("not_found", LINK_EXPIRED);
      const newEmail = found.newEmail;
      if (await emailTaken(tx, newEmail, found.userId)) {
        throw new AppError("conflict", `${TAKEN} Ask for the change again with another address.`);
      }
      await retireOtherTokens(tx, found.userId, "email_change");
      const [before] = await tx
        .select({ email: users.email, handle: users.handle })
        .from(users)
        .where(eq(users.id, found.userId))
        .for("update");
      if (!before) throw new AppError("not_found", LINK_EXPIRED);
      await tx
        .update(users)
        .set({
          email: newEmail,
          sessionVersion: sql`${users.sessionVersion} + 1`,
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, found.userId));
      return {
        userId: found.userId,
        newEmail,
        notice: emailChangedNotice(before.email, before.handle, newEmail),
      };
    });
  } catch (error) {
    // another account took the address between the check and the update
    if (isUniqueViolation(error)) throw new AppError("conflict", TAKEN);
    throw error;
  }
}
