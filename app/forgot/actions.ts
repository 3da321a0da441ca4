"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { serverAction } from "@/app/server-action";
import { getDb } from "@/db/index";
import { requestPasswordReset, resetPassword } from "@/db/queries/account-tokens";
import type { ActionResult } from "@/lib/action";
import { PASSWORD_CHANGED_NOTICE } from "@/lib/account-messages";
import { forgotPasswordInput, resetPasswordInput } from "@/lib/account-validation";
import { sendMail } from "@/lib/mail/index";
import { mailOrigin } from "@/lib/mail/origin";
import { clientAddress } from "@/lib/request-origin";

/**
 * Anyone may ask (they are signed out by definition). The answer is one sentence whatever the
 * address, and the mail goes after the answer, so neither words nor timing tell who is registered.
 */
export const requestPasswordResetAction = serverAction(
  forgotPasswordInput,
  async (_actor, { email }) => {
    const requestHeaders = await headers();
    const { message, mail } = await requestPasswordReset(await getDb(), {
      email,
      ip: clientAddress(requestHeaders),
      origin: mailOrigin(requestHeaders),
    });
    if (mail) {
      after(() =>
        sendMail(mail).catch((error: unknown) =>
          console.error("[mail] the password reset mail failed:", error),
        ),
      );
    }
    return { data: null, tags: [], message };
  },
);

/** The link is the proof: no session needed. */
const setNewPassword = serverAction(resetPasswordInput, async (_actor, input) => {
  await resetPassword(await getDb(), input);
  return { data: null, tags: [] };
});

/** Sets the new password, then sends the user to sign in with it. */
export async function resetPasswordAction(
  previous: ActionResult<null> | null,
  form: FormData,
): Promise<ActionResult<null>> {
  const result = await setNewPassword(previous, form);
  if (result.ok) redirect(`/signin?notice=${PASSWORD_CHANGED_NOTICE}`);
  return result;
}
