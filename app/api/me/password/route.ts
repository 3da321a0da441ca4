import { authSecret, reissueProof, unstable_update } from "@/auth";
import { routeAction } from "@/app/server-action";
import { accountHandlers } from "@/db/account-actions";
import { getDb } from "@/db/index";
import { passwordChangeInput } from "@/lib/account-validation-profile";

const handlers = accountHandlers(getDb);

/**
 * Changes the reader's password (form fields `currentPassword`, `newPassword`). Every other
 * session ends; this one gets a cookie with the new session version.
 */
export const POST = routeAction(passwordChangeInput, async (actor, input) => {
  const result = await handlers.changePassword(actor, input);
  await unstable_update({
    reissue: reissueProof(authSecret(), actor!.id, result.data.sessionVersion),
  } as Parameters<typeof unstable_update>[0]);
  return { ...result, data: {} };
});
