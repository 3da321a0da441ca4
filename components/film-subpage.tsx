import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { loadRedirect } from "@/db/cached";
import { titleWithYear } from "@/lib/format";

type SubpageFilm = { slug: string; title: string; year: number | null };

/**
 * What one of a film's own pages (`/films/<slug>/<path>`) loaded, or the way out: a film whose
 * slug changed answers 308 to the same page under its new slug, so published links keep working;
 * anything else is 404.
 */
export async function loadFilmSubpage<T extends { film: SubpageFilm }>(
  slug: string,
  path: string,
  load: () => Promise<T | null>,
): Promise<T> {
  const data = await load();
  if (data) return data;
  const moved = await loadRedirect("film", slug);
  if (moved) permanentRedirect(`/films/${moved}/${path}`);
  notFound();
}

/** A film subpage's metadata: its title after the film's name, and its canonical address. */
export function filmSubpageMetadata(
  film: SubpageFilm,
  path: string,
  { title, description }: { title: (name: string) => string; description: string },
): Metadata {
  return {
    title: title(titleWithYear(film.title, film.year)),
    description,
    alternates: { canonical: `/films/${film.slug}/${path}` },
  };
}

/** The frame of a film subpage: a link back to the film, then the heading. */
export function FilmSubpage({
  film,
  heading,
  children,
}: {
  film: SubpageFilm;
  heading: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div>
      <p className="text-sm">
        <Link href={`/films/${film.slug}`} className="underline">
          {titleWithYear(film.title, film.year)}
        </Link>
      </p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight">{heading}</h1>
      {children}
    </div>
  );
}
