/**
 * Sitemaps per sitemaps.org: an index at /sitemap.xml naming chunks such as /sitemaps/films-1.xml.
 * The protocol allows 50,000 URLs and 50 MB per file; chunks stay far below both so that each is
 * quick to render and fetch.
 */
export const SITEMAP_CHUNK_SIZE = 5000;

export const SITEMAP_KINDS = ["pages", "films", "series", "people", "charts"] as const;
export type SitemapKind = (typeof SITEMAP_KINDS)[number];

export type SitemapEntry = { path: string; lastmod: string | null };
export type SitemapEntries = Record<Exclude<SitemapKind, "pages">, SitemapEntry[]>;

/** Pages with a fixed address; their content changes with the catalogue, so no lastmod is claimed. */
export const STATIC_PAGES: SitemapEntry[] = [
  "/",
  "/films",
  "/films?sort=year",
  "/charts",
  "/charts/most-popular",
  "/about",
].map((path) => ({ path, lastmod: null }));

export type SitemapChunk = { name: string; kind: SitemapKind; entries: SitemapEntry[] };

export function sitemapChunks(entries: SitemapEntries, size = SITEMAP_CHUNK_SIZE): SitemapChunk[] {
  const all: Record<SitemapKind, SitemapEntry[]> = { pages: STATIC_PAGES, ...entries };
  return SITEMAP_KINDS.flatMap((kind) =>
    Array.from({ length: Math.ceil(all[kind].length / size) }, (_, i) => ({
      name: `${kind}-${i + 1}`,
      kind,
      entries: all[kind].slice(i * size, (i + 1) * size),
    })),
  );
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!,
  );

const latest = (entries: SitemapEntry[]) =>
  entries.reduce<string | null>(
    (max, e) => (e.lastmod && (!max || e.lastmod > max) ? e.lastmod : max),
    null,
  );

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

export function sitemapIndexXml(chunks: SitemapChunk[], base: URL): string {
  const items = chunks.map((c) => {
    const lastmod = latest(c.entries);
    const loc = new URL(`/sitemaps/${c.name}.xml`, base).toString();
    return `<sitemap><loc>${escapeXml(loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</sitemap>`;
  });
  return `${XML_HEAD}<sitemapindex ${NS}>\n${items.join("\n")}\n</sitemapindex>\n`;
}

export function urlsetXml(chunk: SitemapChunk, base: URL): string {
  const items = chunk.entries.map((e) => {
    const loc = new URL(e.path, base).toString();
    return `<url><loc>${escapeXml(loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ""}</url>`;
  });
  return `${XML_HEAD}<urlset ${NS}>\n${items.join("\n")}\n</urlset>\n`;
}

export const XML_CACHE_CONTROL =
  "public, max-age=3600, s-maxage=3600, stale-while-revalidate=86400";
