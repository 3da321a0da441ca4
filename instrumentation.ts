/** Runs once when the server starts (Next's instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.REELRANK_SYNC === "weekly") {
    const { startWeeklySync } = await import("./app/admin/data/schedule");
    startWeeklySync();
  }
}
