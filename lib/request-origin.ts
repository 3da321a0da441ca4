/**
 * What a request says about where it comes from: the client's address behind a proxy, and
 * whether a browser sent it from another site.
 */

/**
 * The client's address: the first X-Forwarded-For entry, as the proxy in front of the app
 * (nginx, a load balancer) sets it. Server actions cannot see the socket's address, so without a
 * proxy this is null and every request shares one bucket in the rate limits (SECURITY.md).
 */
export function clientAddress(headers: Pick<Headers, "get">): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}

/**
 * Whether a browser sent this request from another site: its Origin names another host than
 * the one it was sent to (X-Forwarded-Host behind a proxy, as Next checks server actions), or
 * Sec-Fetch-Site says cross-site. Requests without either header come from scripts and servers,
 * which no victim's browser can be made to send with their cookies, so they pass.
 */
export function isCrossSite(headers: Pick<Headers, "get">): boolean {
  if (headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = headers.get("origin");
  if (!origin) return false;
  if (origin === "null") return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return !host || originHost.toLowerCase() !== host.toLowerCase();
}
