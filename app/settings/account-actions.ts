"use server";
import { authSecret, reissueProof, signOut, unstable_update } from "@/auth";
import { serverAction } from "@/app/server-action";
import { accountHandlers } from "@/db/account-actions";
import { getDb } from "@/db/index";
import {
  accountDeletionInput,
  displayNameInput,
  handleChangeInput,
  passwordChangeInput,
} from "@/lib/account-validation-profile";

const handlers = accountHandlers(getDb);

export const changeNameAction = serverAction(displayNameInput, handlers.changeName);

export const changeHandleAction = serverAction(handleChangeInput, handlers.changeHandle);

/** Every other session ends; this one is re-issued with the new session version. */
export const changePasswordAction = serverAction(passwordChangeInput, async (actor, input) => {
  const result = await handlers.changePassword(actor, input);
  await unstable_update({
    reissue: reissueProof(authSecret(), actor!.id, result.data.sessionVersion),
  } as Parameters<typeof unstable_update>[0]);
  return { ...result, data: {} };
});

/** The session ends with the account: its cookie is cleared here, the token refused anywhere else. */
export const deleteAccountAction = serverAction(accountDeletionInput, async (actor, input) => {
  const result = await handlers.deleteAccount(actor, input);
  await signOut({ redirect: false });
  return result;
});
