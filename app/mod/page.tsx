import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { pageActor } from "@/app/server-action";
import { ModQueue } from "@/components/mod-queue";
import { getDb } from "@/db/index";
import { listModerationQueue, type QueueSort } from "@/db/queries/moderation/reads";
import type { ReportReason } from "@/db/schema";
import { REPORT_REASONS } from "@/lib/moderation";

export const metadata: Metadata = {
  title: "Moderation queue",
  description: "Reviews and comments readers reported, waiting for a moderator.",
  robots: { index: false },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Per reader by nature: rendered for each request, never cached. */
export default function ModPage({ searchParams }: Props) {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Moderation queue</h1>
      <Suspense fallback={<p className="mt-4">Loading the queue…</p>}>
        <Queue searchParams={searchParams} />
      </Suspense>
    </>
  );
}

async function Queue({ searchParams }: Props) {
  const actor = await pageActor("/mod");
  if (actor.role !== "moderator" && actor.role !== "admin") {
    return <p className="mt-4">Only moderators can see the moderation queue.</p>;
  }
  const sp = await searchParams;
  const sort: QueueSort = sp.sort === "oldest" || sp.sort === "newest" ? sp.sort : "most";
  const reason = REPORT_REASONS.some((r) => r.value === sp.reason)
    ? (sp.reason as ReportReason)
    : null;
  const items = await listModerationQueue(await getDb(), { sort, reason });
  const href = (s: QueueSort) => `/mod?sort=${s}${reason ? `&reason=${reason}` : ""}`;
  return (
    <>
      <nav aria-label="Moderation" className="mt-2 flex gap-4 text-sm">
        <Link href="/mod/log" className="underline">
          Audit log
        </Link>
        {actor.role === "admin" ? (
          <Link href="/admin/users" className="underline">
            Users and roles
          </Link>
        ) : null}
      </nav>
      <div className="my-4 flex flex-wrap items-end gap-6 text-sm">
        <nav aria-label="Sort the queue" className="flex gap-2">
          <span>Sort:</span>
          {(["most", "oldest", "newest"] as const).map((s) => (
            <Link
              key={s}
              href={href(s)}
              aria-current={s === sort ? "page" : undefined}
              className="underline aria-[current=page]:font-bold"
            >
              {s === "most" ? "Most reported" : s === "oldest" ? "Oldest" : "Newest"}
            </Link>
          ))}
        </nav>
        <form method="get" action="/mod" className="flex items-center gap-2">
          <input type="hidden" name="sort" value={sort} />
          <label htmlFor="reason-filter">Reason</label>
          <select
            id="reason-filter"
            name="reason"
            defaultValue={reason ?? ""}
            className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">Any reason</option>
            {REPORT_REASONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700"
          >
            Filter
          </button>
        </form>
      </div>
      <ModQueue items={items} />
    </>
  );
}
