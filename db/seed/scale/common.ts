/** Time and language helpers every table's generator shares. */
import type { Random } from "./random";
import type { Language } from "./text";

export const DAY = 24 * 60 * 60 * 1000;
/** Reelrank's first day: no account or review is older. */
export const SITE_START = Date.parse("2021-06-01T00:00:00Z");

export const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
export const dateOf = (ms: number) => iso(ms).slice(0, 10);

export const LANGUAGES: Language[] = ["en", "es", "ko", "ja"];
export const LANGUAGE_SHARE = [0.55, 0.15, 0.18, 0.12];

export function pickShare<T>(rng: Random, items: readonly T[], shares: number[]): T {
  let r = rng.next();
  for (let i = 0; i < items.length; i++) {
    r -= shares[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}
