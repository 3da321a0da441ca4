"use server";
import { AuthError } from "next-auth";
import { signIn } from "@/auth";
import type { ActionResult } from "@/lib/action";
import { fieldErrors, signInInput } from "@/lib/validation";

/** Only same-site paths: never redirect to another origin after signing in. */
function safeRedirect(value: FormDataEntryValue | null): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//")
    ? value
    : "/";
}

/**
 * Signs in and answers where to go; the browser then loads that page in full, so the session it
 * shows is the new one.
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
  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    // one message for an unknown email and a wrong password: no telling which accounts exist
    if (error instanceof AuthError)
      return { ok: false, error: "Wrong email or password.", fieldErrors: {} };
    throw error;
  }
  return { ok: true, data: { redirectTo: safeRedirect(form.get("redirectTo")) } };
}

