import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BUILD_PLACEHOLDER, FILMS_PAGE_SIZE, loadFilmsPage } from "@/db/cached";
import { FILM_SORTS, type FilmSort } from "@/db/queries/films";
import { FilmList } from "@/components/film-list";
import { plural } from "@/lib/format";
import { filmsHref } from "@/lib/urls";

// Reached through the rewrite of `/films?sort=…&page=…` in next.config.ts.
type Props = { params: Promise<{ sort: string; page: string }> };

export function generateStaticParams() {
  return [{ sort: BUILD_PLACEHOLDER, page: BUILD_PLACEHOLDER }];
}

function parse(sort: string, page: string): { sort: FilmSort; page: number } | null {
  const n = Number(page);
  if (!(FILM_SORTS as readonly string[]).includes(sort) || !/^[1-9]\d{0,4}$/.test(page))
    return null;
  return { sort: sort as FilmSort, page: n };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await params;
  const parsed = parse(p.sort, p.page);
  const suffix = parsed && parsed.page > 1 ? ` — page ${parsed.page}` : "";
  return {
    title: `All films${suffix}`,
    description: "Every film on Reelrank, with its Netflix Top 10 chart run and viewer reviews.",
    alternates: parsed ? { canonical: filmsHref(parsed.sort, parsed.page) } : undefined,
  };
}

export default async function FilmsPage({ params }: Props) {
  const p = await params;
  const parsed = parse(p.sort, p.page);
  if (!parsed) notFound();
  const { sort, page } = parsed;
  const { films, total } = await loadFilmsPage(sort, page);
  const pages = Math.max(1, Math.ceil(total / FILMS_PAGE_SIZE));
  if (page > pages) notFound();

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">All films</h1>
          <p className="mt-1 text-zinc-600 dark:text-zinc-400">{plural(total, "film")}</p>
        </div>
        <nav aria-label="Sort films" className="flex items-center gap-2 text-sm">
          <span id="sort-label" className="text-zinc-600 dark:text-zinc-400">
            Sort by
          </span>
          {FILM_SORTS.map((s) => (
            <Link
              key={s}
              href={filmsHref(s, 1)}
              aria-current={s === sort ? "page" : undefined}
              className="rounded-full border border-zinc-300 px-3 py-1 no-underline aria-[current=page]:border-brand-600 aria-[current=page]:bg-brand-600 aria-[current=page]:text-white dark:border-zinc-700"
            >
              {s === "title" ? "Title" : "Year"}
            </Link>
          ))}
        </nav>
      </div>
      <div className="mt-6">
        <FilmList films={films} />
      </div>
      {pages > 1 ? (
        <nav aria-label="Pages" className="mt-8 flex items-center justify-between text-sm">
          {page > 1 ? (
            <Link href={filmsHref(sort, page - 1)} rel="prev" className="underline">
              ← Previous page
            </Link>
          ) : (
            <span />
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link href={filmsHref(sort, page + 1)} rel="next" className="underline">
              Next page →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}
