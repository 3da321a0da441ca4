import { connection } from "next/server";
import { loadRecentChartRows } from "@/db/cached";
import { PUBLIC_CACHE } from "@/lib/http";
import { ATOM_CONTENT_TYPE, chartsAtom } from "@/lib/seo/atom";
import { siteUrl } from "@/lib/seo/site-url";

/** Atom: one entry per weekly list of the newest weeks. */
export async function GET() {
  // the build has no database: answered per request, from the cached loader
  await connection();
  return new Response(chartsAtom(await loadRecentChartRows(), siteUrl()), {
    headers: { "Content-Type": ATOM_CONTENT_TYPE, "Cache-Control": PUBLIC_CACHE },
  });
}
