"use client";
import { useSession } from "next-auth/react";
import { useEffect, useState } from "react";
import type { ReviewCard as Review } from "@/db/queries/reviews";
import { ReviewCard } from "./review-card";

/** A shared review page's review, with the reader's like state fetched by the browser. */
export function ReviewWithReader({ review }: { review: Review }) {
  const { data, status } = useSession();
  const [liked, setLiked] = useState<boolean | null>(null);
  useEffect(() => {
    if (status !== "authenticated") return;
    void fetch(`/api/me/films/${review.film.slug}`, { cache: "no-store" })
      .then((r) => r.json() as Promise<{ likedReviewIds?: number[] }>)
      .then((state) => setLiked(state.likedReviewIds?.includes(review.id) ?? false));
  }, [status, review.film.slug, review.id]);
  const signedIn = status === "authenticated";
  return (
    <ReviewCard
      key={`${review.likesCount}-${liked}`}
      review={review}
      liked={liked}
      own={signedIn && data?.user.handle === review.author.handle}
      signedIn={signedIn}
      showFilm
    />
  );
}
