/**
 * The Netflix sync as a job of this server process: the embedded database belongs to the server,
 * so the server itself downloads and imports. One job at a time per process (the sync also holds
 * a database lock, so instances sharing PostgreSQL take turns); its progress is kept for the
 * admin page to poll.
 */
import "server-only";
import { getDb } from "@/db/index";
import {
  syncNetflix,
  type SyncFileResult,
  type SyncProgress,
  type SyncTrigger,
} from "@/db/import/sync";
import { notifyServer } from "@/lib/notify-server";

export type SyncJob = {
  trigger: SyncTrigger;
  startedAt: string;
  finishedAt: string | null;
  progress: SyncProgress | null;
  results: SyncFileResult[] | null;
  error: string | null;
};

// kept on globalThis: Next may load this module more than once in one process
const slot = globalThis as unknown as { __reelrankSyncJob?: SyncJob };

export function currentSyncJob(): SyncJob | null {
  return slot.__reelrankSyncJob ?? null;
}

/** Starts a sync unless one is running; returns the job either way. */
export function startSyncJob(trigger: SyncTrigger): { started: boolean; job: SyncJob } {
  const running = slot.__reelrankSyncJob;
  if (running && !running.finishedAt) return { started: false, job: running };
  const job: SyncJob = {
    trigger,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    progress: null,
    results: null,
    error: null,
  };
  slot.__reelrankSyncJob = job;
  void run(job);
  return { started: true, job };
}

async function run(job: SyncJob) {
  try {
    const outcome = await syncNetflix(await getDb(), {
      trigger: job.trigger,
      onProgress: (p) => {
        job.progress = p;
      },
    });
    job.results = outcome.results;
    if (outcome.changedWeeks.length || outcome.changedFilms.length) {
      // Outside a request Next cannot invalidate its cache directly: ask this server's own route.
      await notifyServer({ weeks: outcome.changedWeeks, films: outcome.changedFilms });
    }
  } catch (error) {
    console.error("Netflix sync failed:", error);
    job.error =
      "The sync stopped on an unexpected error; nothing it was importing was kept. The server log has the cause.";
  } finally {
    job.finishedAt = new Date().toISOString();
  }
}
