import "server-only";
import { auth } from "@/auth";
import { getDb, type Database } from "@/db/index";
import type { Gated } from "@/db/queries/diary";

const PRIVATE = { "Cache-Control": "private, no-store" };

/**
 * A part of a profile for the reader of this request: read only when the owner's audience admits
 * them (the query checks it); otherwise only to whom it is shown, with 403.
 */
export async function respondWithPart<T extends object>(
  request: Request,
  params: Promise<{ handle: string }>,
  read: (
    db: Database,
    args: { handle: string; viewerId: string | null; cursor: string | null },
  ) => Promise<Gated<T> | null>,
) {
  const session = await auth();
  const { handle } = await params;
  const cursor = new URL(request.url).searchParams.get("cursor");
  const result = await read(await getDb(), {
    handle,
    viewerId: session?.user?.id ?? null,
    cursor: cursor && cursor.length <= 200 ? cursor : null,
  });
  if (!result) return Response.json({ error: "No such user." }, { status: 404, headers: PRIVATE });
  if (!result.visible)
    return Response.json(
      { visible: false, owner: result.owner, audience: result.audience },
      { status: 403, headers: PRIVATE },
    );
  return Response.json(
    { visible: true, owner: result.owner, audience: result.audience, ...result.data },
    { headers: PRIVATE },
  );
}
