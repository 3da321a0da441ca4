import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { absoluteUrl } from "@/lib/seo/site-url";

/** Per-reader, editing and moderation pages, and the JSON API, are not for search engines. */
export default async function robots(): Promise<MetadataRoute.Robots> {
  // answered at run time, so the sitemap's address is the running server's (AUTH_URL), not the build's
  await connection();
  return {
    rules: {
      userAgent: "*",
      allow: "/",
      disallow: ["/api/", "/admin", "/mod", "/edit", "/search"],
    },
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
