"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { SyncJob } from "@/app/admin/data/sync-job";
import { checkNowAction } from "@/app/admin/data/actions";
import { buttonClass, FormStatus } from "./ui/field";

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const count = (n: number) => n.toLocaleString("en-US");

function progressText(job: SyncJob): string {
  const p = job.progress;
  if (!p) return "Starting…";
  switch (p.phase) {
    case "checking":
      return `Checking ${p.file}…`;
    case "downloading":
      return `Downloading ${p.file}: ${mb(p.bytes ?? 0)}${p.total ? ` of ${mb(p.total)}` : ""}`;
    case "importing":
      return `Importing ${p.file}: ${count(p.rows ?? 0)}${p.totalRows ? ` of ${count(p.totalRows)}` : ""} rows`;
    case "done":
      return `${p.file}: done`;
  }
}

/** "Check now" and the running check's progress, polled from the server while it runs. */
export function SyncPanel({ initial }: { initial: SyncJob | null }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(checkNowAction, null);
  const [job, setJob] = useState(initial);
  const started = state?.ok === true;
  const running = pending || started || (job != null && job.finishedAt == null);

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    const poll = async () => {
      while (!stopped) {
        await new Promise((r) => setTimeout(r, 600));
        const response = await fetch("/api/admin/sync", { cache: "no-store" });
        if (!response.ok) return;
        const { job: latest } = (await response.json()) as { job: SyncJob | null };
        if (stopped) return;
        setJob(latest);
        if (latest?.finishedAt) {
          router.refresh(); // the file table and the log below are rendered by the server
          return;
        }
      }
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [running, router]);

  const finished = job?.finishedAt != null;
  return (
    <div className="mt-4">
      <form action={action}>
        <button type="submit" className={buttonClass} disabled={running && !finished}>
          {running && !finished ? "Checking…" : "Check now"}
        </button>
      </form>
      <FormStatus error={state && !state.ok ? state.error : null} />
      <div aria-live="polite" role="status" className="mt-2 text-sm" data-testid="sync-progress">
        {job && !finished ? <p>{progressText(job)}</p> : null}
        {job && finished ? (
          <>
            <p>
              Last check ({job.trigger}) finished{" "}
              {new Date(job.finishedAt!).toLocaleString("en-GB", { timeZone: "UTC" })} UTC.
            </p>
            {job.error ? <p className="text-red-700 dark:text-red-400">{job.error}</p> : null}
            <ul className="mt-1 list-disc pl-5">
              {(job.results ?? []).map((r) => (
                <li
                  key={r.file}
                  className={
                    r.outcome === "refused" || r.outcome === "failed"
                      ? "text-red-700 dark:text-red-400"
                      : undefined
                  }
                >
                  {r.file}: {r.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
