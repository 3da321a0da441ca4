/**
 * Cached readers for the pages every reader shares. Each is tagged per entity, so a write
 * invalidates exactly what it changed (see `tags`). They never read request data.
 */
import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { FILM_SLUG_PATTERN, PERSON_SLUG_PATTERN } from "@/lib/slug";
import { getDb } from "./index";
import { tags } from "./tags";
import { LIST_SLUGS, type ListSlug } from "@/lib/top10/lists";
import type { BrowseFilters } from "@/lib/browse";
import { rankByWeightedAverage } from "@/lib/rating";
import { isSunday } from "@/lib/top10/week";
import {
  getChartHistoryByFilmId,
  getChartWeek,
  getMostPopular,
  getSeriesBySlug,
  getRevisionsForEntries,
  listChartWeeks,
  listsOfWeek,
} from "./queries/charts";
import { getFilmBySlug } from "./queries/films";
import { getHandleRedirect } from "./queries/accounts";
import { getCatalogueFacets, listCatalogue } from "./queries/browse";
import { listRatedFilms } from "./queries/rating-stats";
import { getEngagementByFilmId } from "./queries/engagement";
import {
  getCountryRanks,
  getCountryWeeksByFilmId,
  getPeakWeekList,
  getRatingWeeksByFilmId,
  getRelatedByPeople,
} from "./queries/film-extras";
import { buildReceptionTimeline, startOfUtcWeek } from "@/lib/film-extras/timeline";
import { listFilmRevisions } from "./queries/edit-queue";
import { getPeopleNames, getPersonBySlug } from "./queries/people";
import { getCurrentSlug } from "./queries/redirects";
import { getRecentChartRows, getSitemapEntries } from "./queries/seo";
import { emptyResults, searchCatalogue } from "./queries/search";
import { isSearchable, MAX_SEARCH_LENGTH, SEARCH_PAGE_SIZE } from "@/lib/search/query";
import type { SlugKind } from "./schema";
import { readDiary, readFilmsWatched, readLogsByYear } from "./queries/diary";
import { readWatchlist } from "./queries/watchlist";
import {
  getListBySlug,
  getListOwner,
  isPublicList,
  LIST_PAGE_SIZE,
  listListItems,
  listUserLists,
} from "./queries/lists";
import {
  decodeCursor,
  getProfile,
  listUserReviews,
  getRatingStats,
  getReviewById,
  listFilmReviews,
  listLikedReviewsSince,
  listReviewVersions,
  type ReviewSort,
} from "./queries/reviews";
import { listComments } from "./queries/comments";
import {
  decodeFollowCursor,
  findUserByHandle,
  getFollowCounts,
  listFollows,
} from "./queries/follows";

/**
 * The build has no database: `generateStaticParams` offers this placeholder so that every real
 * slug is rendered and cached on its first request, and the loaders answer it without a query.
 */
export const BUILD_PLACEHOLDER = "_";

/**
 * A film with its credits, its whole chart run and any corrections to its figures, its ratings and
 * its newest reviews. Two parts cached apart: a review changes the second, not the first.
 */
export async function loadFilm(slug: string) {
  "use cache";
  cacheTag(tags.film(slug), tags.reviews(slug));
  cacheLife("days");
  const record = await loadFilmRecord(slug);
  if (!record) return null;
  const { ratings, reviews } = await loadFilmReception(slug, record.id);
  return { ...record, ratings, reviews };
}

/** What a film is and how it charted: changed by editors and imports, not by reviews. */
async function loadFilmRecord(slug: string) {
  "use cache";
  cacheTag(tags.film(slug));
  cacheLife("days");
  if (!FILM_SLUG_PATTERN.test(slug)) return null;
  const db = await getDb();
  const film = await getFilmBySlug(db, { slug });
  if (!film) return null;
  const chart = await getChartHistoryByFilmId(db, { filmId: film.id });
  const [revisions, engagement] = await Promise.all([
    getRevisionsForEntries(db, { entryIds: chart.map((c) => c.id) }),
    getEngagementByFilmId(db, { filmId: film.id }),
  ]);
  return { ...film, chart, revisions, engagement };
}

/** A film's ratings and first page of reviews, newest first. */
async function loadFilmReception(slug: string, filmId: number) {
  "use cache";
  cacheTag(tags.reviews(slug));
  cacheLife("days");
  const db = await getDb();
  const [ratings, reviews] = await Promise.all([
    getRatingStats(db, { filmId }),
    listFilmReviews(db, { filmId, sort: "newest", cursor: null, limit: REVIEWS_PAGE_SIZE }),
  ]);
  return { ratings, reviews };
}

/** A film's whole chart run with its corrections, for its week-by-week page. */
export async function loadFilmChart(slug: string) {
  "use cache";
  cacheTag(tags.film(slug));
  cacheLife("days");
  const record = await loadFilmRecord(slug);
  if (!record) return null;
  const { title, year, chart, revisions } = record;
  return { film: { slug: record.slug, title, year }, chart, revisions };
}

/** A film's chart run beside the ratings posted each week, for its week-by-week ratings page. */
export async function loadFilmRatingWeeks(slug: string) {
  "use cache";
  cacheTag(tags.film(slug), tags.reviews(slug));
  cacheLife("days");
  const record = await loadFilmRecord(slug);
  if (!record) return null;
  const ratingWeeks = await loadRatingWeeks(slug, record.id);
  return {
    film: { slug: record.slug, title: record.title, year: record.year },
    timeline: buildReceptionTimeline(record.chart, ratingWeeks),
  };
}

/**
 * Where an old slug of a film, series or person lives now (null when it never existed), for a
 * permanent redirect. Tagged with the old slug's entity, which a slug change invalidates.
 */
export async function loadRedirect(kind: SlugKind, slug: string) {
  "use cache";
  cacheTag(
    kind === "film" ? tags.film(slug) : kind === "series" ? tags.series(slug) : tags.person(slug),
  );
  cacheLife("days");
  if (slug === BUILD_PLACEHOLDER || !PERSON_SLUG_PATTERN.test(slug)) return null;
  return getCurrentSlug(await getDb(), { kind, slug });
}

export const REVIEWS_PAGE_SIZE = 10;

/** A page of a film's reviews in any order, for the reviews list's sorting and "More reviews". */
export async function loadFilmReviews(slug: string, sort: ReviewSort, cursor: string | null) {
  "use cache";
  cacheTag(tags.reviews(slug));
  cacheLife("days");
  const film = await loadFilmRecord(slug);
  if (!film) return null;
  return listFilmReviews(await getDb(), {
    filmId: film.id,
    sort,
    cursor: decodeCursor(cursor),
    limit: REVIEWS_PAGE_SIZE,
  });
}

/** A review with its comments, for its permalink page. */
export async function loadReview(id: number) {
  "use cache";
  cacheTag(tags.review(id));
  cacheLife("days");
  const db = await getDb();
  const review = await getReviewById(db, { reviewId: id });
  if (!review) return null;
  return { review, comments: await listComments(db, { reviewId: id }) };
}

export const PROFILE_REVIEWS_PAGE_SIZE = 20;

/** A profile's head and its newest reviews (`cursor` null), or an older page of them. */
export async function loadProfile(handle: string, cursor: string | null = null) {
  "use cache";
  cacheTag(tags.user(handle));
  cacheLife("days");
  if (!/^[a-zA-Z0-9_]{3,20}$/.test(handle)) return null;
  const after = cursor == null ? null : decodeCursor(cursor);
  if (cursor != null && typeof after?.v !== "string") return null;
  const db = await getDb();
  const profile = await getProfile(db, { handle });
  if (!profile) return null;
  const page = await listUserReviews(db, {
    userId: profile.id,
    cursor: after,
    limit: PROFILE_REVIEWS_PAGE_SIZE,
  });
  return { ...profile, ...page };
}

/**
 * The current handle of the user who gave up `handle` (for a permanent redirect), or null. Tagged
 * with the old handle: the change that made it, and anyone taking it over, invalidate that tag.
 */
export async function loadHandleRedirect(handle: string) {
  "use cache";
  cacheTag(tags.user(handle));
  cacheLife("days");
  if (handle === BUILD_PLACEHOLDER || !/^[a-zA-Z0-9_]{3,20}$/.test(handle)) return null;
  return getHandleRedirect(await getDb(), { handle });
}

export async function loadPerson(slug: string) {
  "use cache";
  cacheTag(tags.person(slug));
  cacheLife("days");
  if (slug === BUILD_PLACEHOLDER || !PERSON_SLUG_PATTERN.test(slug)) return null;
  const person = await getPersonBySlug(await getDb(), { slug });
  // each title's name, chart run and ratings stand on the page
  if (person) {
    cacheTag(
      tags.charts,
      ...person.titles.flatMap((t) => [tags.film(t.film.slug), tags.reviews(t.film.slug)]),
    );
  }
  return person;
}

export const FILMS_PAGE_SIZE = 24;

/** One page of /films under its filters. Ratings feed its rating sorts, charts the rest. */
export async function loadCataloguePage(filters: BrowseFilters, page: number) {
  "use cache";
  cacheTag(tags.films, tags.charts, tags.reviewsFeed);
  cacheLife("days");
  return listCatalogue(await getDb(), { filters, page, pageSize: FILMS_PAGE_SIZE });
}

/** The languages and years the /films filter menus offer. */
export async function loadCatalogueFacets() {
  "use cache";
  cacheTag(tags.films);
  cacheLife("days");
  return getCatalogueFacets(await getDb());
}

/** Best-rated films need this many ratings, and count as if they had BEST_RATED_PRIOR more at the mean. */
export const BEST_RATED_MIN = 3;
export const BEST_RATED_PRIOR = 5;
const RECENT_REVIEW_DAYS = 30;

/** The front page: this week's four lists, recent liked reviews and the best-rated films. */
export async function loadHome() {
  "use cache";
  cacheTag(tags.charts, tags.films, tags.reviewsFeed);
  // the reviews' 30-day window moves on even when nothing is written
  cacheLife("hours");
  const db = await getDb();
  const [week] = await listChartWeeks(db);
  const since = new Date(Date.now() - RECENT_REVIEW_DAYS * 24 * 60 * 60 * 1000);
  const [lists, reviews, rated] = await Promise.all([
    week
      ? Promise.all(
          LIST_SLUGS.map(async (list) => ({ list, rows: await getChartWeek(db, { week, list }) })),
        )
      : Promise.resolve([]),
    listLikedReviewsSince(db, { since, limit: 6 }),
    listRatedFilms(db),
  ]);
  const best = rankByWeightedAverage(rated, {
    prior: BEST_RATED_PRIOR,
    minRatings: BEST_RATED_MIN,
  });
  return {
    week: week ?? null,
    lists: lists.filter((l) => l.rows.length > 0),
    reviews,
    reviewDays: RECENT_REVIEW_DAYS,
    bestRated: { mean: best.mean, films: best.ranked.slice(0, 10) },
  };
}

/** A TV series with its chart run. */
export async function loadSeries(slug: string) {
  "use cache";
  cacheTag(tags.series(slug), tags.charts);
  cacheLife("days");
  if (!FILM_SLUG_PATTERN.test(slug)) return null;
  const db = await getDb();
  const found = await getSeriesBySlug(db, { slug });
  if (!found) return null;
  const revisions = await getRevisionsForEntries(db, { entryIds: found.chart.map((c) => c.id) });
  return { ...found, revisions };
}

/** Every chart week, newest first. */

export async function loadChartWeeks() {
  "use cache";
  cacheTag(tags.charts);
  cacheLife("days");
  return listChartWeeks(await getDb());
}

/** One list of one week (`week` may be `latest`), or null when there is no such list. */
export async function loadChartWeek(weekParam: string, listParam: string) {
  "use cache";
  cacheTag(tags.charts);
  cacheLife("days");
  if (!(LIST_SLUGS as readonly string[]).includes(listParam)) return null;
  if (weekParam !== "latest" && !isSunday(weekParam)) return null;
  const list = listParam as ListSlug;
  const db = await getDb();
  const weeks = await listChartWeeks(db);
  const week = weekParam === "latest" ? weeks[0] : weekParam;
  if (!week || !weeks.includes(week)) return null;
  cacheTag(tags.chartWeek(week));
  const [rows, lists] = await Promise.all([
    getChartWeek(db, { week, list }),
    listsOfWeek(db, { week }),
  ]);
  if (rows.length === 0) return null;
  const i = weeks.indexOf(week);
  return {
    week,
    list,
    rows,
    lists,
    weeks,
    previousWeek: weeks[i + 1] ?? null,
    nextWeek: weeks[i - 1] ?? null,
  };
}

/** Netflix's all-time most popular lists. */
export async function loadMostPopular() {
  "use cache";
  cacheTag(tags.charts);
  cacheLife("days");
  return getMostPopular(await getDb());
}

/** A film's revisions, with the names of the people its credits name. */
export async function loadFilmHistory(slug: string) {
  "use cache";
  cacheTag(tags.film(slug));
  cacheLife("days");
  if (!FILM_SLUG_PATTERN.test(slug)) return null;
  const db = await getDb();
  const film = await getFilmBySlug(db, { slug });
  if (!film) return null;
  const revisions = await listFilmRevisions(db, { filmId: film.id });
  const ids = new Set<number>();
  for (const r of revisions) {
    for (const side of [r.changes.credits?.before, r.changes.credits?.after]) {
      if (Array.isArray(side)) for (const c of side as { personId: number }[]) ids.add(c.personId);
    }
  }
  return {
    film: { slug: film.slug, title: film.title, year: film.year },
    revisions,
    people: await getPeopleNames(db, { ids: [...ids] }),
  };
}

/** Every address for the sitemaps. Hours, not days: a new person or series has no shared tag. */
export async function loadSitemapEntries() {
  "use cache";
  cacheTag(tags.films, tags.charts);
  cacheLife("hours");
  return getSitemapEntries(await getDb());
}

export const CHART_FEED_WEEKS = 12;

/** The newest weeks' lists, for the charts feed. */
export async function loadRecentChartRows() {
  "use cache";
  cacheTag(tags.charts);
  cacheLife("days");
  return getRecentChartRows(await getDb(), { weeks: CHART_FEED_WEEKS });
}

/**
 * What the film page shows beyond the film's own record: its run and reception on one axis, the
 * list of its peak week, films sharing its people, and whether per-country lists have it.
 */
export async function loadFilmExtras(slug: string) {
  "use cache";
  cacheTag(tags.film(slug), tags.reviews(slug), tags.charts, tags.films);
  cacheLife("days");
  const film = await loadFilmRecord(slug);
  if (!film) return null;
  const [ratingWeeks, neighbours] = await Promise.all([
    loadRatingWeeks(slug, film.id),
    loadFilmNeighbours(slug, film.id),
  ]);
  return { timeline: buildReceptionTimeline(film.chart, ratingWeeks), ...neighbours };
}

/**
 * Ratings posted per week, for the reception timeline: what a review changes. The weeks before
 * this one are counted and cached apart, so a new review (posted this week) recounts only this
 * week's ratings, not every rating the film ever had.
 */
async function loadRatingWeeks(slug: string, filmId: number) {
  "use cache";
  cacheTag(tags.reviews(slug));
  cacheLife("days");
  const thisWeek = startOfUtcWeek(new Date());
  const [settled, current] = await Promise.all([
    loadSettledRatingWeeks(slug, filmId, thisWeek.toISOString()),
    getRatingWeeksByFilmId(await getDb(), { filmId, from: thisWeek }),
  ]);
  return [...settled, ...current];
}

/** Ratings per week posted before `before` (a Monday, 00:00 UTC). */
async function loadSettledRatingWeeks(slug: string, filmId: number, before: string) {
  "use cache";
  cacheTag(tags.ratingHistory(slug));
  cacheLife("days");
  return getRatingWeeksByFilmId(await getDb(), { filmId, before: new Date(before) });
}

/** The list of the film's peak week, films sharing its people, its per-country weeks. */
async function loadFilmNeighbours(slug: string, filmId: number) {
  "use cache";
  cacheTag(tags.film(slug), tags.charts, tags.films);
  cacheLife("days");
  const db = await getDb();
  const [peakWeek, related, countryWeeks] = await Promise.all([
    getPeakWeekList(db, { filmId }),
    getRelatedByPeople(db, { filmId, limit: RELATED_FILMS }),
    getCountryWeeksByFilmId(db, { filmId }),
  ]);
  return { peakWeek, related, countryWeeks };
}

export const RELATED_FILMS = 12;

/**
 * A film's ranks in each country's Films list of one week (`latest`: its latest week with
 * per-country lists), with every week that has them; null when there is no such week.
 */
export async function loadFilmCountries(slug: string, weekParam: string) {
  "use cache";
  cacheTag(tags.film(slug), tags.charts);
  cacheLife("days");
  if (weekParam !== "latest" && !isSunday(weekParam)) return null;
  const film = await loadFilmRecord(slug);
  if (!film) return null;
  const db = await getDb();
  const weeks = await getCountryWeeksByFilmId(db, { filmId: film.id });
  const week = weekParam === "latest" ? weeks.at(-1)?.week : weekParam;
  if (!week || !weeks.some((w) => w.week === week)) return null;
  return {
    film: { slug: film.slug, title: film.title, year: film.year },
    week,
    weeks,
    countries: await getCountryRanks(db, { filmId: film.id, week }),
  };
}

/**
 * Search results for an already cleaned query (`cleanSearchText`), so one entry serves every
 * spelling of the same text. Tagged with every hit, whose edits and ratings change what a hit
 * shows, and with the catalogue and charts, which imports change; an entity that starts to match
 * (a new person, a renamed film) shows up when the entry expires, within the hour.
 */
export async function loadSearch(q: string, limit: number) {
  "use cache";
  cacheTag(tags.films, tags.charts);
  cacheLife("hours");
  const results = await searchCatalogue(await getDb(), { q, limit });
  cacheTag(
    // a hit shows the film's rating too
    ...results.films.flatMap((f) => [tags.film(f.slug), tags.reviews(f.slug)]),
    ...results.series.map((s) => tags.series(s.slug)),
    ...results.people.map((p) => tags.person(p.slug)),
  );
  return results;
}

/** What /search shows for a cleaned query: nothing without a query to run, else `loadSearch`. */
export async function loadSearchPage(q: string) {
  if (q === BUILD_PLACEHOLDER || q.length > MAX_SEARCH_LENGTH || !isSearchable(q)) {
    return emptyResults();
  }
  return loadSearch(q, SEARCH_PAGE_SIZE);
}

/**
 * A user's diary, films watched, watchlist and logs per year as an anonymous reader may see them:
 * the data when the owner shows it to everyone, otherwise only whose it is and to whom it shows
 * (the browser then asks for it with the reader's session). Film titles come from the catalogue.
 */
export async function loadDiary(handle: string, cursor: string | null) {
  "use cache";
  cacheTag(tags.diary(handle), tags.user(handle), tags.films);
  cacheLife("days");
  if (handle === BUILD_PLACEHOLDER) return null;
  return readDiary(await getDb(), { handle, viewerId: null, cursor });
}

export async function loadFilmsWatched(handle: string, cursor: string | null) {
  "use cache";
  cacheTag(tags.diary(handle), tags.user(handle), tags.films);
  cacheLife("days");
  if (handle === BUILD_PLACEHOLDER) return null;
  return readFilmsWatched(await getDb(), { handle, viewerId: null, cursor });
}

export async function loadWatchlist(handle: string, cursor: string | null) {
  "use cache";
  cacheTag(tags.watchlist(handle), tags.films);
  cacheLife("days");
  if (handle === BUILD_PLACEHOLDER) return null;
  return readWatchlist(await getDb(), { handle, viewerId: null, cursor });
}

export async function loadLogsByYear(handle: string) {
  "use cache";
  cacheTag(tags.diary(handle));
  cacheLife("days");
  if (handle === BUILD_PLACEHOLDER) return null;
  return readLogsByYear(await getDb(), { handle, viewerId: null });
}

// ─── Lists ───────────────────────────────────────────────────────────────────

const HANDLE = /^[a-zA-Z0-9_]{3,20}$/;
export const USER_LISTS_PAGE_SIZE = 24;

/**
 * A user's lists page: the owner, and their lists when everyone may see them (null otherwise:
 * the reader's browser asks for what it may see). Private lists are never here.
 */
export async function loadUserLists(handle: string) {
  "use cache";
  cacheTag(tags.userLists(handle), tags.user(handle), tags.films);
  cacheLife("days");
  if (!HANDLE.test(handle)) return null;
  const db = await getDb();
  const owner = await getListOwner(db, { handle });
  if (!owner) return null;
  const page =
    owner.listsAudience === "everyone"
      ? await listUserLists(db, {
          ownerId: owner.id,
          privacy: "exclude",
          cursor: null,
          limit: USER_LISTS_PAGE_SIZE,
        })
      : null;
  return {
    owner: { handle: owner.handle, name: owner.name, audience: owner.listsAudience },
    page,
  };
}

/**
 * A list's page. Everything about a list only some readers may see (private, or the owner shows
 * lists to followers or to nobody) stays out of the shared page: `list` is then null and the
 * reader's browser asks for it.
 */
export async function loadList(handle: string, slug: string) {
  "use cache";
  cacheTag(tags.listAddress(handle, slug), tags.user(handle));
  cacheLife("days");
  if (!HANDLE.test(handle) || !FILM_SLUG_PATTERN.test(slug)) return null;
  const db = await getDb();
  const list = await getListBySlug(db, { handle, slug });
  if (!list) return null;
  cacheTag(tags.list(list.id));
  const owner = { handle: list.owner.handle, name: list.owner.name };
  if (!isPublicList(list)) return { id: list.id, owner, list: null, items: null };
  const items = await listListItems(db, { listId: list.id, after: 0, limit: LIST_PAGE_SIZE });
  // each film's title and year, and its best chart rank, stand on the page
  cacheTag(tags.charts, ...items.items.map((i) => tags.film(i.slug)));
  const { owner: _owner, version: _version, ...shown } = list;
  return { id: list.id, owner, list: shown, items };
}

// ─── Follows and review versions ─────────────────────────────────────────────

export const FOLLOWS_PAGE_SIZE = 50;

async function profileUser(handle: string) {
  if (!/^[a-zA-Z0-9_]{3,20}$/.test(handle)) return null;
  return findUserByHandle(await getDb(), { handle });
}

/** A user's follower and following counts, for their profile. */
export async function loadFollowCounts(handle: string) {
  "use cache";
  cacheTag(tags.follows(handle));
  cacheLife("days");
  const user = await profileUser(handle);
  if (!user) return null;
  return getFollowCounts(await getDb(), { userId: user.id });
}

/** One page of a user's followers or of the people they follow (`cursor`: after which). */
export async function loadFollows(
  handle: string,
  side: "followers" | "following",
  cursor: string | null,
) {
  "use cache";
  cacheTag(tags.follows(handle), tags.user(handle));
  cacheLife("days");
  const user = await profileUser(handle);
  if (!user) return null;
  const after = decodeFollowCursor(cursor);
  if (cursor && !after) return null;
  const db = await getDb();
  const [page, counts] = await Promise.all([
    listFollows(db, { userId: user.id, side, cursor: after, limit: FOLLOWS_PAGE_SIZE }),
    getFollowCounts(db, { userId: user.id }),
  ]);
  return { user, counts, ...page };
}

/** A review's earlier versions with its current one; null when readers cannot see it. */
export async function loadReviewHistory(id: number) {
  "use cache";
  cacheTag(tags.review(id));
  cacheLife("days");
  return listReviewVersions(await getDb(), { reviewId: id });
}
