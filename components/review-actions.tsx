"use client";
import Link from "next/link";
import { createContext, useContext, useState, useTransition, type ReactNode } from "react";
import { likeReviewAction } from "@/app/films/[slug]/actions";
import { ReportButton } from "./report-button";

/**
 * Who is reading the reviews around a card, as the browser learned it after load: the cached
 * page itself never knows. `signedIn` stays false until the reader's state has arrived.
 */
export type ReviewReader = {
  signedIn: boolean;
  handle: string | null;
  likedReviewIds: ReadonlySet<number>;
  /** Called after the reader liked or unliked a review, to fetch what changed. */
  onChanged?: () => void;
};

export const ReviewReaderContext = createContext<ReviewReader | null>(null);

/**
 * The reader's part of a review card's footer: Like (or "Sign in to like", or the count on their
 * own review), then `children` (the comments link, rendered with the card), then Report.
 * `liked` given by a per-reader page (the feed) stands for the reader's state; otherwise it comes
 * from the nearest ReviewReaderContext.
 */
export function ReviewActions({
  reviewId,
  likes: initialLikes,
  authorHandle,
  liked: givenLiked,
  children,
}: {
  reviewId: number;
  likes: number;
  authorHandle: string;
  liked?: boolean;
  children: ReactNode;
}) {
  const reader = useContext(ReviewReaderContext);
  const [state, setState] = useState<{
    liked: boolean | null;
    likes: number;
    error: string | null;
  }>({ liked: null, likes: initialLikes, error: null });
  const [pending, startTransition] = useTransition();

  const signedIn = givenLiked !== undefined || reader?.signedIn === true;
  const own = givenLiked === undefined && signedIn && reader?.handle === authorHandle;
  const current = state.liked ?? givenLiked ?? reader?.likedReviewIds.has(reviewId) ?? false;

  const like = () =>
    startTransition(async () => {
      const result = await likeReviewAction(null, { reviewId });
      if (result.ok) setState({ liked: result.data.liked, likes: result.data.likes, error: null });
      else setState((s) => ({ ...s, error: result.error }));
      reader?.onChanged?.();
    });

  return (
    <>
      {own ? (
        <LikeCount likes={state.likes} />
      ) : signedIn ? (
        <button
          type="button"
          onClick={like}
          disabled={pending}
          aria-pressed={current}
          className="rounded-full border border-zinc-300 px-3 py-1 aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:text-brand-700 dark:border-zinc-700 dark:aria-pressed:bg-zinc-800 dark:aria-pressed:text-brand-500"
        >
          Like <span className="tabular-nums">({state.likes})</span>
        </button>
      ) : (
        <Link href="/signin" className="underline">
          Sign in to like ({state.likes})
        </Link>
      )}
      {children}
      {signedIn && !own ? <ReportButton targetType="review" targetId={reviewId} /> : null}
      {state.error ? (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {state.error}
        </span>
      ) : null}
    </>
  );
}

function LikeCount({ likes }: { likes: number }) {
  return (
    <span className="text-zinc-600 dark:text-zinc-400">
      {likes === 1 ? "1 like" : `${likes} likes`}
    </span>
  );
}
