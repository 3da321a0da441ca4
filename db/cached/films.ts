/**
 * Cached readers of a film's pages: its record and reception, chart run, rating weeks, extras,
 * countries, reviews and history, and where an old slug went.
 */
import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { FILM_SLUG_PATTERN, PERSON_SLUG_PATTERN } from "@/lib/slug";
import { getDb } from "../index";
import { tags } from "../tags";
import { isSunday } from "@/lib/top10/week";
import { getChartHistoryByFilmId, getRevisionsForEntries } from "../queries/charts";
import { getFilmBySlug } from "../queries/films";
import { getEngagementByFilmId } from "../queries/engagement";
import {
  getCountryRanks,
  getCountryWeeksByFilmId,
  getPeakWeekList,
  getRatingWeeksByFilmId,
  getRelatedByPeople,
} from "../queries/film-extras";
import { buildReceptionTimeline, startOfUtcWeek } from "@/lib/film-extras/timeline";
import { listFilmRevisions } from "../queries/edit-queue";
import { getPeopleNames } from "../queries/people";
import { getCurrentSlug } from "../queries/redirects";
import type { SlugKind } from "../schema";
import {
  decodeCursor,
  getRatingStats,
  getReviewById,
  listFilmReviews,
  type ReviewSort,
} from "../queries/reviews";
import { listComments } from "../queries/comments";
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
