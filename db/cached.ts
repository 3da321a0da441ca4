/**
 * Cached readers for the pages every reader shares. Each is tagged per entity, so a write
 * invalidates exactly what it changed (see `tags`). They never read request data.
 */
import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { FILM_SLUG_PATTERN, PERSON_SLUG_PATTERN } from "@/lib/slug";
import { getDb } from "./index";
import { tags } from "./tags";
import { getFilmBySlug, listFilms, listLatestFilms, type FilmSort } from "./queries/films";
import { getPersonBySlug } from "./queries/people";

/**
 * The build has no database: `generateStaticParams` offers this placeholder so that every real
 * slug is rendered and cached on its first request, and the loaders answer it without a query.
 */
export const BUILD_PLACEHOLDER = "_";


export async function loadFilm(slug: string) {
  "use cache";
  cacheTag(tags.film(slug));
  cacheLife("days");
  if (!FILM_SLUG_PATTERN.test(slug)) return null;
  return getFilmBySlug(await getDb(), { slug });
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
