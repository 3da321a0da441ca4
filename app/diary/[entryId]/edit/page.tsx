import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { pageActor } from "@/app/server-action";
import { DiaryEntryEditor } from "@/components/diary-entry-editor";
import { getDb } from "@/db/index";
import { getOwnDiaryEntry } from "@/db/queries/diary";
import { latestWatchDate } from "@/lib/diary";

export const metadata: Metadata = { title: "Edit diary entry", robots: { index: false } };

type Props = { params: Promise<{ entryId: string }> };

/** Per reader: the owner edits or deletes one of their diary entries. */
export default function EditDiaryEntryPage({ params }: Props) {
  return (
    <Suspense fallback={<p>Loading the diary entry…</p>}>
      <Editor params={params} />
    </Suspense>
  );
}

async function Editor({ params }: Props) {
  const { entryId } = await params;
  const actor = await pageActor(`/diary/${entryId}/edit`);
  const id = /^\d{1,10}$/.test(entryId) ? Number(entryId) : 0;
  const entry = await getOwnDiaryEntry(await getDb(), { userId: actor.id, entryId: id });
  const diary = `/u/${actor.handle}/diary`;
  // someone else's entry and a missing one get the same answer: it tells nothing about others
  if (!entry)
    return (
      <>
        <h1 className="text-3xl font-bold tracking-tight">Diary entry not found</h1>
        <p className="mt-4">
          There is no such entry in your diary.{" "}
          <Link href={diary} className="underline">
            Your diary
          </Link>
        </p>
      </>
    );
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">
        Edit diary entry: {entry.film.title}
        {entry.film.year != null ? ` (${entry.film.year})` : ""}
      </h1>
      <p className="mt-1 flex gap-4">
        <Link href={`/films/${entry.film.slug}`} className="underline">
          The film
        </Link>
        <Link href={diary} className="underline">
          Your diary
        </Link>
      </p>
      <DiaryEntryEditor entry={entry} diaryPath={diary} latestDate={latestWatchDate()} />
    </>
  );
}
