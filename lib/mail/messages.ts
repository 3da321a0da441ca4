/** The words of each account mail: plain text, so every client shows them the same way. */
import type { Mail } from "./index";

export function passwordResetMail(to: string, link: string): Mail {
  return {
    to,
    subject: "Choose a new Reelrank password",
    text: [
      "Someone (we hope you) asked to choose a new password for the Reelrank account that uses this address.",
      "",
      "Open this link to choose it. The link works once, for one hour:",
      link,
      "",
      "If you did not ask, ignore this message: your password stays as it is.",
    ].join("\n"),
  };
}

export function emailChangeMail(to: string, handle: string, link: string): Mail {
  return {
    to,
    subject: "Confirm your new Reelrank email",
    text: [
      `The Reelrank account @${handle} asked to use this address from now on.`,
      "",
      "Open this link within 24 hours to confirm it:",
      link,
      "",
      "If you did not ask, ignore this message: nothing changes.",
    ].join("\n"),
  };
}

export function emailChangedNotice(to: string, handle: string, newEmail: string): Mail {
  return {
    to,
    subject: "Your Reelrank email was changed",
    text: [
      `The email of the Reelrank account @${handle} was changed from this address to ${newEmail}.`,
      "Every session was signed out.",
      "",
      "If you did not do this, write to the site's admins at once.",
    ].join("\n"),
  };
}
