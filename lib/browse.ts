/**
 * The catalogue's filters and sorts as they appear in addresses. `/films?…` is what readers see;
 * proxy.ts rewrites it onto one canonical path segment (`/films/browse/<segment>/<page>`), so that
 * equal filters written in any order share one cached page.
 */
import { z } from "zod";

export const BROWSE_SORTS = [
  "title",
  "rank",
  "views",
  "weeks",
  "rating",
  "ratings",
  "newest",
] as const;
export type BrowseSort = (typeof BROWSE_SORTS)[number];
export const BROWSE_LISTS = ["english", "non-english"] as const;
export type BrowseList = (typeof BROWSE_LISTS)[number];
export const BROWSE_KINDS = ["film", "series"] as const;
export type BrowseKind = (typeof BROWSE_KINDS)[number];
export const BEST_RANKS = [1, 3, 5] as const;
export type BestRank = (typeof BEST_RANKS)[number];

export type BrowseFilters = {
  list?: BrowseList;
  kind?: BrowseKind;
  year?: number;
  /** First year of the decade: 2010 for `2010s`. */
  decade?: number;
  /** ISO 639-1, as stored on films and series. */
  lang?: string;
  best?: BestRank;
  sort: BrowseSort;
};

/** The keys in the order every canonical address writes them. */
const KEYS = ["list", "kind", "year", "decade", "lang", "best", "sort"] as const;
type Key = (typeof KEYS)[number];

const MIN_YEAR = 1880;
const MAX_YEAR = 2100;

/** Each key's text → its value, or a failure; `sort=year` is the published alias of `newest`. */
const fields = {
  list: z.enum(BROWSE_LISTS),
  kind: z.enum(BROWSE_KINDS),
  year: z
    .string()
    .regex(/^\d{4}$/)
    .transform(Number)
    .pipe(z.number().int().min(MIN_YEAR).max(MAX_YEAR)),
  decade: z
    .string()
    .regex(/^\d{3}0s$/)
    .transform((d) => Number(d.slice(0, 4)))
    .pipe(z.number().int().min(MIN_YEAR).max(MAX_YEAR)),
  lang: z.string().regex(/^[a-z]{2}$/),
  best: z.enum(["1", "3", "5"]).transform((b) => Number(b) as BestRank),
  sort: z
    .enum([...BROWSE_SORTS, "year"])
    .transform((s): BrowseSort => (s === "year" ? "newest" : s)),
} satisfies Record<Key, z.ZodType>;

const page = z
  .string()
  .regex(/^[1-9]\d{0,4}$/)
  .transform(Number);

function text(filters: BrowseFilters, key: Key): string | null {
  switch (key) {
    case "decade":
      return filters.decade == null ? null : `${filters.decade}s`;
    case "sort":
      return filters.sort === "title" ? null : filters.sort;
    default: {
      const v = filters[key];
      return v == null ? null : String(v);
    }
  }
}

function pairs(filters: BrowseFilters): [Key, string][] {
  return KEYS.flatMap((k) => {
    const v = text(filters, k);
    return v == null ? [] : [[k, v] as [Key, string]];
  });
}

export type ParsedQuery = {
  filters: BrowseFilters;
  page: number;
  /** Keys whose values were not valid (and are left out). */
  invalid: string[];
  /** Keys sent empty, as a form does for "Any". */
  empty: string[];
};

/** Reads `/films?…`; keys it does not know (`utm_source`, Next's `_rsc`) are ignored. */
export function parseBrowseQuery(params: URLSearchParams): ParsedQuery {
  const filters: BrowseFilters = { sort: "title" };
  const invalid: string[] = [];
  const empty: string[] = [];
  const set = filters as Record<Key, unknown>;
  for (const key of KEYS) {
    const raw = params.get(key);
    if (raw == null) continue;
    if (raw === "") {
      empty.push(key);
      continue;
    }
    const parsed = fields[key].safeParse(raw);
    if (parsed.success) set[key] = parsed.data;
    else invalid.push(key);
  }
  let pageNumber = 1;
  const rawPage = params.get("page");
  if (rawPage === "") empty.push("page");
  else if (rawPage != null) {
    const parsed = page.safeParse(rawPage);
    if (parsed.success) pageNumber = parsed.data;
    else invalid.push("page");
  }
  return { filters, page: pageNumber, invalid, empty };
}

/** `all`, or `key-value` pairs in a fixed order joined by dots: `list-non-english.sort-rank`. */
export function filtersSegment(filters: BrowseFilters): string {
  const p = pairs(filters);
  return p.length === 0 ? "all" : p.map(([k, v]) => `${k}-${v}`).join(".");
}

/**
 * The filters of a canonical segment, or null for anything else (a segment that is valid but not
 * canonical would be a second cache entry for the same page).
 */
export function parseFiltersSegment(segment: string): BrowseFilters | null {
  if (segment === "all") return { sort: "title" };
  const params = new URLSearchParams();
  for (const part of segment.split(".")) {
    const dash = part.indexOf("-");
    if (dash <= 0) return null;
    params.append(part.slice(0, dash), part.slice(dash + 1));
  }
  const parsed = parseBrowseQuery(params);
  if (parsed.invalid.length || parsed.empty.length) return null;
  return filtersSegment(parsed.filters) === segment ? parsed.filters : null;
}

/** The public address of a page of results: `/films`, `/films?list=english&sort=rank&page=2`. */
export function browseHref(filters: BrowseFilters, pageNumber = 1): string {
  const query = new URLSearchParams(pairs(filters));
  if (pageNumber > 1) query.set("page", String(pageNumber));
  const q = query.toString();
  return q ? `/films?${q}` : "/films";
}

/** The internal path proxy.ts rewrites a public address to. */
export function browsePath(filters: BrowseFilters, pageNumber: number): string {
  return `/films/browse/${filtersSegment(filters)}/${pageNumber}`;
}

export function hasFilters(filters: BrowseFilters): boolean {
  return pairs(filters).some(([k]) => k !== "sort");
}

/** `2010` → `2010s`. */
export function decadeLabel(decade: number): string {
  return `${decade}s`;
}
