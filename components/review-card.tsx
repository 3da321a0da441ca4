"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import { likeReviewAction } from "@/app/films/[slug]/actions";
import type { ReviewCard as Review } from "@/db/queries/reviews";
import { formatDate, titleWithYear } from "@/lib/format";
import { ReportButton } from "./report-button";
import { Stars } from "./ui/stars";

export function ReviewBody({ body }: { body: string }) {
  // Stored exactly; React escapes it, and pre-wrap keeps the author's paragraphs.
  return <div className="mt-2 whitespace-pre-wrap break-words leading-relaxed">{body}</div>;
}

/**
 * One review. `liked` is the reader's like state (null when signed out or unknown); `own` hides the
 * Like button on the reader's own review.
 */
export function ReviewCard({
  review,
  liked,
  own,
  signedIn,
  showFilm = false,
  onChanged,
}: {
  review: Review;
  liked: boolean | null;
  own: boolean;
  signedIn: boolean;
  showFilm?: boolean;
  onChanged?: () => void;
}) {
  const [state, setState] = useState<{
    liked: boolean | null;
    likes: number;
    error: string | null;
  }>({
    liked,
    likes: review.likesCount,
    error: null,
  });
  const [pending, startTransition] = useTransition();
  const current = state.liked ?? liked;
  const like = () =>
    startTransition(async () => {
      const result = await likeReviewAction(null, { reviewId: review.id });
      if (result.ok) setState({ liked: result.data.liked, likes: result.data.likes, error: null });
      else setState((s) => ({ ...s, error: result.error }));
      onChanged?.();
    });

  return (
    <article
      data-author-id={review.author.id}
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      aria-labelledby={`review-${review.id}-by`}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Stars halfStars={review.rating} />
        <span id={`review-${review.id}-by`} className="font-medium">
          {showFilm ? (
            <Link href={`/films/${review.film.slug}`} className="hover:underline">
              {titleWithYear(review.film.title, review.film.year)}
            </Link>
          ) : (
            <>
              <Link href={`/u/${review.author.handle}`} className="hover:underline">
                {review.author.name}
              </Link>{" "}
              <span className="font-normal text-zinc-600 dark:text-zinc-400">
                @{review.author.handle}
              </span>
            </>
          )}
        </span>
        <span className="text-sm text-zinc-600 dark:text-zinc-400">
          <time dateTime={review.createdAt}>{formatDate(review.createdAt.slice(0, 10))}</time>
          {review.editedAt ? (
            <>
              {" · "}
              <Link href={`/reviews/${review.id}/history`} className="underline">
                edited — see changes
              </Link>
            </>
          ) : null}
          {review.watchedOn ? ` · watched ${formatDate(review.watchedOn)}` : ""}
        </span>
      </header>
      {review.body ? (
        review.containsSpoilers ? (
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium">
              This review contains spoilers: show it
            </summary>
            <ReviewBody body={review.body} />
          </details>
        ) : (
          <ReviewBody body={review.body} />
        )
      ) : null}
      <footer className="mt-3 flex items-center gap-4 text-sm">
        {own ? (
          <span className="text-zinc-600 dark:text-zinc-400">
            {state.likes === 1 ? "1 like" : `${state.likes} likes`}
          </span>
        ) : signedIn ? (
          <button
            type="button"
            onClick={like}
            disabled={pending}
            aria-pressed={current === true}
            className="rounded-full border border-zinc-300 px-3 py-1 aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:text-brand-700 dark:border-zinc-700 dark:aria-pressed:bg-zinc-800 dark:aria-pressed:text-brand-500"
          >
            Like <span className="tabular-nums">({state.likes})</span>
          </button>
        ) : (
          <Link href="/signin" className="underline">
            Sign in to like ({state.likes})
          </Link>
        )}
        <Link href={`/reviews/${review.id}`} className="underline">
          {review.commentsCount === 1 ? "1 comment" : `${review.commentsCount} comments`}
        </Link>
        {signedIn && !own ? <ReportButton targetType="review" targetId={review.id} /> : null}
        {state.error ? (
          <span role="alert" className="text-red-700 dark:text-red-400">
            {state.error}
          </span>
        ) : null}
      </footer>
    </article>
  );
}
