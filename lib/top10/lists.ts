/** Netflix's four global weekly lists, with the slugs Reelrank uses in its addresses. */
export const LISTS = [
  {
    slug: "films-english",
    category: "Films (English)",
    kind: "film",
    english: true,
    label: "Films (English)",
  },
  {
    slug: "films-non-english",
    category: "Films (Non-English)",
    kind: "film",
    english: false,
    label: "Films (Non-English)",
  },
  {
    slug: "tv-english",
    category: "TV (English)",
    kind: "tv",
    english: true,
    label: "TV (English)",
  },
  {
    slug: "tv-non-english",
    category: "TV (Non-English)",
    kind: "tv",
    english: false,
    label: "TV (Non-English)",
  },
] as const;

export type ListSlug = (typeof LISTS)[number]["slug"];
export type ListInfo = (typeof LISTS)[number];
export const LIST_SLUGS = LISTS.map((l) => l.slug) as [ListSlug, ...ListSlug[]];

export function listBySlug(slug: string): ListInfo | undefined {
  return LISTS.find((l) => l.slug === slug);
}

export function listByCategory(category: string): ListInfo | undefined {
  return LISTS.find((l) => l.category === category);
}
