"use client";
import { useSession } from "next-auth/react";

/** Shown only to the profile's owner: their reviews and ratings as CSV. */
export function CsvDownload({ handle }: { handle: string }) {
  const { data } = useSession();
  if (data?.user.handle?.toLowerCase() !== handle.toLowerCase()) return null;
  return (
    <a href="/api/me/reviews" download className="text-sm underline">
      Download all my reviews and ratings (CSV)
    </a>
  );
}
