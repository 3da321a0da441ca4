/**
 * After a write outside a request — a command-line import, or the server's own background sync,
 * where Next cannot invalidate its cache directly — tells the server (REELRANK_URL, default
 * http://127.0.0.1:$PORT or :3000) which cached pages changed. With the embedded database no other
 * process can be writing while the server runs, and a server that starts later has empty caches.
 */
import { tags } from "../db/tags";
import { revalidateToken } from "./secrets";

export async function notifyServer(changed: {
  weeks: Iterable<string>;
  films: Iterable<string>;
  series?: Iterable<string>;
  people?: Iterable<string>;
}): Promise<void> {
  const base = process.env.REELRANK_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  const list = [
    tags.films,
    tags.charts,
    ...[...changed.weeks].map(tags.chartWeek),
    ...[...changed.films].map(tags.film),
    ...[...(changed.series ?? [])].map(tags.series),
    ...[...(changed.people ?? [])].map(tags.person),
  ];
  try {
    const response = await fetch(new URL("/api/revalidate", base), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${revalidateToken()}` },
      body: JSON.stringify({ tags: list }),
      signal: AbortSignal.timeout(5000),
    });
    if (response.ok)
      console.log(`Told the server at ${base} to refresh ${list.length} cached pages.`);
    else
      console.error(
        `The server at ${base} refused the cache refresh (${response.status}); its pages refresh within a day.`,
      );
  } catch {
    // no server running: nothing holds stale pages
  }
}
