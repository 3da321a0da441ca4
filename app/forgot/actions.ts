"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { getDb } from "@/db/index";
import { requestPasswordReset, resetPassword } from "@/db/queries/account-tokens";
import type { ActionResult } from "@/lib/action";
import { PASSWORD_CHANGED_NOTICE } from "@/lib/account-messages";
import { forgotPasswordInput, resetPasswordInput } from "@/lib/account-validation";
import { AppError } from "@/lib/errors";
import { sendMail } from "@/lib/mail/index";
import { mailOrigin } from "@/lib/mail/origin";
import { fieldErrors } from "@/lib/validation";
import type { z } from "zod";

function invalid(error: z.ZodError): ActionResult<never> {
  const errors = fieldErrors(error);
  return { ok: false, error: Object.values(errors)[0] ?? "Check the form.", fieldErrors: errors };
}

/**
 * Anyone may ask (they are signed out by definition). The answer is one sentence whatever the
 * address, and the mail goes after the answer, so neither words nor timing tell who is registered.
 */
export async function requestPasswordResetAction(
  _previous: ActionResult<null> | null,
  form: FormData,
): Promise<ActionResult<null>> {
  const parsed = forgotPasswordInput.safeParse({ email: form.get("email") });
  if (!parsed.success) return invalid(parsed.error);
  const requestHeaders = await headers();
  // behind a proxy the client's address is the first x-forwarded-for entry
  const ip = requestHeaders.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  try {
    const { message, mail } = await requestPasswordReset(await getDb(), {
      email: parsed.data.email,
      ip,
      origin: mailOrigin(requestHeaders),
    });
    if (mail) {
      after(() =>
        sendMail(mail).catch((error: unknown) =>
          console.error("[mail] the password reset mail failed:", error),
        ),
      );
    }
    return { ok: true, data: null, message };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message, fieldErrors: {} };
    console.error("password reset request failed:", error);
    return {
      ok: false,
      error: "Something went wrong on our side. Please try again.",
      fieldErrors: {},
    };
  }
}

/** The link is the proof: no session needed. Sends the user to sign in with the new password. */
export async function resetPasswordAction(
  _previous: ActionResult<null> | null,
  form: FormData,
): Promise<ActionResult<null>> {
  const parsed = resetPasswordInput.safeParse({
    token: form.get("token"),
    password: form.get("password"),
  });
  if (!parsed.success) return invalid(parsed.error);
  try {
    await resetPassword(await getDb(), parsed.data);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message, fieldErrors: {} };
    console.error("password reset failed:", error);
    return {
      ok: false,
      error: "Something went wrong on our side. Your password is unchanged; please try again.",
      fieldErrors: {},
    };
  }
  redirect(`/signin?notice=${PASSWORD_CHANGED_NOTICE}`);
}
