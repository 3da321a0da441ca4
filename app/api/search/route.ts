import { z } from "zod";
import { loadSearch } from "@/db/cached";
import { emptyResults } from "@/db/queries/search";
import { jsonOk } from "@/lib/http";
import { isSearchable, SEARCH_PAGE_SIZE, searchQuery } from "@/lib/search/query";

const Query = z.object({
  q: searchQuery,
  limit: z.preprocess(
    (v) => (v == null || v === "" ? SEARCH_PAGE_SIZE : v),
    z.coerce
      .number({ error: `limit must be a whole number from 1 to ${SEARCH_PAGE_SIZE}.` })
      .int(`limit must be a whole number from 1 to ${SEARCH_PAGE_SIZE}.`)
      .min(1, `limit must be a whole number from 1 to ${SEARCH_PAGE_SIZE}.`)
      .max(SEARCH_PAGE_SIZE, `limit must be a whole number from 1 to ${SEARCH_PAGE_SIZE}.`),
  ),
});

/** Films, series and people matching `q`, grouped, for the header's suggestions and for anyone. */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const parsed = Query.safeParse({ q: params.get("q"), limit: params.get("limit") });
  if (!parsed.success) {
    return Response.json(
      { error: parsed.error.issues[0]?.message ?? "Check the search." },
      { status: 400, headers: { "Cache-Control": "public, max-age=60" } },
    );
  }
  const { q, limit } = parsed.data;
  const results = isSearchable(q) ? await loadSearch(q, limit) : emptyResults();
  return jsonOk({ q, ...results });
}
