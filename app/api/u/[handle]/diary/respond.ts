import "server-only";
import { auth } from "@/auth";
import { getDb, type Database } from "@/db/index";
import { partResponse, type Gated } from "@/db/queries/diary";

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
  const { status, body } = partResponse(result);
  return Response.json(body, { status, headers: PRIVATE });
}
