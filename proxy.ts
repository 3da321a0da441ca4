import { NextResponse, type NextRequest } from "next/server";
import { browseHref, browsePath, parseBrowseQuery } from "./lib/browse";

/**
 * `/films?…` onto one cached page per set of filters: the query is read here and rewritten to a
 * canonical dynamic segment, so the page itself never reads request data (STYLE rule 6). Invalid
 * or empty values (a form's "Any") redirect to the address without them.
 */
export function proxy(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl;
  if (pathname !== "/films") return NextResponse.next();
  const { filters, page, invalid, empty } = parseBrowseQuery(searchParams);
  if (invalid.length || empty.length) {
    return NextResponse.redirect(new URL(browseHref(filters, page), request.url));
  }
  return NextResponse.rewrite(new URL(browsePath(filters, page), request.url));
}

export const config = { matcher: ["/films"] };
