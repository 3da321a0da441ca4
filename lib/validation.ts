/** Input schemas for every form and action, with messages written for people. */
import { z } from "zod";
import { starsToHalfStars } from "./rating";

/** Browsers submit textarea line breaks as CRLF; the text itself is kept exactly. */
const text = (value: unknown) =>
  typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value;
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const optionalDate = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date you watched it as YYYY-MM-DD.")
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "Enter a real date.")
    .refine(
      (d) => d <= new Date().toISOString().slice(0, 10),
      "The date you watched it cannot be in the future.",
    )
    .nullable(),
);

export const MAX_REVIEW_LENGTH = 10_000;
export const MAX_COMMENT_LENGTH = 2_000;

export const reviewInput = z.object({
  filmId: z.coerce.number().int().positive(),
  rating: z.unknown().transform((v, ctx) => {
    const half = typeof v === "string" || typeof v === "number" ? starsToHalfStars(v) : null;
    if (half == null) {
      ctx.addIssue({
        code: "custom",
        message: "Choose a rating from 0.5 to 5 stars, in half stars.",
      });
      return z.NEVER;
    }
    return half;
  }),
  body: z.preprocess(
    text,
    z
      .string()
      .max(
        MAX_REVIEW_LENGTH,
        `Keep your review to ${MAX_REVIEW_LENGTH.toLocaleString("en-US")} characters.`,
      )
      .optional()
      .transform((b) => (b && b.trim() ? b : null)),
  ),
  containsSpoilers: checkbox,
  watchedOn: optionalDate,
});
export type ReviewInput = z.infer<typeof reviewInput>;

export const reviewIdInput = z.object({ reviewId: z.coerce.number().int().positive() });

export const commentInput = z.object({
  reviewId: z.coerce.number().int().positive(),
  body: z.preprocess(
    text,
    z
      .string({ error: "Write a comment first." })
      .refine((b) => b.trim().length > 0, "Write a comment first.")
      .refine(
        (b) => b.length <= MAX_COMMENT_LENGTH,
        `Keep comments to ${MAX_COMMENT_LENGTH.toLocaleString("en-US")} characters.`,
      ),
  ),
});

export const HANDLE_PATTERN = /^[a-zA-Z0-9_]{3,20}$/;

export const signUpInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the name to show with your reviews.")
    .max(60, "Keep your display name to 60 characters."),
  handle: z
    .string()
    .trim()
    .regex(HANDLE_PATTERN, "Handles are 3 to 20 letters, digits or underscores."),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  password: z
    .string()
    .min(10, "Use at least 10 characters for your password.")
    .max(200, "Keep your password to 200 characters."),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Enter your password.").max(200),
});

/** Field errors from a failed parse: the first message for each field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

// ─── Moderation ──────────────────────────────────────────────────────────────

const REPORT_REASON_VALUES = [
  "spoiler",
  "spam",
  "harassment",
  "off_topic",
  "illegal",
  "other",
] as const;
const MODERATION_REASON_VALUES = [...REPORT_REASON_VALUES, "no_violation"] as const;
const optionalNote = z.preprocess(
  (v) => (typeof v === "string" && v.trim() ? text(v) : null),
  z.string().max(1000, "Keep the note to 1,000 characters.").nullable(),
);

export const reportInput = z
  .object({
    targetType: z.enum(["review", "comment"]),
    targetId: z.coerce.number().int().positive(),
    reason: z.enum(REPORT_REASON_VALUES, { error: "Choose a reason for the report." }),
    note: optionalNote,
  })
  .refine((r) => r.reason !== "other" || r.note, {
    message: "Say what is wrong when you choose Other.",
    path: ["note"],
  });

/** `review:12` or `comment:3`. */
const itemRef = z
  .string()
  .regex(/^(review|comment):[1-9]\d{0,9}$/, "Pick items from the queue.")
  .transform((v) => {
    const [type, id] = v.split(":");
    return { type: type as "review" | "comment", id: Number(id) };
  });

export const moderateInput = z.object({
  items: z.preprocess(
    (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : v == null ? [] : [v]),
    z.array(itemRef).min(1, "Select at least one item.").max(100),
  ),
  action: z.enum(["dismiss", "hide", "spoiler", "restore", "remove"]),
  reason: z.enum(MODERATION_REASON_VALUES, { error: "Choose a reason." }),
  note: optionalNote,
});

export const lockCommentsInput = z.object({
  reviewId: z.coerce.number().int().positive(),
  locked: z.preprocess((v) => v === "true" || v === true || v === "on", z.boolean()),
  reason: z.enum(MODERATION_REASON_VALUES, { error: "Choose a reason." }),
  note: optionalNote,
});

export const sanctionInput = z.object({
  handle: z.string().regex(HANDLE_PATTERN, "Not a handle."),
  kind: z.enum(["warn", "silence", "suspend", "ban"]),
  hours: z.preprocess(
    (v) => (v === "" || v == null ? null : v),
    z.coerce
      .number()
      .int("Hours are whole numbers.")
      .min(1, "At least one hour.")
      .max(24 * 365, "At most a year.")
      .nullable(),
  ),
  reason: z.enum(MODERATION_REASON_VALUES, { error: "Choose a reason." }),
  note: optionalNote,
});

export const liftSanctionInput = z.object({
  sanctionId: z.coerce.number().int().positive(),
  reason: z.string().trim().min(1, "Say why.").max(200),
});

export const roleInput = z.object({
  handle: z.string().regex(HANDLE_PATTERN, "Not a handle."),
  role: z.enum(["viewer", "editor", "moderator", "admin"]),
  reason: z.string().trim().min(1, "Say why.").max(200),
});

export const thresholdInput = z.object({
  threshold: z.coerce.number().int().min(1, "At least 1 report.").max(50, "At most 50 reports."),
});

/** "Check now" on /admin/data takes no input; anything sent is refused. */
export const syncInput = z.object({}).strict();
