"use client";
import Link from "next/link";
import { useSession } from "next-auth/react";
import { canEdit } from "@/lib/roles";

/** "History" for everyone, "Edit facts" for editors: the film page around it stays shared. */
export function FilmEditLinks({ slug }: { slug: string }) {
  const { data } = useSession();
  const editor = canEdit(data?.user?.role);
  return (
    <p className="mt-2 flex gap-4 text-sm">
      <Link href={`/films/${slug}/history`} className="underline-offset-2 hover:underline">
        History
      </Link>
      {editor ? (
        <Link href={`/films/${slug}/edit`} className="underline-offset-2 hover:underline">
          Edit facts
        </Link>
      ) : null}
    </p>
  );
}
