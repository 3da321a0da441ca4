/** Redirect targets taken from input (`callbackUrl`, `redirectTo`) stay on this site. */

const BASE = "http://reelrank.invalid";

/** Undoes percent-encoding a few times over; null when it is malformed. */
function decodeRepeatedly(value: string): string | null {
  let current = value;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * The path (with query and fragment) to send the user to, or "/" for anything that could leave
 * the site: other origins (`https://…`, protocol-relative `//…`, `/\…` which browsers read as
 * `//…`), other schemes (`javascript:`), control characters browsers strip, and the same tricks
 * percent-encoded.
 */
export function safeRedirectPath(input: unknown): string {
  if (typeof input !== "string" || input.length === 0 || input.length > 2000) return "/";
  const decoded = decodeRepeatedly(input);
  if (decoded === null) return "/";
  for (const form of [input, decoded]) {
    if (/[\u0000-\u001f\u007f]/.test(form)) return "/";
    if (!form.startsWith("/") || form.startsWith("//") || form.startsWith("/\\")) return "/";
  }
  let url: URL;
  try {
    url = new URL(input, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
