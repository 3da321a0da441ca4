import { cacheLife } from "next/cache";
import { ImageResponse } from "next/og";
import { loadFilm } from "@/db/cached";
import { PUBLIC_CACHE } from "@/lib/http";
import { shareCardFacts } from "@/lib/seo/share-card";

export const alt = "The film's title, its best Netflix Top 10 rank and its rating on Reelrank";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const png = await renderShareCard((await params).slug);
  if (!png) return new Response("No such film", { status: 404 });
  return new Response(png, {
    headers: { "Content-Type": contentType, "Cache-Control": PUBLIC_CACHE },
  });
}

/**
 * The film's share card, drawn once per change of the film or its ratings (loadFilm's tags carry
 * over to this cache entry) rather than on every request. Only the English title: next/og's
 * bundled font has no glyphs for Hangul, kana or Han, and a font shipped by the operating system
 * is no dependency to rely on.
 */
async function renderShareCard(slug: string): Promise<Uint8Array<ArrayBuffer> | null> {
  "use cache";
  cacheLife("days");
  const film = await loadFilm(slug);
  if (!film) return null;
  const facts = shareCardFacts(film);
  const image = new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: 72,
        background: "#09090b",
        color: "#fafafa",
      }}
    >
      <div style={{ display: "flex", fontSize: 32, color: "#a1a1aa" }}>Reelrank</div>
      <div style={{ display: "flex", flexDirection: "column" }}>
        <div
          style={{
            display: "flex",
            fontSize: facts.title.length > 40 ? 64 : 88,
            fontWeight: 700,
            lineHeight: 1.1,
          }}
        >
          {facts.title}
        </div>
        {facts.year != null ? (
          <div style={{ display: "flex", fontSize: 44, color: "#d4d4d8", marginTop: 16 }}>
            {String(facts.year)}
          </div>
        ) : null}
      </div>
      <div style={{ display: "flex", flexDirection: "column", fontSize: 36 }}>
        {facts.bestRank ? <div style={{ display: "flex" }}>{facts.bestRank}</div> : null}
        {facts.rating ? (
          <div style={{ display: "flex", color: "#fbbf24", marginTop: 12 }}>{facts.rating}</div>
        ) : null}
      </div>
    </div>,
    size,
  );
  return new Uint8Array(await image.arrayBuffer());
}
