"use server";
import { headers } from "next/headers";
import { after } from "next/server";
import { serverAction } from "@/app/server-action";
import { getDb } from "@/db/index";
import { confirmEmailChange, requestEmailChange } from "@/db/queries/account-tokens";
import { emailChangeInput, tokenInput } from "@/lib/account-validation";
import { sendMail } from "@/lib/mail/index";
import { mailOrigin } from "@/lib/mail/origin";

/**
 * A signed-in user asks to use another address; the link goes to that address. No cached page
 * shows an email, so no tag changes.
 */
export const requestEmailChangeAction = serverAction(emailChangeInput, async (actor, input) => {
  const { newEmail, mail } = await requestEmailChange(await getDb(), actor, {
    ...input,
    origin: mailOrigin(await headers()),
  });
  await sendMail(mail);
  return {
    data: { newEmail },
    tags: [],
    message: `We have sent a link to ${newEmail}. Open it within 24 hours to confirm the change.`,
  };
});

/** The link is the proof: no session needed. The old address is told afterwards. */
export const confirmEmailChangeAction = serverAction(tokenInput, async (_actor, input) => {
  const { newEmail, notice } = await confirmEmailChange(await getDb(), input);
  after(() =>
    sendMail(notice).catch((error: unknown) =>
      console.error("[mail] the email change notice failed:", error),
    ),
  );
  return {
    data: { newEmail },
    tags: [],
    message: `Your email is now ${newEmail}. You were signed out everywhere: sign in with it.`,
  };
});
