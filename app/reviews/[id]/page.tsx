import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BUILD_PLACEHOLDER, loadReview } from "@/db/cached";
import { CommentForm } from "@/components/comment-form";
import { CommentThread } from "@/components/comment-thread";
import { ReviewCard } from "@/components/review-card";
import { ReviewReaderProvider } from "@/components/review-reader";
import { titleWithYear } from "@/lib/format";
import { starsLabel } from "@/lib/rating";

type Props = { params: Promise<{ id: string }> };

export function generateStaticParams() {
  return [{ id: BUILD_PLACEHOLDER }];
}

const parseId = (id: string) => (/^[1-9]\d{0,9}$/.test(id) ? Number(id) : null);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseId((await params).id);
  const data = id ? await loadReview(id) : null;
  if (!data) return { title: "Review not found" };
  const { review } = data;
  const film = titleWithYear(review.film.title, review.film.year);
  const says = review.containsSpoilers
    ? "a review with spoilers"
    : review.body
      ? review.body.slice(0, 150)
      : "a rating without a written review";
  return {
    title: `${review.author.name} on ${film}`,
    description: `${review.author.name} gave ${film} ${starsLabel(review.rating)} on Reelrank: ${says}`,
    alternates: { canonical: `/reviews/${review.id}` },
    openGraph: { type: "article", publishedTime: review.createdAt },
  };
}

export default async function ReviewPage({ params }: Props) {
  const id = parseId((await params).id);
  const data = id ? await loadReview(id) : null;
  if (!data) notFound();
  const { review, comments } = data;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/films/${review.film.slug}`} className="underline">
          ← {titleWithYear(review.film.title, review.film.year)}
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold tracking-tight">
        {review.author.name}&apos;s review of {review.film.title}
      </h1>
      <ReviewReaderProvider filmSlug={review.film.slug}>
        <ReviewCard review={review} showFilm />
      </ReviewReaderProvider>
      <section aria-labelledby="comments-heading" className="mt-8">
        <h2 id="comments-heading" className="text-lg font-semibold">
          Comments ({comments.filter((c) => !c.deleted).length})
        </h2>
        {comments.length === 0 ? (
          <p className="mt-2 text-zinc-700 dark:text-zinc-300">No comments yet.</p>
        ) : null}
        <CommentThread reviewId={review.id} comments={comments} />
        <CommentForm reviewId={review.id} />
      </section>
    </>
  );
}
