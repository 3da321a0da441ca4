import Link from "next/link";
import type { ReviewCard as Review } from "@/db/queries/reviews";
import { formatDate, titleWithYear } from "@/lib/format";
import { ReviewActions } from "./review-actions";
import { Stars } from "./ui/stars";
import { AuthorLink } from "@/components/author-link";

export function ReviewBody({ body }: { body: string }) {
  // Stored exactly; React escapes it, and pre-wrap keeps the author's paragraphs.
  return <div className="mt-2 whitespace-pre-wrap break-words leading-relaxed">{body}</div>;
}

/**
 * One review. Rendered on the server for cached pages (only the footer's Like and Report are a
 * client island, given the review's id and counts) and in the browser for reviews fetched later.
 * `likes`: "reader" asks the nearest ReviewReaderContext for the reader's state; "count" only
 * shows the number (a profile, the reader's own review); `{ liked }` is a per-reader page's state.
 */
export function ReviewCard({
  review,
  showFilm = false,
  likes = "reader",
}: {
  review: Review;
  showFilm?: boolean;
  likes?: "reader" | "count" | { liked: boolean };
}) {
  const comments = (
    <Link href={`/reviews/${review.id}`} className="underline">
      {review.commentsCount === 1 ? "1 comment" : `${review.commentsCount} comments`}
    </Link>
  );
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
              <AuthorLink author={review.author} className="hover:underline" />
              {review.author.handle ? (
                <>
                  {" "}
                  <span className="font-normal text-zinc-600 dark:text-zinc-400">
                    @{review.author.handle}
                  </span>
                </>
              ) : null}
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
        {likes === "count" ? (
          <>
            <span className="text-zinc-600 dark:text-zinc-400">
              {review.likesCount === 1 ? "1 like" : `${review.likesCount} likes`}
            </span>
            {comments}
          </>
        ) : (
          <ReviewActions
            reviewId={review.id}
            likes={review.likesCount}
            authorHandle={review.author.handle}
            liked={likes === "reader" ? undefined : likes.liked}
          >
            {comments}
          </ReviewActions>
        )}
      </footer>
    </article>
  );
}
