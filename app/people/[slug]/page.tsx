import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { BUILD_PLACEHOLDER, loadPerson, loadRedirect } from "@/db/cached";
import type { PersonTitle } from "@/db/queries/people";
import type { CreditRole } from "@/db/schema";
import { formatInteger, plural } from "@/lib/format";
import { averageStars } from "@/lib/rating";
import { langForText } from "@/lib/script";
import { listBySlug } from "@/lib/top10/lists";

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

const roleText = (roles: PersonTitle["roles"]) =>
  roles
    .map((r) =>
      r.role === "cast" && r.character ? `${ROLE_LABEL.cast} (${r.character})` : ROLE_LABEL[r.role],
    )
    .join(", ");

export default async function PersonPage({ params }: Props) {
  const { slug } = await params;
  const person = await loadPerson(slug);
  if (!person) {
    const moved = await loadRedirect("person", slug);
    if (moved) permanentRedirect(`/people/${moved}`);
    notFound();
  }
  const { titles, totals } = person;
  const th = "py-2 pr-4 font-medium";
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
      {titles.length > 0 ? (
        <dl className="mt-4 flex flex-wrap gap-x-6 gap-y-2 text-sm" aria-label="Totals">
          <Total label="Titles">{formatInteger(totals.titles)}</Total>
          <Total label="Weeks in the Top 10, all titles">
            {formatInteger(totals.weeksInTop10)}
          </Total>
          <Total label="Best rank">
            {totals.bestRank != null ? `#${totals.bestRank}` : "Never in the Top 10"}
          </Total>
        </dl>
      ) : null}
      <section aria-labelledby="filmography" className="mt-8">
        <h2 id="filmography" className="text-lg font-semibold">
          Filmography
        </h2>
        {titles.length === 0 ? (
          <p className="mt-2">No films yet.</p>
        ) : (
          <div
            className="relative overflow-x-auto"
            tabIndex={0}
            role="region"
            aria-label="Filmography table"
          >
            <table className="mt-3 w-full min-w-[40rem] text-left text-sm">
              <caption className="sr-only">
                {person.name}&apos;s titles, newest first, with their best rank on Netflix&apos;s
                global Top 10 and their average rating on Reelrank
              </caption>
              <thead className="border-b border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
                <tr>
                  <th scope="col" className={th}>
                    Year
                  </th>
                  <th scope="col" className={th}>
                    Film
                  </th>
                  <th scope="col" className={th}>
                    Roles
                  </th>
                  <th scope="col" className={th}>
                    Best rank
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    Average rating
                  </th>
                </tr>
              </thead>
              <tbody>
                {titles.map(({ film, roles, bestRank, bestList, weeksInTop10, ratings }) => {
                  const average = averageStars(ratings);
                  return (
                    <tr key={film.slug} className="border-b border-zinc-100 dark:border-zinc-900">
                      <td className="py-2 pr-4 tabular-nums">
                        {film.year ?? <span className="sr-only">Unknown</span>}
                      </td>
                      <th scope="row" className="py-2 pr-4 text-left font-normal">
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
                      </th>
                      <td className="py-2 pr-4">{roleText(roles)}</td>
                      <td className="py-2 pr-4 tabular-nums">
                        {bestRank != null ? (
                          <>
                            <span className="font-semibold">#{bestRank}</span>{" "}
                            <span className="text-zinc-600 dark:text-zinc-400">
                              {listBySlug(bestList!)?.label}, {plural(weeksInTop10, "week")}
                            </span>
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td className="py-2 tabular-nums">
                        {average != null
                          ? `${average.toFixed(1)} stars (${plural(ratings.count, "rating")})`
                          : "No ratings"}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}

function Total({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}
