"use server";
import { headers } from "next/headers";
import { AuthError, CredentialsSignin } from "next-auth";
import { authSecret, signIn, signInProof } from "@/auth";
import { getDb } from "@/db/index";
import { checkLimit, recordEvent, signInLimits } from "@/db/queries/rate-limits";
import { SERVER_BUSY, verifyCredentials } from "@/db/queries/users";
import type { ActionResult } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { clientAddress } from "@/lib/request-origin";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { fieldErrors, signInInput } from "@/lib/validation";

/**
 * Signs in and answers where to go. Failed attempts are limited per account and per address
 * (counted in the database, so the limit holds across app instances); suspended and banned
 * accounts are told why, once their password is right.
 */
export async function signInAction(
  _previous: ActionResult<{ redirectTo: string }> | null,
  form: FormData,
): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = signInInput.safeParse({
    email: form.get("email"),
    password: form.get("password"),
  });
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return { ok: false, error: Object.values(errors)[0] ?? "Check the form.", fieldErrors: errors };
  }
  const db = await getDb();
  const ip = clientAddress(await headers());
  const limits = signInLimits(parsed.data.email, ip);
  try {
    for (const limit of limits) await checkLimit(db, limit);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message, fieldErrors: {} };
    throw error;
  }
  let user;
  try {
    user = await verifyCredentials(db, parsed.data);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message, fieldErrors: {} };
    throw error;
  }
  if (!user) {
    for (const limit of limits) await recordEvent(db, limit.key);
    // one message for an unknown email and a wrong password: no telling which accounts exist
    return { ok: false, error: "Wrong email or password.", fieldErrors: {} };
  }
  const r = user.restriction;
  if (r?.kind === "suspend" || r?.kind === "ban") {
    const until = r.until ? ` until ${formatDate(r.until.slice(0, 10))}` : "";
    return {
      ok: false,
      error: r.kind === "ban" ? "This account is banned." : `This account is suspended${until}.`,
      fieldErrors: {},
    };
  }
  try {
    // the password was checked above: the proof spares `authorize` a second argon2 run
    await signIn("credentials", {
      email: parsed.data.email,
      proof: signInProof(authSecret(), user.id, user.sessionVersion),
      redirect: false,
    });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "busy")
      return { ok: false, error: SERVER_BUSY, fieldErrors: {} };
    if (error instanceof AuthError)
      return { ok: false, error: "Wrong email or password.", fieldErrors: {} };
    throw error;
  }
  return { ok: true, data: { redirectTo: safeRedirectPath(form.get("redirectTo")) } };
}
