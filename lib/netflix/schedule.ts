/**
 * When the weekly sync checks Netflix. Netflix publishes each week's lists on Tuesday (for the
 * Monday–Sunday week before), so the schedule checks on Tuesdays — every few hours, since the
 * hour varies — and catches up on any other day when a whole week has gone unchecked.
 */
const HOUR = 3_600_000;

export const SCHEDULE_TICK_MS = HOUR;

export function isSyncDue(now: Date, lastChecked: Date | null): boolean {
  if (!lastChecked) return true;
  const since = now.getTime() - lastChecked.getTime();
  if (now.getUTCDay() === 2) return since >= 4 * HOUR;
  return since >= 7 * 24 * HOUR;
}

/** The next time `isSyncDue` can turn true, for the admin page. */
export function nextSyncCheck(now: Date, lastChecked: Date | null): Date {
  for (let t = now.getTime(); t < now.getTime() + 8 * 24 * HOUR; t += HOUR) {
    const at = new Date(Math.ceil(t / HOUR) * HOUR);
    if (isSyncDue(at, lastChecked)) return at;
  }
  return new Date(now.getTime() + 8 * 24 * HOUR);
}

/**
 * When Netflix was last checked: the least recently checked of its three files, or null while
 * any of them has never been checked (then a check is due at once).
 */
export function lastChecked(files: { checkedAt: Date | null }[], expected = 3): Date | null {
  if (files.length < expected || files.some((f) => f.checkedAt == null)) return null;
  return files
    .map((f) => f.checkedAt!)
    .reduce((oldest, d) => (d.getTime() < oldest.getTime() ? d : oldest));
}
