import type { FilmCredit } from "@/db/queries/films";
import { PersonName } from "./person-name";

function CreditLine({ label, people }: { label: string; people: FilmCredit[] }) {
  if (people.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd>
        {people.map((c, i) => (
          <span key={c.person.slug}>
            {i > 0 ? ", " : null}
            <PersonName {...c.person} />
          </span>
        ))}
      </dd>
    </div>
  );
}

/** Directors and writers, then the cast with their characters in billing order. */
export function FilmCredits({ credits }: { credits: FilmCredit[] }) {
  const directors = credits.filter((c) => c.role === "director");
  const writers = credits.filter((c) => c.role === "writer");
  const cast = credits.filter((c) => c.role === "cast");
  return (
    <>
      <dl className="space-y-1" aria-label="Crew">
        <CreditLine label={directors.length > 1 ? "Directors" : "Director"} people={directors} />
        <CreditLine label={writers.length > 1 ? "Writers" : "Writer"} people={writers} />
      </dl>
      {cast.length > 0 ? (
        <section aria-labelledby="cast-heading" className="mt-8">
          <h2 id="cast-heading" className="text-lg font-semibold">
            Cast
          </h2>
          <ol className="mt-3 grid gap-2 sm:grid-cols-2">
            {cast.map((c) => (
              <li
                key={c.person.slug}
                className="rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800"
              >
                <PersonName {...c.person} />
                {c.character ? (
                  <span className="block text-sm text-zinc-600 dark:text-zinc-400">
                    as {c.character}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
