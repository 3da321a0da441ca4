import { auth } from "@/auth";
import { getDb } from "@/db/index";
import { findUserByHandle, getReaderUserState } from "@/db/queries/follows";

const PRIVATE = { "Cache-Control": "private, no-store" };

/** How the signed-in reader stands with a user: whether they follow or blocked them. */
export async function GET(_request: Request, { params }: { params: Promise<{ handle: string }> }) {
  const session = await auth();
  if (!session?.user?.id) return Response.json({ signedIn: false }, { headers: PRIVATE });
  const handle = (await params).handle;
  const db = await getDb();
  const user = /^[a-zA-Z0-9_]{3,20}$/.test(handle) ? await findUserByHandle(db, { handle }) : null;
  if (!user) return Response.json({ error: "No such user." }, { status: 404, headers: PRIVATE });
  const state = await getReaderUserState(db, { viewerId: session.user.id, userId: user.id });
  return Response.json({ signedIn: true, ...state }, { headers: PRIVATE });
}
