import Link from "next/link";
import type { FilmListItem } from "@/db/queries/films";
import { formatRuntime, languageName } from "@/lib/format";
import { langForText } from "@/lib/script";

export function FilmList({ films }: { films: FilmListItem[] }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {films.map((film) => (
        <li key={film.slug} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <Link href={`/films/${film.slug}`} className="text-lg font-semibold hover:underline">
            {film.title}
            {film.year != null ? (
              <span className="font-normal text-zinc-600 dark:text-zinc-400"> ({film.year})</span>
            ) : null}
          </Link>
          {film.originalTitle && film.originalTitle !== film.title ? (
            <p
              lang={film.originalLanguage ?? langForText(film.originalTitle)}
              className="text-zinc-700 dark:text-zinc-300"
            >
              {film.originalTitle}
            </p>
          ) : null}
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            {[languageName(film.originalLanguage), formatRuntime(film.runtimeMinutes)]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </li>
      ))}
    </ul>
  );
}
