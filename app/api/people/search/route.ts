import { z } from "zod";
import { auth } from "@/auth";
import { getDb } from "@/db/index";
import { assertEditor, searchPeople } from "@/db/queries/editing";
import { getActor } from "@/db/queries/users";
import { AppError } from "@/lib/errors";

const Query = z.object({
  q: z
    .string()
    .max(100, "Search with at most 100 characters.")
    .refine((q) => !q.includes("\u0000"), "The search must be text."),
});

/** People by name or native name, as an editor types in the credits editor. Editors only. */
export async function GET(request: Request) {
  const session = await auth();
  const actor = session?.user?.id
    ? await getActor(await getDb(), { userId: session.user.id })
    : null;
  try {
    assertEditor(actor);
  } catch (error) {
    const message = error instanceof AppError ? error.message : "Only editors can do that.";
    return Response.json({ error: message }, { status: actor ? 403 : 401 });
  }
  const parsed = Query.safeParse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues[0]?.message }, { status: 400 });
  }
  const people = parsed.data.q.trim()
    ? await searchPeople(await getDb(), { q: parsed.data.q, limit: 8 })
    : [];
  return Response.json({ people }, { headers: { "Cache-Control": "no-store" } });
}
