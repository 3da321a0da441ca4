import type { Metadata } from "next";
import { Suspense } from "react";
import { SyncPanel } from "@/components/sync-panel";
import { getDb } from "@/db/index";
import { getSyncStatus } from "@/db/import/sync";
import { pageActor } from "@/app/server-action";
import { formatInteger } from "@/lib/format";
import { lastChecked, nextSyncCheck } from "@/lib/netflix/schedule";
import { currentSyncJob } from "./sync-job";
import { syncSchedule } from "./schedule";

export const metadata: Metadata = {
  title: "Netflix data",
  description: "When Reelrank last checked Netflix for new Top 10 lists, and what it imported.",
  robots: { index: false },
};

const when = (d: Date | null) =>
  d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "never";

export default function AdminDataPage() {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Netflix data</h1>
      <Suspense fallback={<p className="mt-4">Loading…</p>}>
        <DataStatus />
      </Suspense>
    </>
  );
}

async function DataStatus() {
  const actor = await pageActor("/admin/data");
  if (actor.role !== "admin") return <p className="mt-4">Only admins can manage the data.</p>;
  const { files, log } = await getSyncStatus(await getDb(), { logLimit: 50 });
  const schedule = syncSchedule();
  return (
    <>
      <p className="mt-3 max-w-prose text-zinc-700 dark:text-zinc-300">
        Reelrank downloads Netflix&apos;s published Top 10 files (the weekly global lists, the
        per-country lists and the most-popular lists) and imports what changed. A file that is not a
        valid Top 10 file is refused and changes nothing.{" "}
        {schedule === "weekly"
          ? `Weekly checks are on (REELRANK_SYNC=weekly): next check ${when(nextSyncCheck(new Date(), lastChecked(files)))}.`
          : "Weekly checks are off; set REELRANK_SYNC=weekly to check every Tuesday, when Netflix publishes."}
      </p>
      <SyncPanel initial={currentSyncJob()} />

      <h2 className="mt-8 text-xl font-semibold">Files</h2>
      <div className="mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label="Files">
        <table className="w-full text-left text-sm tabular-nums">
          <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                File
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Last checked
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Last imported
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">
                Rows
              </th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">
                Weeks added
              </th>
              <th scope="col" className="py-2 font-medium">
                ETag
              </th>
            </tr>
          </thead>
          <tbody>
            {files.length === 0 ? (
              <tr>
                <td colSpan={6} className="py-2">
                  Not synced yet: the data comes from the snapshot shipped with Reelrank.
                </td>
              </tr>
            ) : (
              files.map((f) => (
                <tr key={f.name} className="border-b border-zinc-100 dark:border-zinc-900">
                  <th scope="row" className="py-2 pr-3 font-medium">
                    {f.name}
                  </th>
                  <td className="py-2 pr-3">{when(f.checkedAt)}</td>
                  <td className="py-2 pr-3">{when(f.importedAt)}</td>
                  <td className="py-2 pr-3 text-right">
                    {f.rows != null ? formatInteger(f.rows) : "—"}
                  </td>
                  <td className="py-2 pr-3 text-right">{f.weeksAdded ?? "—"}</td>
                  <td className="py-2 font-mono text-xs break-all">{f.etag ?? "—"}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>

      <h2 className="mt-8 text-xl font-semibold">Sync log</h2>
      {log.length === 0 ? (
        <p className="mt-2">No checks yet.</p>
      ) : (
        <ol className="mt-2 space-y-1 text-sm" data-testid="sync-log">
          {log.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.finishedAt.toISOString()}>{when(entry.finishedAt)}</time> ·{" "}
              {entry.file} · <strong>{entry.outcome}</strong> ({entry.trigger}): {entry.message}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
