import { connection } from "next/server";
import { loadSitemapEntries } from "@/db/cached";
import { sitemapChunks, sitemapIndexXml, XML_CACHE_CONTROL } from "@/lib/seo/sitemap";
import { siteUrl } from "@/lib/seo/site-url";

/** The sitemap index: one entry per chunk under /sitemaps/. */
export async function GET() {
  // the build has no database: answered per request, from the cached loader
  await connection();
  const chunks = sitemapChunks(await loadSitemapEntries());
  return new Response(sitemapIndexXml(chunks, siteUrl()), {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": XML_CACHE_CONTROL,
    },
  });
}
