import type { Metadata } from "next";
import { Suspense } from "react";
import { pageActor } from "@/app/server-action";
import { getDb } from "@/db/index";
import { listModerationLog } from "@/db/queries/moderation/reads";
import { reasonLabel } from "@/lib/moderation";

export const metadata: Metadata = {
  title: "Audit log",
  description: "Every moderator and admin action on Reelrank, newest first.",
  robots: { index: false },
};

export default function LogPage() {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Audit log</h1>
      <p className="mt-1 text-zinc-700 dark:text-zinc-300">
        Every moderator and admin action, newest first. Entries can never be changed or deleted.
      </p>
      <Suspense fallback={<p className="mt-4">Loading…</p>}>
        <Log />
      </Suspense>
    </>
  );
}

async function Log() {
  const actor = await pageActor("/mod/log");
  if (actor.role !== "moderator" && actor.role !== "admin")
    return <p className="mt-4">Only moderators can see the audit log.</p>;
  const entries = await listModerationLog(await getDb(), { limit: 500 });
  return (
    <div
      className="relative mt-4 overflow-x-auto"
      tabIndex={0}
      role="region"
      aria-label="Audit log entries"
    >
      <table className="w-full min-w-[48rem] text-left text-sm">
        <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-2 pr-3">
              When (UTC)
            </th>
            <th scope="col" className="py-2 pr-3">
              Who
            </th>
            <th scope="col" className="py-2 pr-3">
              Action
            </th>
            <th scope="col" className="py-2 pr-3">
              On
            </th>
            <th scope="col" className="py-2 pr-3">
              Why
            </th>
            <th scope="col" className="py-2">
              Snapshot
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className="border-b border-zinc-100 align-top dark:border-zinc-900">
              <td className="py-2 pr-3 whitespace-nowrap">
                <time dateTime={e.createdAt.toISOString()}>
                  {e.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                </time>
              </td>
              <td className="py-2 pr-3">@{e.actorHandle}</td>
              <td className="py-2 pr-3">{e.action.replace(/_/g, " ")}</td>
              <td className="py-2 pr-3">
                {e.targetType} {e.targetId}
              </td>
              <td className="py-2 pr-3">
                {reasonLabel(e.reason) || e.reason}
                {e.note ? (
                  <span className="block text-zinc-600 dark:text-zinc-400">{e.note}</span>
                ) : null}
              </td>
              <td className="py-2">
                {e.snapshot ? (
                  <details>
                    <summary className="cursor-pointer">Show</summary>
                    <pre className="mt-1 max-w-md whitespace-pre-wrap break-words text-xs">
                      {JSON.stringify(e.snapshot, null, 2)}
                    </pre>
                  </details>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
