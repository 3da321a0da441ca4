/** The optional weekly sync inside the server (REELRANK_SYNC=weekly), started by instrumentation.ts. */
import "server-only";
import { getDb } from "@/db/index";
import { getSyncStatus } from "@/db/import/sync";
import { isSyncDue, lastChecked, SCHEDULE_TICK_MS } from "@/lib/netflix/schedule";
import { startSyncJob } from "./sync-job";

export function syncSchedule(): "weekly" | "off" {
  return process.env.REELRANK_SYNC === "weekly" ? "weekly" : "off";
}

async function tick() {
  try {
    const { files } = await getSyncStatus(await getDb(), { logLimit: 0 });
    if (isSyncDue(new Date(), lastChecked(files))) startSyncJob("schedule");
  } catch (error) {
    console.error("Weekly Netflix sync: could not check whether a sync is due:", error);
  }
}

export function startWeeklySync() {
  const slot = globalThis as unknown as { __reelrankSyncTimer?: NodeJS.Timeout };
  if (slot.__reelrankSyncTimer) return;
  console.log("Netflix Top 10: checking weekly (Tuesdays, when Netflix publishes).");
  // a first look shortly after start, then every hour; the timer never keeps the process alive
  setTimeout(() => void tick(), 30_000).unref();
  slot.__reelrankSyncTimer = setInterval(() => void tick(), SCHEDULE_TICK_MS).unref();
}
