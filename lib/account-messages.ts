/** Sentences the account mail pages and their server code share (no zod: client components read them). */

/** The one answer to a reset request, whether or not an account uses the address. */
export const RESET_REQUESTED =
  "If an account uses that address, we have sent it a link to choose a new password. The link works once, for one hour.";
export const LINK_EXPIRED = "This link has expired or was already used.";
export const PASSWORD_CHANGED = "Your password was changed. Sign in with the new one.";
/** `/signin?notice=password-changed` shows PASSWORD_CHANGED above the form. */
export const PASSWORD_CHANGED_NOTICE = "password-changed";
