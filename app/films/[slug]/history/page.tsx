import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { RevertButton } from "@/components/film-editor-forms";
import { BUILD_PLACEHOLDER, loadFilmHistory, loadRedirect } from "@/db/cached";
import { titleWithYear } from "@/lib/format";
import { sourceLabel, sourceUrl } from "@/lib/sources";

type Props = { params: Promise<{ slug: string }> };

export function generateStaticParams() {
  return [{ slug: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await loadFilmHistory((await params).slug);
  if (!data) return { title: "Film not found" };
  return {
    title: `History of ${titleWithYear(data.film.title, data.film.year)}`,
    description: `Every change to the facts and credits of ${data.film.title}, with its source.`,
    alternates: { canonical: `/films/${data.film.slug}/history` },
  };
}

const short = (value: unknown): string => {
  if (value == null || (Array.isArray(value) && value.length === 0)) return "—";
  if (Array.isArray(value)) return value.map(short).join(", ");
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return String(value);
  return JSON.stringify(value);
};

export default async function FilmHistoryPage({ params }: Props) {
  const { slug } = await params;
  const data = await loadFilmHistory(slug);
  if (!data) {
    const moved = await loadRedirect("film", slug);
    if (moved) permanentRedirect(`/films/${moved}/history`);
    notFound();
  }
  const { film, revisions, people } = data;
  const name = (id: number) => people[id] ?? `#${id}`;
  const credit = (value: unknown) =>
    Array.isArray(value) && value.length && typeof value[0] === "object"
      ? (value as { personId: number; role: string; character: string | null }[])
          .map((c) => `${name(c.personId)} (${c.role}${c.character ? `, ${c.character}` : ""})`)
          .join(", ")
      : short(value);
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">
        History of <Link href={`/films/${film.slug}`}>{titleWithYear(film.title, film.year)}</Link>
      </h1>
      {revisions.length === 0 ? (
        <p className="mt-4">No changes yet: every fact is as it was first written.</p>
      ) : (
        <ol className="mt-6 space-y-4">
          {revisions.map((r) => {
            const url = sourceUrl(r.source);
            return (
              <li
                key={r.id}
                className="rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800"
                data-testid="revision"
              >
                <p>
                  <time dateTime={r.createdAt.toISOString()}>
                    {r.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                  </time>{" "}
                  ·{" "}
                  {r.editor ? (
                    <Link href={`/u/${r.editor.handle}`}>@{r.editor.handle}</Link>
                  ) : (
                    "automatically"
                  )}{" "}
                  · source:{" "}
                  {url ? (
                    <a href={url} rel="external noopener" className="underline">
                      {sourceLabel(r.source)}
                    </a>
                  ) : (
                    sourceLabel(r.source)
                  )}
                  {r.revertOf ? ` · reverts change ${r.revertOf}` : ""}
                </p>
                {r.note ? <p className="italic">{r.note}</p> : null}
                <table className="mt-2 w-full text-left">
                  <thead className="text-xs text-zinc-600 dark:text-zinc-400">
                    <tr>
                      <th scope="col">Fact</th>
                      <th scope="col">Before</th>
                      <th scope="col">After</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(r.changes)
                      .filter(([field]) => !field.startsWith("_"))
                      .map(([field, { before, after }]) => (
                        <tr key={field} className="align-top">
                          <th scope="row" className="pr-3 font-medium">
                            {field}
                          </th>
                          <td className="pr-3">
                            {field === "credits" ? credit(before) : short(before)}
                          </td>
                          <td>{field === "credits" ? credit(after) : short(after)}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
                {"locked" in r.changes ? null : <RevertButton revisionId={r.id} />}
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
