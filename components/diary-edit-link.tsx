"use client";
import Link from "next/link";
import { useSession } from "next-auth/react";
import { shortDate } from "@/lib/diary";

/**
 * "Edit" on a diary entry, shown only to the diary's owner. The diary page is shared and cached,
 * so who is reading is known only in the browser, from the session.
 */
export function DiaryEditLink({
  ownerHandle,
  entryId,
  filmTitle,
  watchedOn,
}: {
  ownerHandle: string;
  entryId: number;
  filmTitle: string;
  watchedOn: string;
}) {
  const { data } = useSession();
  const handle = data?.user?.handle;
  if (!handle || handle.toLowerCase() !== ownerHandle.toLowerCase()) return null;
  return (
    <Link href={`/diary/${entryId}/edit`} prefetch={false} className="text-sm">
      Edit
      <span className="sr-only">
        {" "}
        entry for {filmTitle} on {shortDate(watchedOn)}
      </span>
    </Link>
  );
}
