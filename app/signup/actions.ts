"use server";
import { updateTag } from "next/cache";
import { headers } from "next/headers";
import { CredentialsSignin } from "next-auth";
import { authSecret, signIn, signInProof } from "@/auth";
import { profilePageTags } from "@/db/account-actions";
import { getDb } from "@/db/index";
import { signUpLimits } from "@/db/queries/rate-limits";
import { SERVER_BUSY, signUpUser } from "@/db/queries/users";
import type { ActionResult } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { clientAddress } from "@/lib/request-origin";
import { fieldErrors, signUpInput } from "@/lib/validation";

/**
 * Creates an account and signs it in. Sign-ups are limited per address and overall
 * (db/queries/rate-limits.ts); a refused or busy request writes nothing.
 */
export async function signUpAction(
  _previous: ActionResult<{ redirectTo: string }> | null,
  form: FormData,
): Promise<ActionResult<{ redirectTo: string }>> {
  const parsed = signUpInput.safeParse({
    name: form.get("name"),
    handle: form.get("handle"),
    email: form.get("email"),
    password: form.get("password"),
  });
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return { ok: false, error: "Check the highlighted fields.", fieldErrors: errors };
  }
  const ip = clientAddress(await headers());
  let user: { id: string; sessionVersion: number };
  try {
    user = await signUpUser(await getDb(), parsed.data, signUpLimits(ip));
    // the handle's pages were cached as "not found" or as a redirect to whoever gave it up
    profilePageTags(parsed.data.handle).forEach((tag) => updateTag(tag));
  } catch (error) {
    if (error instanceof AppError)
      return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
    console.error("sign-up failed:", error);
    return {
      ok: false,
      error: "Something went wrong on our side. Please try again.",
      fieldErrors: {},
    };
  }
  try {
    // the password was hashed a moment ago: a proof spares `authorize` verifying it again
    await signIn("credentials", {
      email: parsed.data.email,
      proof: signInProof(authSecret(), user.id, user.sessionVersion),
      redirect: false,
    });
  } catch (error) {
    // the account exists; only signing it in has to wait
    if (error instanceof CredentialsSignin && error.code === "busy")
      return {
        ok: false,
        error: `Your account is ready, but we could not sign you in. ${SERVER_BUSY}`,
        fieldErrors: {},
      };
    throw error;
  }
  return { ok: true, data: { redirectTo: "/" } };
}
