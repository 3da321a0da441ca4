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

/** Film slugs are the kebab-case title and the year: `ballerina-2023`. */
export function filmSlug(title: string, year: number): string {
  return `${slugify(title) || "film"}-${year}`;
}

export const FILM_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}$/;
export const PERSON_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
