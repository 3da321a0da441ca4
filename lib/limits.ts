/**
 * Limits and fixed choices that both the input schemas (lib/validation.ts) and the browser's forms
 * use. Kept apart from the schemas so that a client component can show a limit without bringing
 * the validation library into the page's JavaScript.
 */

export const MAX_REVIEW_LENGTH = 10_000;
export const MAX_COMMENT_LENGTH = 2_000;

export const HANDLE_PATTERN = /^[a-zA-Z0-9_]{3,20}$/;

export const CREDIT_ROLES = ["director", "writer", "cast"] as const;

export const MAX_LIST_NAME = 100;
export const MAX_LIST_DESCRIPTION = 5000;
export const MAX_LIST_NOTE = 1000;
export const MAX_LIST_ITEMS = 1000;

/** What a Letterboxd import's files may weigh, all together. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** The whole upload form: the files, plus the form's own bytes (boundaries, field names). */
export const MAX_UPLOAD_FORM_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

/** Files a Letterboxd import may upload at once: the .zip, or its CSV files. */
export const MAX_IMPORT_FILES = 10;

export const MAX_SEARCH_LENGTH = 200;
/** Results per kind on /search and at most from /api/search; suggestions ask for fewer. */
export const SEARCH_PAGE_SIZE = 20;

/** A positive whole number from an environment variable, or the fallback (unset, 0, junk). */
export function countFromEnv(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : fallback;
}
