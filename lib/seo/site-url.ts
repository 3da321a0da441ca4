/**
 * The site's public address, for what must be absolute: canonical links, sitemaps, feeds, share
 * images. AUTH_URL is the one setting Auth.js already reads for the public address, so a deployment
 * names it once; without it the server's own port on localhost is the honest default.
 */
export function siteUrl(env: Record<string, string | undefined> = process.env): URL {
  const configured = env.AUTH_URL?.trim();
  if (configured) {
    // Auth.js accepts AUTH_URL with its /api/auth path; the site is the origin
    return new URL(new URL(configured).origin);
  }
  return new URL(`http://localhost:${env.PORT ?? "3000"}`);
}

/** `/films/x` → `https://reelrank.example/films/x`. */
export function absoluteUrl(path: string, base: URL = siteUrl()): string {
  return new URL(path, base).toString();
}
