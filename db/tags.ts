/** Cache tags, one per entity: every write invalidates exactly the tags of what it changed. */
export const tags = {
  films: "films",
  /** A film's record: facts, credits, chart run. Reviews do not touch it. */
  film: (slug: string) => `film:${slug}`,
  person: (slug: string) => `person:${slug}`,
  series: (slug: string) => `series:${slug}`,

  charts: "charts",
  chartWeek: (week: string) => `chart:${week}`,
  /** A film's ratings and review lists (every sort and page), and its ratings per week. */
  reviews: (filmSlug: string) => `reviews:${filmSlug}`,
  /**
   * A film's ratings per week before the current one. Every change to its reviews expires it
   * (`reviewChangeTags`) except posting a new one, which only counts in the current week.
   */
  ratingHistory: (filmSlug: string) => `rating-history:${filmSlug}`,
  review: (id: number) => `review:${id}`,
  /** What spans every film's reviews: the front page's liked reviews and best-rated films. */
  reviewsFeed: "reviews-feed",
  user: (handle: string) => `user:${handle.toLowerCase()}`,
  /** A user's diary, films watched and logs per year. */
  diary: (handle: string) => `diary:${handle.toLowerCase()}`,
  watchlist: (handle: string) => `watchlist:${handle.toLowerCase()}`,
  /** A list's page: its details and films. */
  list: (id: number) => `list:${id}`,
  /** What answers at /u/<handle>/lists/<slug>, including "no such list" before one is made. */
  listAddress: (handle: string, slug: string) =>
    `list-address:${handle.toLowerCase()}/${slug.toLowerCase()}`,
  /** A user's lists page. */
  userLists: (handle: string) => `user-lists:${handle.toLowerCase()}`,
  /** A user's followers and following: the two lists and their counts. */
  follows: (handle: string) => `follows:${handle.toLowerCase()}`,
} as const;

/**
 * What a change to a film's existing reviews expires: an edit, a deletion, moderation, a merge or
 * an import can move ratings in past weeks. Posting a new review needs `tags.reviews` alone.
 */
export function reviewChangeTags(filmSlug: string): string[] {
  return [tags.reviews(filmSlug), tags.ratingHistory(filmSlug)];
}
