/** Kebab-case ASCII slug: `Ballerina` → `ballerina`; accents folded; other scripts dropped. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/[łŁ]/g, "l")
    .replace(/['’]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Film and series slugs are the kebab-case title and, when a source gives it, the year:
 * `ballerina-2023`, but `code-8` while its year is unknown. No year is ever made up for a slug.
 */
export function filmSlug(title: string, year: number | null): string {
  const base = slugify(title) || "title";
  return year == null ? base : `${base}-${year}`;
}

/**
 * A film slug not in `taken`: the plain slug, else numbered (`ballerina-2`, `ballerina-3`), the
 * way two titles with the same name and no known year are told apart without guessing.
 */
export function uniqueFilmSlug(title: string, year: number | null, taken: Set<string>): string {
  const slug = filmSlug(title, year);
  let candidate = slug;
  for (let n = 2; taken.has(candidate); n++) candidate = `${slug}-${n}`;
  return candidate;
}

export const FILM_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const PERSON_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
