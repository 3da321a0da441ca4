import { auth } from "@/auth";
import { getDb } from "@/db/index";
import { getListBySlug, LIST_PAGE_SIZE, listListItems, mayViewList } from "@/db/queries/lists";
import { AUDIENCE_LABELS } from "@/lib/privacy";

const PRIVATE = { "Cache-Control": "private, no-store" };

/**
 * A list and a page of its films (after position `after`) for a reader the shared page could not
 * show it to, or the next page of a long list. Someone who may not see it learns nothing of it.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ handle: string; slug: string }> },
) {
  const { handle, slug } = await params;
  const after = Number(new URL(request.url).searchParams.get("after") ?? 0);
  const db = await getDb();
  const list = await getListBySlug(db, { handle, slug });
  if (!list) return Response.json({ error: "No such list." }, { status: 404, headers: PRIVATE });
  const viewerId = (await auth())?.user?.id ?? null;
  if (!(await mayViewList(db, viewerId, list))) {
    // a private list is its owner's alone; otherwise say who the owner shows lists to
    const who = list.isPrivate ? null : AUDIENCE_LABELS[list.owner.listsAudience];
    return Response.json(
      { visible: false, signedIn: viewerId != null, audience: who },
      { status: 403, headers: PRIVATE },
    );
  }
  const items = await listListItems(db, {
    listId: list.id,
    after: Number.isInteger(after) && after >= 0 ? after : 0,
    limit: LIST_PAGE_SIZE,
  });
  const { owner, version: _version, ...shown } = list;
  return Response.json(
    {
      visible: true,
      list: shown,
      owner: { handle: owner.handle, name: owner.name },
      items,
    },
    { headers: PRIVATE },
  );
}
