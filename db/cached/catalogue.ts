/**
 * Cached readers of what spans films: the home page, /films, the charts, series, people, search
 * and the sitemaps.
 */
import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { FILM_SLUG_PATTERN, PERSON_SLUG_PATTERN } from "@/lib/slug";
import { getDb } from "../index";
import { tags } from "../tags";
import { LIST_SLUGS, type ListSlug } from "@/lib/top10/lists";
import type { BrowseFilters } from "@/lib/browse";
import { rankByWeightedAverage } from "@/lib/rating";
import { isSunday } from "@/lib/top10/week";
import {
  getChartWeek,
  getMostPopular,
  getSeriesBySlug,
  getRevisionsForEntries,
  listChartWeeks,
  listsOfWeek,
} from "../queries/charts";
import { getCatalogueFacets, listCatalogue } from "../queries/browse";
import { listRatedFilms } from "../queries/rating-stats";
import { getPersonBySlug } from "../queries/people";
import { getRecentChartRows, getSitemapEntries } from "../queries/seo";
import { emptyResults, searchCatalogue } from "../queries/search";
import { isSearchable, MAX_SEARCH_LENGTH, SEARCH_PAGE_SIZE } from "@/lib/search/query";
import { listLikedReviewsSince } from "../queries/reviews";
import { BUILD_PLACEHOLDER } from "./films";
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
