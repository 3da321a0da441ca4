/** Input schemas for every form and action, with messages written for people. */
import { z } from "zod";
import { normalizeTags, tagsProblem, todayUtc, watchDateProblem } from "./diary";
import { AUDIENCES } from "./privacy";
import {
  CREDIT_ROLES,
  HANDLE_PATTERN,
  MAX_COMMENT_LENGTH,
  MAX_IMPORT_FILES,
  MAX_LIST_DESCRIPTION,
  MAX_LIST_ITEMS,
  MAX_LIST_NAME,
  MAX_LIST_NOTE,
  MAX_REVIEW_LENGTH,
} from "./limits";
import { starsToHalfStars } from "./rating";

export {
  CREDIT_ROLES,
  HANDLE_PATTERN,
  MAX_COMMENT_LENGTH,
  MAX_IMPORT_FILES,
  MAX_LIST_DESCRIPTION,
  MAX_LIST_ITEMS,
  MAX_LIST_NAME,
  MAX_LIST_NOTE,
  MAX_REVIEW_LENGTH,
};

/**
 * Row ids (and list versions) are PostgreSQL `integer`s: a larger number names no row, and
 * comparing a column with one fails the whole query instead of finding nothing.
 */
const INT4_MAX = 2_147_483_647;
const TOO_LARGE = "No such item: that number is too large.";
const rowId = () => z.coerce.number().int().positive().max(INT4_MAX, TOO_LARGE);

/**
 * PostgreSQL refuses a NUL byte in text (the write fails), and a lone half of a surrogate pair
 * is silently replaced when encoded: neither could be stored as typed, so both are refused.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const UNSTORABLE_MESSAGE =
  "Remove the invisible or broken character (such as a NUL byte) from this text.";
export const storable = (s: string) => !UNSTORABLE.test(s);

/** Browsers submit textarea line breaks as CRLF; the text itself is kept exactly. */
const text = (value: unknown) =>
  typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value;
/** `2023-02-31` parses in JavaScript (as 3 March): a real date reads back the same. */
const isRealDate = (d: string) => {
  const ms = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
};
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const optionalDate = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date you watched it as YYYY-MM-DD.")
    .refine(isRealDate, "Enter a real date.")
    .refine(
      (d) => d <= new Date().toISOString().slice(0, 10),
      "The date you watched it cannot be in the future.",
    )
    .nullable(),
);

export const reviewInput = z.object({
  filmId: rowId(),
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
      .refine(storable, UNSTORABLE_MESSAGE)
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

export const reviewIdInput = z.object({ reviewId: rowId() });

export const commentInput = z.object({
  reviewId: rowId(),
  body: z.preprocess(
    text,
    z
      .string({ error: "Write a comment first." })
      .refine((b) => b.trim().length > 0, "Write a comment first.")
      .refine(storable, UNSTORABLE_MESSAGE)
      .refine(
        (b) => b.length <= MAX_COMMENT_LENGTH,
        `Keep comments to ${MAX_COMMENT_LENGTH.toLocaleString("en-US")} characters.`,
      ),
  ),
});

export const signUpInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the name to show with your reviews.")
    .max(60, "Keep your display name to 60 characters.")
    .refine(storable, UNSTORABLE_MESSAGE),
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
  z
    .string()
    .max(1000, "Keep the note to 1,000 characters.")
    .refine(storable, UNSTORABLE_MESSAGE)
    .nullable(),
);

export const reportInput = z
  .object({
    targetType: z.enum(["review", "comment"]),
    targetId: rowId(),
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
  .refine((v) => Number(v.split(":")[1]) <= INT4_MAX, "Pick items from the queue.")
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
  reviewId: rowId(),
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
  sanctionId: rowId(),
  reason: z.string().trim().min(1, "Say why.").max(200).refine(storable, UNSTORABLE_MESSAGE),
});

export const roleInput = z.object({
  handle: z.string().regex(HANDLE_PATTERN, "Not a handle."),
  role: z.enum(["viewer", "editor", "moderator", "admin"]),
  reason: z.string().trim().min(1, "Say why.").max(200).refine(storable, UNSTORABLE_MESSAGE),
});

export const thresholdInput = z.object({
  threshold: z.coerce.number().int().min(1, "At least 1 report.").max(50, "At most 50 reports."),
});

/** "Check now" on /admin/data takes no input; anything sent is refused. */
export const syncInput = z.object({}).strict();

// ─── Editing films ───────────────────────────────────────────────────────────

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const optionalText = (max: number, what: string) =>
  z.preprocess(
    (v) => blankToNull(text(v)),
    z
      .string()
      .max(max, `Keep the ${what} to ${max.toLocaleString("en-US")} characters.`)
      .refine(storable, UNSTORABLE_MESSAGE)
      .nullable(),
  );
/** A comma-separated list in a text field, or a list. */
const list = (item: z.ZodType<string>) =>
  z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item).max(30),
  );

export const creditInput = z.object({
  personId: rowId(),
  role: z.enum(CREDIT_ROLES, "A credit is a director, a writer or a cast member."),
  character: z.preprocess(
    (v) => (v == null ? null : blankToNull(v)),
    z
      .string()
      .trim()
      .max(200, "Keep a character to 200 characters.")
      .refine(storable, UNSTORABLE_MESSAGE)
      .nullable(),
  ),
});

/** The edit form sends every fact; a fact left out of a request is left as it is. */
export const filmEditInput = z.object({
  filmId: rowId(),
  title: z.preprocess(
    text,
    z.string().trim().min(1, "A film needs a title.").max(300).refine(storable, UNSTORABLE_MESSAGE),
  ),
  originalTitle: optionalText(300, "original title").optional(),
  year: z
    .preprocess(
      blankToNull,
      z.coerce
        .number()
        .int("A year is a whole number.")
        .min(1880, "No film is that old.")
        .max(2100, "That year is too far ahead.")
        .nullable(),
    )
    .optional(),
  releaseDate: z
    .preprocess(
      blankToNull,
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the release date as YYYY-MM-DD.")
        .refine(isRealDate, "Enter a real date.")
        .nullable(),
    )
    .optional(),
  runtimeMinutes: z
    .preprocess(
      blankToNull,
      z.coerce
        .number()
        .int("Runtime is whole minutes.")
        .min(1, "Runtime is at least a minute.")
        .max(1000, "That runtime is too long.")
        .nullable(),
    )
    .optional(),
  originalLanguage: z
    .preprocess(
      (v) => blankToNull(typeof v === "string" ? v.trim().toLowerCase() : v),
      z
        .string()
        .regex(/^[a-z]{2,3}$/, "Use a language code such as ko or en.")
        .nullable(),
    )
    .optional(),
  countries: list(
    z
      .string()
      .transform((s) => s.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/, "Use country codes such as KR, US.")),
  ).optional(),
  synopsis: optionalText(5000, "synopsis").optional(),
  genres: list(
    z.string().max(60, "Keep a genre short.").refine(storable, UNSTORABLE_MESSAGE),
  ).optional(),
  /** The credits editor sends the whole list as JSON; absent when credits were not touched. */
  credits: z.preprocess((v) => {
    if (v == null || v === "") return null;
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return "not JSON";
    }
  }, z.array(creditInput, "The credits could not be read.").max(300).nullable()),
  note: optionalText(500, "note").optional(),
  /** The film's newest revision when the form was opened ("" for none): a save over a newer one is refused. */
  seenRevision: z.preprocess(blankToNull, rowId().nullable()).optional(),
});
export type FilmEditInput = z.infer<typeof filmEditInput>;

export const personInput = z.object({
  name: z.preprocess(
    text,
    z
      .string()
      .trim()
      .min(1, "A person needs a name.")
      .max(200)
      .refine(storable, UNSTORABLE_MESSAGE),
  ),
  nativeName: z.preprocess(
    (v) => blankToNull(text(v)),
    z
      .string()
      .trim()
      .max(200, "Keep the native name to 200 characters.")
      .refine(storable, UNSTORABLE_MESSAGE)
      .nullable(),
  ),
});

export const revisionIdInput = z.object({ revisionId: rowId() });
export const filmLockInput = z.object({
  filmId: rowId(),
  locked: checkbox,
});
export const mergeFilmsInput = z.object({
  survivorId: rowId(),
  duplicateSlug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Enter the other film's address, like ballerina-2."),
});
export const mergePeopleInput = z.object({
  survivorSlug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Enter a person's address, like jeon-jong-seo."),
  duplicateSlug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Enter a person's address, like jeon-jong-seo-2."),
});
export const proposalDecisionInput = z.object({
  proposalId: rowId(),
  decision: z.enum(["accept", "reject"]),
  fields: list(z.string().regex(/^[a-zA-Z]+$/)),
});
export const fetchFactsInput = z.object({
  filmId: rowId(),
  source: z.enum(["wikidata", "tmdb"]),
});

// ─── Diary, watchlist, privacy ───────────────────────────────────────────────

/** A field left out of the request reads as blank (zod 4 refuses a missing key before a transform). */
const absentAsNull = (v: unknown) => v ?? null;

const optionalRating = z.preprocess(
  absentAsNull,
  z.unknown().transform((v, ctx) => {
    if (v == null || v === "") return null;
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
);

const watchDate = (required: boolean) =>
  z.preprocess(
    absentAsNull,
    z.unknown().transform((v, ctx) => {
      if (v == null || v === "") {
        if (!required) return todayUtc();
        ctx.addIssue({ code: "custom", message: "Enter the date you watched it." });
        return z.NEVER;
      }
      const problem = typeof v === "string" ? watchDateProblem(v) : "Enter a real date.";
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return v as string;
    }),
  );

/** A comma-separated text field, or repeated `tags` fields. */
const diaryTags = z.preprocess(
  absentAsNull,
  z.unknown().transform((v, ctx) => {
    const raw =
      v == null
        ? []
        : typeof v === "string"
          ? v
          : Array.isArray(v) && v.every((t) => typeof t === "string")
            ? v
            : null;
    if (raw == null) {
      ctx.addIssue({ code: "custom", message: "Tags are words separated by commas." });
      return z.NEVER;
    }
    const tags = normalizeTags(raw);
    const problem = tags.every(storable) ? tagsProblem(tags) : UNSTORABLE_MESSAGE;
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return tags;
  }),
);

export const logInput = z.object({
  filmId: rowId(),
  watchedOn: watchDate(false),
  rating: optionalRating,
  rewatch: checkbox,
  tags: diaryTags,
  body: z.preprocess(
    text,
    z
      .string()
      .refine(storable, UNSTORABLE_MESSAGE)
      .max(
        MAX_REVIEW_LENGTH,
        `Keep your review to ${MAX_REVIEW_LENGTH.toLocaleString("en-US")} characters.`,
      )
      .optional()
      .transform((b) => (b && b.trim() ? b : null)),
  ),
  containsSpoilers: checkbox,
});
export type LogInput = z.infer<typeof logInput>;

export const editLogInput = z.object({
  entryId: rowId(),
  watchedOn: watchDate(true),
  rating: optionalRating,
  rewatch: checkbox,
  tags: diaryTags,
});
export type EditLogInput = z.infer<typeof editLogInput>;

export const logIdInput = z.object({ entryId: rowId() });

/** Puts a film on the watchlist or takes it off; asking twice changes nothing. */
export const watchlistInput = z.object({
  filmId: rowId(),
  add: z.preprocess((v) => v === "true" || v === true || v === "on", z.boolean()),
});

const audienceField = z.enum(AUDIENCES, { error: "Choose Everyone, My followers or Only me." });
export const audienceInput = z.object({
  diaryAudience: audienceField,
  watchlistAudience: audienceField,
  listsAudience: audienceField,
});
export type AudienceInput = z.infer<typeof audienceInput>;
// ─── Lists ───────────────────────────────────────────────────────────────────

const listId = z.coerce.number().int().positive("Pick a list.").max(INT4_MAX, "Pick a list.");
const listFields = {
  name: z.preprocess(
    text,
    z
      .string({ error: "Give the list a name." })
      .trim()
      .min(1, "Give the list a name.")
      .max(MAX_LIST_NAME, `Keep the name to ${MAX_LIST_NAME} characters.`)
      .refine(storable, UNSTORABLE_MESSAGE),
  ),
  description: z.preprocess((v) => v ?? null, optionalText(MAX_LIST_DESCRIPTION, "description")),
  ranked: checkbox,
  isPrivate: checkbox,
};

export const listCreateInput = z.object(listFields);
export const listEditInput = z.object({ listId, ...listFields });
export const listIdInput = z.object({ listId });
export const listItemInput = z.object({
  listId,
  filmSlug: z
    .string({ error: "Choose a film from the search." })
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Choose a film from the search."),
});
export const listItemRemoveInput = z.object({
  listId,
  filmId: rowId(),
});
export const listNoteInput = z.object({
  listId,
  filmId: rowId(),
  note: z.preprocess((v) => v ?? null, optionalText(MAX_LIST_NOTE, "note")),
});
export const listReorderInput = z.object({
  listId,
  version: rowId(),
  /** The whole new order: every film of the list once, first to last. */
  filmIds: z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v),
    z
      .array(rowId(), "Send the list's films in their new order.")
      .max(MAX_LIST_ITEMS, `A list holds at most ${MAX_LIST_ITEMS.toLocaleString("en-US")} films.`),
  ),
});
export const listLikeInput = z.object({ listId, liked: checkbox });
// ─── Imports ─────────────────────────────────────────────────────────────────

export const importUploadInput = z.object({
  files: z.preprocess(
    // an empty file input still submits one nameless, empty file
    (v): unknown[] =>
      (v == null ? [] : Array.isArray(v) ? (v as unknown[]) : [v]).filter(
        (f) => !(f instanceof File) || f.name !== "" || f.size > 0,
      ),
    z
      .array(
        z.instanceof(File, { message: "Choose your Letterboxd export (.zip) or its CSV files." }),
      )
      .min(1, "Choose your Letterboxd export (.zip) or its CSV files.")
      .max(MAX_IMPORT_FILES, `Upload at most ${MAX_IMPORT_FILES} files at once.`),
  ),
});

export const resolveUnmatchedInput = z
  .object({
    unmatchedId: rowId(),
    decision: z.enum(["apply", "skip"], { error: "Pick a film, or skip it." }),
    filmSlug: z.preprocess(
      (v) => (v === "" || v == null ? null : v),
      z
        .string()
        .trim()
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Pick one of the films.")
        .nullable(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "apply" && !v.filmSlug)
      ctx.addIssue({ code: "custom", path: ["filmSlug"], message: "Pick a film, or skip it." });
  });
// ─── Follows, notifications, comment threads ─────────────────────────────────

export const handleInput = z.object({
  handle: z.string().trim().regex(HANDLE_PATTERN, "That is not a user's handle."),
});

/** A comment, or a reply to one (`parentId`). */
export const replyInput = commentInput.extend({
  parentId: z.preprocess((v) => (v === "" || v == null ? null : v), rowId().nullable()),
});

export const commentIdInput = z.object({ commentId: rowId() });

export const commentEditInput = z.object({
  commentId: rowId(),
  body: commentInput.shape.body,
});

export const notificationIdInput = z.object({
  notificationId: rowId(),
});

export const noInput = z.object({});
