import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { MergePeopleForm } from "@/components/film-editor-forms";
import { pageActor } from "@/app/server-action";
import { getDb } from "@/db/index";
import { getEditQueue, QUEUE_FILTERS, type QueueFilter } from "@/db/queries/edit-queue";
import { titleWithYear } from "@/lib/format";
import { canEdit } from "@/lib/roles";

export const metadata: Metadata = {
  title: "Editors' queue",
  description: "Films that need a director, cast or review of proposed changes.",
  robots: { index: false },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const LABEL: Record<QueueFilter, string> = {
  missing: "No director or cast",
  flagged: "Created from Netflix's lists",
  proposals: "Proposals to review",
};
const PAGE_SIZE = 50;

export default function EditQueuePage({ searchParams }: Props) {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Editors&apos; queue</h1>
      <Suspense fallback={<p className="mt-4">Loading…</p>}>
        <Queue searchParams={searchParams} />
      </Suspense>
    </>
  );
}

async function Queue({ searchParams }: Props) {
  const actor = await pageActor("/edit");
  if (!canEdit(actor.role))
    return <p className="mt-4">Only editors can work on the films&apos; facts.</p>;
  const params = await searchParams;
  const filter = (QUEUE_FILTERS as readonly string[]).includes(String(params.show))
    ? (params.show as QueueFilter)
    : "missing";
  const page = Math.max(1, Math.min(1000, Number.parseInt(String(params.page ?? "1"), 10) || 1));
  const { items, counts } = await getEditQueue(await getDb(), {
    filter,
    page,
    pageSize: PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(counts[filter] / PAGE_SIZE));
  return (
    <>
      <p className="mt-3 max-w-prose text-zinc-700 dark:text-zinc-300">
        Films by how long and how high they charted: the ones readers see most come first.
      </p>
      <nav aria-label="Queue" className="mt-4 flex flex-wrap gap-2 text-sm">
        {QUEUE_FILTERS.map((f) => (
          <Link
            key={f}
            href={`/edit?show=${f}`}
            aria-current={f === filter ? "page" : undefined}
            className="rounded-full border border-zinc-300 px-3 py-1 no-underline aria-[current=page]:border-brand-600 aria-[current=page]:bg-brand-600 aria-[current=page]:text-white dark:border-zinc-700"
          >
            {LABEL[f]} ({counts[f].toLocaleString("en-US")})
          </Link>
        ))}
      </nav>
      <div className="mt-4 overflow-x-auto" tabIndex={0} role="region" aria-label="Films to edit">
        <table className="w-full text-left text-sm tabular-nums">
          <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Film
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">
                Weeks
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">
                Best rank
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Missing
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                Proposals
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((f) => (
              <tr key={f.id} className="border-b border-zinc-100 dark:border-zinc-900">
                <th scope="row" className="py-2 pr-3 font-medium">
                  <Link href={`/films/${f.slug}/edit`} className="hover:underline">
                    {titleWithYear(f.title, f.year)}
                  </Link>
                  {f.locked ? <span className="ml-2 text-xs text-zinc-600">locked</span> : null}
                </th>
                <td className="py-2 pr-3 text-right">{f.weeks}</td>
                <td className="py-2 pr-3 text-right">
                  {f.bestRank != null ? `#${f.bestRank}` : "—"}
                </td>
                <td className="py-2 pr-3">
                  {[
                    f.hasDirector ? null : "director",
                    f.hasCast ? null : "cast",
                    f.year == null ? "year" : null,
                  ]
                    .filter(Boolean)
                    .join(", ") || "—"}
                </td>
                <td className="py-2 text-right">{f.proposals || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
        {page > 1 ? <Link href={`/edit?show=${filter}&page=${page - 1}`}>← Previous</Link> : null}
        <span>
          Page {page} of {pages}
        </span>
        {page < pages ? <Link href={`/edit?show=${filter}&page=${page + 1}`}>Next →</Link> : null}
      </nav>
      <h2 className="mt-10 text-xl font-semibold">Merge two people</h2>
      <MergePeopleForm />
    </>
  );
}
