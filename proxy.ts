import { NextResponse, type NextRequest } from "next/server";
import { browseHref, browsePath, parseBrowseQuery } from "./lib/browse";
import { isCrossSite } from "./lib/request-origin";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Two jobs, each on its own paths:
 * - `/api/…`: a request that would change data (any method but GET, HEAD and OPTIONS) sent by a
 *   browser from another site is refused, for every route handler at once. Server actions get the
 *   same check from Next itself (Origin against Host).
 * - `/films?…` onto one cached page per set of filters: the query is read here and rewritten to a
 *   canonical dynamic segment, so the page itself never reads request data (STYLE rule 6).
 *   Invalid or empty values (a form's "Any") redirect to the address without them.
 */
export function proxy(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl;
  if (pathname.startsWith("/api/")) {
    if (!SAFE_METHODS.has(request.method) && isCrossSite(request.headers)) {
      return NextResponse.json(
        { error: "Requests from other sites cannot change anything here." },
        { status: 403, headers: { "Cache-Control": "no-store" } },
      );
    }
    return NextResponse.next();
  }
  if (pathname !== "/films") return NextResponse.next();
  const { filters, page, invalid, empty } = parseBrowseQuery(searchParams);
  if (invalid.length || empty.length) {
    return NextResponse.redirect(new URL(browseHref(filters, page), request.url));
  }
  return NextResponse.rewrite(new URL(browsePath(filters, page), request.url));
}

/**
 * `/api/…` only when a browser could be sending it from another site: with an Origin header
 * (which browsers send on every request but a same-site GET or HEAD) or a cross-site
 * Sec-Fetch-Site, the only headers `isCrossSite` reads. The rest (the public JSON API read by
 * scripts and servers, a page's own GETs) skip the proxy and what it costs on every request.
 */
export const config = {
  matcher: [
    "/films",
    { source: "/api/:path*", has: [{ type: "header", key: "origin" }] },
    {
      source: "/api/:path*",
      has: [{ type: "header", key: "sec-fetch-site", value: "cross-site" }],
    },
  ],
};
