import { auth } from "@/auth";
import { getDb } from "@/db/index";
import { getReaderListState } from "@/db/queries/lists";

const PRIVATE = { "Cache-Control": "private, no-store" };

/** Whether the signed-in reader owns a list and whether they like it. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await auth();
  if (!session?.user?.id) return Response.json({ signedIn: false }, { headers: PRIVATE });
  const listId = Number((await params).id);
  if (!Number.isInteger(listId) || listId <= 0)
    return Response.json({ error: "No such list." }, { status: 404, headers: PRIVATE });
  const state = await getReaderListState(await getDb(), { userId: session.user.id, listId });
  return Response.json({ signedIn: true, ...state }, { headers: PRIVATE });
}
