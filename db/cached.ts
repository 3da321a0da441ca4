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
  getRevisionsForEntries,
  listChartWeeks,
  listsOfWeek,
} from "./queries/charts";
import { getFilmBySlug, listFilms, listLatestFilms, type FilmSort } from "./queries/films";
import { getPersonBySlug } from "./queries/people";

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
  const chart = await getChartHistoryByFilmId(db, { filmId: film.id });
  const revisions = await getRevisionsForEntries(db, { entryIds: chart.map((c) => c.id) });
  return { ...film, chart, revisions };
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
