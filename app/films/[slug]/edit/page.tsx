import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import {
  FetchFactsForm,
  FilmEditForm,
  LockForm,
  MergeFilmForm,
  ProposalDecision,
} from "@/components/film-editor-forms";
import { pageActor } from "@/app/server-action";
import { listPendingProposals } from "@/db/enrich/run";
import { getDb } from "@/db/index";
import { latestRevisionId } from "@/db/queries/editing";
import { getFilmBySlug } from "@/db/queries/films";
import { sourceLabel, sourceUrl } from "@/lib/sources";
import { titleWithYear } from "@/lib/format";
import { canEdit } from "@/lib/roles";

export const metadata: Metadata = {
  title: "Edit film",
  description: "Correct a film's facts and credits, with a source for each change.",
  robots: { index: false },
};

type Props = { params: Promise<{ slug: string }> };

export default function EditFilmPage({ params }: Props) {
  return (
    <Suspense fallback={<p>Loading…</p>}>
      <Editor params={params} />
    </Suspense>
  );
}

type NamedCredit = { role: string; person: { name: string; nativeName: string | null } };
const isCredit = (v: unknown): v is NamedCredit =>
  typeof v === "object" && v !== null && "person" in v && "role" in v;

/** A fact's value as an editor compares it: credits as "role: name (native name)". */
function show(value: unknown): string {
  if (value == null) return "—";
  if (Array.isArray(value)) return value.map(show).join(", ");
  if (isCredit(value))
    return `${value.role}: ${value.person.name}${value.person.nativeName ? ` (${value.person.nativeName})` : ""}`;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return String(value);
  return JSON.stringify(value);
}

async function Editor({ params }: Props) {
  const { slug } = await params;
  const actor = await pageActor(`/films/${slug}/edit`);
  if (!canEdit(actor.role)) return <p>Only editors can change a film&apos;s facts.</p>;
  const db = await getDb();
  const film = await getFilmBySlug(db, { slug });
  if (!film) notFound();
  const [proposals, seenRevision] = await Promise.all([
    listPendingProposals(db, { filmId: film.id }),
    latestRevisionId(db, film.id),
  ]);
  const moderator = actor.role === "moderator" || actor.role === "admin";
  const locked = film.lockedAt != null;
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">
        Edit {titleWithYear(film.title, film.year)}
      </h1>
      <p className="mt-2 flex flex-wrap gap-4 text-sm">
        <Link href={`/films/${film.slug}`}>View the film</Link>
        <Link href={`/films/${film.slug}/history`}>History</Link>
        <Link href="/edit">Editors&apos; queue</Link>
      </p>
      {locked ? (
        <p className="mt-3 rounded border border-amber-500 p-2 text-sm">
          A moderator locked this film&apos;s facts
          {moderator ? "." : ": only moderators can change them."}
        </p>
      ) : null}
      {moderator ? (
        <div className="mt-3">
          <LockForm filmId={film.id} locked={locked} />
        </div>
      ) : null}

      <section aria-labelledby="fetch" className="mt-6">
        <h2 id="fetch" className="text-xl font-semibold">
          Facts from open sources
        </h2>
        <FetchFactsForm filmId={film.id} tmdb={Boolean(process.env.TMDB_API_KEY)} />
        {proposals.map((p) => {
          const fields = Object.keys(p.facts).filter((f) => f !== "alternatives");
          const url = p.url ?? sourceUrl(p.source);
          return (
            <article
              key={p.id}
              className="mt-4 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800"
              aria-label={`Proposal from ${sourceLabel(p.source)}`}
            >
              <h3 className="font-semibold">
                {url ? (
                  <a href={url} rel="external noopener" className="underline">
                    {sourceLabel(p.source)}
                  </a>
                ) : (
                  sourceLabel(p.source)
                )}{" "}
                <span className="font-normal text-zinc-600 dark:text-zinc-400">
                  (
                  {p.confidence === "conflict"
                    ? "differs from what an editor wrote"
                    : `${p.confidence} confidence`}
                  )
                </span>
              </h3>
              <table className="mt-2 w-full text-left">
                <thead className="text-xs text-zinc-600 dark:text-zinc-400">
                  <tr>
                    <th scope="col">Fact</th>
                    <th scope="col">Now</th>
                    <th scope="col">Proposed</th>
                  </tr>
                </thead>
                <tbody>
                  {fields.map((f) => (
                    <tr key={f} className="align-top">
                      <th scope="row" className="pr-3 font-medium">
                        {f}
                      </th>
                      <td className="pr-3">
                        {f === "credits"
                          ? show(film.credits)
                          : show((film as unknown as Record<string, unknown>)[f])}
                      </td>
                      <td>{show(p.facts[f])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {Array.isArray(p.facts.alternatives) && p.facts.alternatives.length ? (
                <p className="mt-1 text-xs">
                  Other candidates: {(p.facts.alternatives as string[]).join(", ")}
                </p>
              ) : null}
              <ProposalDecision proposalId={p.id} fields={fields} />
            </article>
          );
        })}
      </section>

      <section aria-labelledby="facts" className="mt-8">
        <h2 id="facts" className="text-xl font-semibold">
          Facts and credits
        </h2>
        <FilmEditForm
          film={{
            id: film.id,
            slug: film.slug,
            title: film.title,
            originalTitle: film.originalTitle,
            year: film.year,
            releaseDate: film.releaseDate,
            runtimeMinutes: film.runtimeMinutes,
            originalLanguage: film.originalLanguage,
            countries: film.countries,
            synopsis: film.synopsis,
            genres: film.genres,
          }}
          seenRevision={seenRevision}
          credits={film.credits.map((c) => ({
            personId: c.person.id,
            name: c.person.name,
            nativeName: c.person.nativeName,
            role: c.role,
            character: c.character,
          }))}
        />
      </section>

      <section aria-labelledby="merge" className="mt-8">
        <h2 id="merge" className="text-xl font-semibold">
          Duplicates
        </h2>
        <MergeFilmForm filmId={film.id} />
      </section>
    </>
  );
}
