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
import { getFilmBySlug, listFilms, listLatestFilms, type FilmSort } from "./queries/films";
import { getEngagementByFilmId } from "./queries/engagement";
import { listFilmRevisions } from "./queries/edit-queue";
import { getPeopleNames, getPersonBySlug } from "./queries/people";
import { getCurrentSlug } from "./queries/redirects";
import { emptyResults, searchCatalogue } from "./queries/search";
import { isSearchable, MAX_SEARCH_LENGTH, SEARCH_PAGE_SIZE } from "@/lib/search/query";
import type { SlugKind } from "./schema";
import {
  decodeCursor,
  getProfile,
  getRatingStats,
  getReviewById,
  listComments,
  listFilmReviews,
  type ReviewSort,
} from "./queries/reviews";

/**
 * The build has no database: `generateStaticParams` offers this placeholder so that every real
 * slug is rendered and cached on its first request, and the loaders answer it without a query.
 */
export const BUILD_PLACEHOLDER = "_";

/** A film with its credits, its whole chart run and any corrections to its figures. */
export async function loadFilm(slug: string) {
  "use cache";
  cacheTag(tags.film(slug));
  cacheLife("days");
  if (!FILM_SLUG_PATTERN.test(slug)) return null;
  const db = await getDb();
  const film = await getFilmBySlug(db, { slug });
  if (!film) return null;
  cacheTag(tags.reviews(slug));
  const chart = await getChartHistoryByFilmId(db, { filmId: film.id });
  const [revisions, ratings, reviews, engagement] = await Promise.all([
    getRevisionsForEntries(db, { entryIds: chart.map((c) => c.id) }),
    getRatingStats(db, { filmId: film.id }),
    listFilmReviews(db, {
      filmId: film.id,
      sort: "newest",
      cursor: null,
      limit: REVIEWS_PAGE_SIZE,
    }),
    getEngagementByFilmId(db, { filmId: film.id }),
  ]);
  return { ...film, chart, revisions, ratings, reviews, engagement };
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
  const film = await loadFilm(slug);
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

export async function loadProfile(handle: string) {
  "use cache";
  cacheTag(tags.user(handle));
  cacheLife("days");
  if (!/^[a-zA-Z0-9_]{3,20}$/.test(handle)) return null;
  return getProfile(await getDb(), { handle });
}

export async function loadPerson(slug: string) {
  "use cache";
  cacheTag(tags.person(slug));
  cacheLife("days");
  if (slug === BUILD_PLACEHOLDER || !PERSON_SLUG_PATTERN.test(slug)) return null;
  return getPersonBySlug(await getDb(), { slug });
}

export const FILMS_PAGE_SIZE = 24;

export async function loadFilmsPage(sort: FilmSort, page: number) {
  "use cache";
  cacheTag(tags.films);
  cacheLife("days");
  return listFilms(await getDb(), { sort, page, pageSize: FILMS_PAGE_SIZE });
}

export async function loadLatestFilms() {
  "use cache";
  cacheTag(tags.films);
  cacheLife("days");
  return listLatestFilms(await getDb(), { limit: 8 });
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
    ...results.films.map((f) => tags.film(f.slug)),
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
