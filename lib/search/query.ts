/**
 * What a reader typed into search, cleaned up the same way wherever it arrives (the header box,
 * `/search?q=`, `/api/search?q=`). Matching itself ignores case, accents and punctuation in the
 * database (`reelrank_search_key`); this only decides what text is sent there.
 */
import { z } from "zod";
import { MAX_SEARCH_LENGTH, SEARCH_PAGE_SIZE } from "../limits";

export { MAX_SEARCH_LENGTH, SEARCH_PAGE_SIZE };

/** Control and format characters (NUL included) and lone surrogates, which a URL can smuggle in. */
const UNWANTED = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

/** Trimmed, with control characters removed and every run of white space one space. */
export function cleanSearchText(raw: string): string {
  return raw.replace(UNWANTED, " ").normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** Whether there is anything to look for: a letter or a digit in any script. */
export function isSearchable(q: string): boolean {
  return /[\p{L}\p{N}]/u.test(q);
}

const TOO_LONG = `Search with at most ${MAX_SEARCH_LENGTH} characters.`;

export const searchQuery = z
  .unknown()
  .transform((v) => (typeof v === "string" ? v : ""))
  // cleaning takes time in proportion to the text (about 1.5 s a megabyte here): text too long
  // to clean down to the limit is refused before it is cleaned
  .refine((q) => q.length <= MAX_SEARCH_LENGTH * 10, TOO_LONG)
  .transform(cleanSearchText)
  .refine((q) => q.length <= MAX_SEARCH_LENGTH, TOO_LONG);
