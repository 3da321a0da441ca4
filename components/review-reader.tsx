"use client";
import { useSession } from "next-auth/react";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { ReviewReaderContext, type ReviewReader } from "./review-actions";

/**
 * The reader's state for the review cards inside, on a shared page that shows reviews of one
 * film: signed in or not (from the session) and which reviews they liked (fetched after load).
 */
export function ReviewReaderProvider({
  filmSlug,
  children,
}: {
  filmSlug: string;
  children: ReactNode;
}) {
  const { data, status } = useSession();
  const [liked, setLiked] = useState<ReadonlySet<number>>(() => new Set());
  useEffect(() => {
    if (status !== "authenticated") return;
    let current = true;
    void fetch(`/api/me/films/${filmSlug}`, { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<{ likedReviewIds?: number[] }>) : null))
      .then((state) => {
        if (current && state) setLiked(new Set(state.likedReviewIds ?? []));
      });
    return () => {
      current = false;
    };
  }, [status, filmSlug]);
  const handle = data?.user.handle ?? null;
  const reader = useMemo<ReviewReader>(
    () => ({ signedIn: status === "authenticated", handle, likedReviewIds: liked }),
    [status, handle, liked],
  );
  return <ReviewReaderContext value={reader}>{children}</ReviewReaderContext>;
}
