/** Shared JSON responses for the read-only API. */
export const PUBLIC_CACHE = "public, max-age=60, s-maxage=300, stale-while-revalidate=86400";

export function jsonOk(body: unknown): Response {
  return Response.json(body, {
    headers: { "Cache-Control": PUBLIC_CACHE, "Access-Control-Allow-Origin": "*" },
  });
}

export function jsonNotFound(message: string): Response {
  return Response.json(
    { error: message },
    { status: 404, headers: { "Cache-Control": "public, max-age=60" } },
  );
}
