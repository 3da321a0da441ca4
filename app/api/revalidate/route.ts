import { revalidateTag } from "next/cache";
import { z } from "zod";
import { revalidateToken, secretsEqual } from "@/lib/secrets";

const Body = z.object({
  tags: z.array(z.string().min(1).max(256)).min(1).max(5000),
});

/**
 * Lets a command-line import tell the running server which cached pages it changed. Only callers
 * holding the server's revalidation token (REVALIDATE_TOKEN, or the one kept in `.data/`) may.
 */
export async function POST(request: Request) {
  const header = request.headers.get("authorization") ?? "";
  const token = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
  if (!token || !secretsEqual(token, revalidateToken())) {
    return Response.json({ error: "A valid revalidation token is required." }, { status: 401 });
  }
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return Response.json({ error: 'The body must be JSON: { "tags": ["…"] }.' }, { status: 400 });
  }
  const parsed = Body.safeParse(json);
  if (!parsed.success) {
    return Response.json(
      { error: 'The body must be { "tags": ["…"] } with 1 to 5000 tags.' },
      { status: 400 },
    );
  }
  for (const tag of parsed.data.tags) revalidateTag(tag, { expire: 0 });
  return Response.json(
    { revalidated: parsed.data.tags.length },
    { headers: { "Cache-Control": "no-store" } },
  );
}
