import { z } from "zod";
import { loadSitemapEntries } from "@/db/cached";
import { jsonNotFound } from "@/lib/http";
import { SITEMAP_KINDS, sitemapChunks, urlsetXml, XML_CACHE_CONTROL } from "@/lib/seo/sitemap";
import { siteUrl } from "@/lib/seo/site-url";

const chunkName = z
  .string()
  .regex(
    new RegExp(`^(?:${SITEMAP_KINDS.join("|")})-[1-9][0-9]{0,5}\\.xml$`),
    `Sitemap names look like films-1.xml: one of ${SITEMAP_KINDS.join(", ")}, a dash, a number from 1.`,
  );

/** One chunk of the sitemap, e.g. /sitemaps/films-1.xml. */
export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }) {
  const parsed = chunkName.safeParse((await params).name);
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues[0]?.message }, { status: 400 });
  }
  const name = parsed.data.slice(0, -".xml".length);
  const chunk = sitemapChunks(await loadSitemapEntries()).find((c) => c.name === name);
  if (!chunk) return jsonNotFound(`No sitemap ${parsed.data}; /sitemap.xml lists them all.`);
  return new Response(urlsetXml(chunk, siteUrl()), {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": XML_CACHE_CONTROL,
    },
  });
}
