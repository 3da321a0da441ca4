/** Input schemas for the account settings: display name, handle, password and deletion. */
import { z } from "zod";
import { HANDLE_PATTERN } from "./limits";
import { storable, UNSTORABLE_MESSAGE } from "./validation";

/** The same limits as sign-up (lib/validation.ts `signUpInput`). */
export const displayNameInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the name to show with your reviews.")
    .max(60, "Keep your display name to 60 characters.")
    .refine(storable, UNSTORABLE_MESSAGE),
});

export const handleChangeInput = z.object({
  handle: z
    .string()
    .trim()
    .regex(HANDLE_PATTERN, "Handles are 3 to 20 letters, digits or underscores.")
    // the names released accounts are given (`deleted_<id>`) are not anyone's to choose
    .refine((h) => !h.toLowerCase().startsWith("deleted_"), "This handle is taken."),
});

const currentPassword = z
  .string({ error: "Enter your current password." })
  .min(1, "Enter your current password.")
  .max(200, "Enter your current password.");

export const passwordChangeInput = z.object({
  currentPassword,
  newPassword: z
    .string({ error: "Use at least 10 characters for your password." })
    .min(10, "Use at least 10 characters for your password.")
    .max(200, "Keep your password to 200 characters."),
});

export const DELETION_CONTENT = ["remove", "keep"] as const;

export const accountDeletionInput = z.object({
  content: z.enum(DELETION_CONTENT, {
    error: "Choose what happens to your reviews and comments.",
  }),
  currentPassword,
});

export type DisplayNameInput = z.infer<typeof displayNameInput>;
export type HandleChangeInput = z.infer<typeof handleChangeInput>;
export type PasswordChangeInput = z.infer<typeof passwordChangeInput>;
export type AccountDeletionInput = z.infer<typeof accountDeletionInput>;
