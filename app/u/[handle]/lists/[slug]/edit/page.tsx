import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { pageActor } from "@/app/server-action";
import { ListEditor } from "@/components/list-editor";
import { getDb } from "@/db/index";
import { getListBySlug, getListForEditing } from "@/db/queries/lists";
import { MAX_LIST_DESCRIPTION, MAX_LIST_NAME, MAX_LIST_NOTE } from "@/lib/validation";

export const metadata: Metadata = { title: "Edit list", robots: { index: false } };

type Props = { params: Promise<{ handle: string; slug: string }> };

/** Per reader: the owner edits their list; anyone else is told it is not theirs. */
export default function EditListPage({ params }: Props) {
  return (
    <Suspense fallback={<p>Loading the list…</p>}>
      <Editor params={params} />
    </Suspense>
  );
}

async function Editor({ params }: Props) {
  const { handle, slug } = await params;
  const path = `/u/${handle}/lists/${slug}`;
  const actor = await pageActor(`${path}/edit`);
  const db = await getDb();
  const list = await getListForEditing(db, { actorId: actor.id, handle, slug });
  if (!list) {
    const exists = await getListBySlug(db, { handle, slug });
    return (
      <>
        <h1 className="text-3xl font-bold tracking-tight">Edit list</h1>
        <p className="mt-4">
          {exists && !exists.isPrivate
            ? "Only the list's owner can edit it."
            : "There is no such list among yours."}{" "}
          <Link href={`/u/${actor.handle}/lists`} className="underline">
            Your lists
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Edit “{list.name}”</h1>
      <p className="mt-1">
        {/* not prefetched: a copy fetched before the last save would show the old order */}
        <Link
          href={`/u/${list.owner.handle}/lists/${list.slug}`}
          prefetch={false}
          className="underline"
        >
          View the list
        </Link>
      </p>
      <ListEditor
        list={{
          id: list.id,
          slug: list.slug,
          handle: list.owner.handle,
          version: list.version,
          details: {
            name: list.name,
            description: list.description ?? "",
            ranked: list.ranked,
            isPrivate: list.isPrivate,
          },
          items: list.items,
        }}
        limits={{ name: MAX_LIST_NAME, description: MAX_LIST_DESCRIPTION, note: MAX_LIST_NOTE }}
      />
    </>
  );
}
