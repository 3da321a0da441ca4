/**
 * Diary rules shared by the form, the input schema and the domain functions. Framework-free and
 * without zod, so client components may import the constants.
 */

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 50;
/** The first films were shot in 1888; nobody watched one before. */
export const EARLIEST_WATCH_DATE = "1888-01-01";

/** Today in UTC, as the default date of a log. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The latest date a watch can have: today where the calendar is furthest ahead (UTC+14), so a
 * viewer east of Greenwich can log what they watched today before it is today in UTC.
 */
export function latestWatchDate(now: Date = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/** `2023-02-31` parses in JavaScript (as 3 March): a real date reads back the same. */
export function isRealDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const ms = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
}

/** Why a watch date is refused, or null when it is fine. */
export function watchDateProblem(d: string, now: Date = new Date()): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return "Enter the date you watched it as YYYY-MM-DD.";
  if (!isRealDate(d)) return "Enter a real date.";
  if (d > latestWatchDate(now)) return "The date you watched it cannot be in the future.";
  if (d < EARLIEST_WATCH_DATE) return "Films were first shown in 1888: enter a later date.";
  return null;
}

/**
 * Tags as typed (a comma-separated text or a list): each trimmed, empty ones dropped, and a tag
 * that differs from an earlier one only in case dropped too; otherwise kept exactly.
 */
export function normalizeTags(input: string | readonly string[]): string[] {
  const raw = typeof input === "string" ? input.split(",") : input;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of raw) {
    const tag = item.trim();
    if (!tag) continue;
    const key = tag.toLocaleLowerCase("en-US");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** Why a list of (normalized) tags is refused, or null. */
export function tagsProblem(tags: readonly string[]): string | null {
  if (tags.length > MAX_TAGS) return `Use at most ${MAX_TAGS} tags.`;
  const long = tags.find((t) => [...t].length > MAX_TAG_LENGTH);
  if (long)
    return `Keep each tag to ${MAX_TAG_LENGTH} characters ("${long.slice(0, 20)}…" is longer).`;
  return null;
}

/** `2025-10` → `October 2025`. */
export function monthHeading(isoMonth: string): string {
  const d = new Date(`${isoMonth}-01T00:00:00Z`);
  return new Intl.DateTimeFormat("en-US", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(d);
}

/** `2025-10-12` → `12 Oct 2025`. */
export function shortDate(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(d);
}

/** What the tags field of a diary form says about itself. */
export const TAGS_HINT = `Optional. Separate tags with commas: up to ${MAX_TAGS}, each up to ${MAX_TAG_LENGTH} characters.`;
