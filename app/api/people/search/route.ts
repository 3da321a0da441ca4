import { getDb } from "@/db/index";
import { searchPeople } from "@/db/queries/editing";

/** People by name or native name as an editor types (`q`, up to 100 characters); public data. */
export async function GET(request: Request) {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  if (q.length > 100 || q.includes("\u0000")) {
    return Response.json({ error: "The query is too long or not text." }, { status: 400 });
  }
  const people = q.trim() ? await searchPeople(await getDb(), { q, limit: 8 }) : [];
  return Response.json({ people }, { headers: { "Cache-Control": "no-store" } });
}
