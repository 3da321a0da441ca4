import { signOut } from "@/auth";
import { routeAction } from "@/app/server-action";
import { accountHandlers } from "@/db/account-actions";
import { getDb } from "@/db/index";
import { accountDeletionInput } from "@/lib/account-validation-profile";

const handlers = accountHandlers(getDb);

/**
 * Deletes the reader's account (form fields `content`: remove | keep, `currentPassword`). The
 * session ends with it: its cookie is cleared here, the token refused anywhere else.
 */
export const POST = routeAction(accountDeletionInput, async (actor, input) => {
  const result = await handlers.deleteAccount(actor, input);
  await signOut({ redirect: false });
  return result;
});
