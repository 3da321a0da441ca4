import { siteUrl } from "../seo/site-url";

type Env = Record<string, string | undefined>;

/**
 * The origin mailed links point to: AUTH_URL (or SITE_URL) when set, which a public deployment
 * must do, since a Host header is whatever the client sends. Without either, the address the
 * request came to, so links work on any port or host the server is reached at in development.
 */
export function mailOrigin(requestHeaders: Headers, env: Env = process.env): string {
  if (env.AUTH_URL?.trim()) return siteUrl(env).origin;
  if (env.SITE_URL?.trim()) return new URL(env.SITE_URL.trim()).origin;
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host");
  if (!host) return siteUrl(env).origin;
  const proto = requestHeaders.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return new URL(`${proto}://${host}`).origin;
}
