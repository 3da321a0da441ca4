import { auth } from "@/auth";
import { USER_LISTS_PAGE_SIZE } from "@/db/cached";
import { getDb } from "@/db/index";
import { getListOwner, listUserLists } from "@/db/queries/lists";
import { mayView } from "@/db/queries/relations";
import { AUDIENCE_LABELS } from "@/lib/privacy";

const PRIVATE = { "Cache-Control": "private, no-store" };

/**
 * A user's lists as this reader may see them, a page at a time (`cursor`): what the owner's
 * lists audience allows, and the private ones only to the owner (`private=only` for those alone).
 */
export async function GET(request: Request, { params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await params;
  const url = new URL(request.url);
  const db = await getDb();
  const owner = /^[a-zA-Z0-9_]{3,20}$/.test(handle) ? await getListOwner(db, { handle }) : null;
  if (!owner) return Response.json({ error: "No such user." }, { status: 404, headers: PRIVATE });
  const viewerId = (await auth())?.user?.id ?? null;
  if (!(await mayView(db, { viewerId, ownerId: owner.id, audience: owner.listsAudience }))) {
    return Response.json(
      { visible: false, audience: AUDIENCE_LABELS[owner.listsAudience] },
      { status: 403, headers: PRIVATE },
    );
  }
  const own = viewerId === owner.id;
  const page = await listUserLists(db, {
    ownerId: owner.id,
    privacy: !own ? "exclude" : url.searchParams.get("private") === "only" ? "only" : "include",
    cursor: url.searchParams.get("cursor"),
    limit: USER_LISTS_PAGE_SIZE,
  });
  return Response.json({ visible: true, own, ...page }, { headers: PRIVATE });
}
