import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { BUILD_PLACEHOLDER, loadPerson, loadRedirect } from "@/db/cached";
import type { FilmographyEntry } from "@/db/queries/people";
import type { CreditRole } from "@/db/schema";
import { langForText } from "@/lib/script";

type Props = { params: Promise<{ slug: string }> };

export function generateStaticParams() {
  return [{ slug: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const person = await loadPerson((await params).slug);
  if (!person) return { title: "Person not found" };
  const name = person.nativeName ? `${person.name} (${person.nativeName})` : person.name;
  return {
    title: name,
    description: `${name}: filmography on Reelrank, with Netflix Top 10 chart runs and reviews.`,
    alternates: { canonical: `/people/${person.slug}` },
  };
}

const ROLE_LABEL: Record<CreditRole, string> = {
  director: "Director",
  writer: "Writer",
  cast: "Actor",
};

/** One row per film, with every role the person had in it. */
function groupByFilm(entries: FilmographyEntry[]) {
  const byFilm = new Map<string, { film: FilmographyEntry["film"]; roles: string[] }>();
  for (const e of entries) {
    const row = byFilm.get(e.film.slug) ?? { film: e.film, roles: [] };
    row.roles.push(
      e.role === "cast" && e.character ? `${ROLE_LABEL.cast} (${e.character})` : ROLE_LABEL[e.role],
    );
    byFilm.set(e.film.slug, row);
  }
  return [...byFilm.values()];
}

export default async function PersonPage({ params }: Props) {
  const { slug } = await params;
  const person = await loadPerson(slug);
  if (!person) {
    const moved = await loadRedirect("person", slug);
    if (moved) permanentRedirect(`/people/${moved}`);
    notFound();
  }
  const films = groupByFilm(person.filmography);
  return (
    <article>
      <h1 className="text-3xl font-bold tracking-tight">
        {person.name}
        {person.nativeName && person.nativeName !== person.name ? (
          <>
            {" "}
            <span
              lang={langForText(person.nativeName)}
              className="font-normal text-zinc-600 dark:text-zinc-400"
            >
              {person.nativeName}
            </span>
          </>
        ) : null}
      </h1>
      <section aria-labelledby="filmography" className="mt-8">
        <h2 id="filmography" className="text-lg font-semibold">
          Filmography
        </h2>
        {films.length === 0 ? (
          <p className="mt-2">No films yet.</p>
        ) : (
          <table className="mt-3 w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Year
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Film
                </th>
                <th scope="col" className="py-2 font-medium">
                  Roles
                </th>
              </tr>
            </thead>
            <tbody>
              {films.map(({ film, roles }) => (
                <tr key={film.slug} className="border-b border-zinc-100 dark:border-zinc-900">
                  <td className="py-2 pr-4 tabular-nums">{film.year}</td>
                  <td className="py-2 pr-4">
                    <Link href={`/films/${film.slug}`} className="font-medium hover:underline">
                      {film.title}
                    </Link>
                    {film.originalTitle && film.originalTitle !== film.title ? (
                      <span
                        lang={langForText(film.originalTitle)}
                        className="ml-2 text-zinc-600 dark:text-zinc-400"
                      >
                        {film.originalTitle}
                      </span>
                    ) : null}
                  </td>
                  <td className="py-2">{roles.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
