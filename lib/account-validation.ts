/** Input schemas of the account mails: forgotten password, reset, email change, the outbox. */
import { z } from "zod";
import { signUpInput } from "./validation";

const email = z
  .string("Enter your email address.")
  .trim()
  .toLowerCase()
  .max(254, "Enter a valid email address.")
  .pipe(z.email("Enter a valid email address."));

/** What a mailed link carries: 32 random bytes in base64url. */
const token = z
  .string("This link is not complete. Open it again from the message.")
  .regex(/^[A-Za-z0-9_-]{43}$/, "This link is not complete. Open it again from the message.");

export const forgotPasswordInput = z.object({ email });

export const resetPasswordInput = z.object({
  token,
  password: signUpInput.shape.password,
});

export const emailChangeInput = z.object({
  newEmail: z
    .string("Enter the new email address.")
    .trim()
    .toLowerCase()
    .max(254, "Enter a valid email address.")
    .pipe(z.email("Enter a valid email address.")),
  currentPassword: z
    .string("Enter your current password.")
    .min(1, "Enter your current password.")
    .max(200, "Enter your current password."),
});
export type EmailChangeInput = z.infer<typeof emailChangeInput>;

export const tokenInput = z.object({ token });

/** `/admin/outbox?before=<created_at>~<id>`: the last message of the page before. */
export const outboxCursor = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z~\d{1,10}$/)
  .transform((value) => {
    const at = value.lastIndexOf("~");
    return { createdAt: value.slice(0, at), id: Number(value.slice(at + 1)) };
  });
