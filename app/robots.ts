import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/seo/site-url";

/** Per-reader, editing and moderation pages, and the JSON API, are not for search engines. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: "*",
      allow: "/",
      disallow: ["/api/", "/admin", "/mod", "/edit", "/search"],
    },
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
