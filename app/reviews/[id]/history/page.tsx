import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { ReviewBody } from "@/components/review-card";
import { Stars } from "@/components/ui/stars";
import { BUILD_PLACEHOLDER, loadReviewHistory } from "@/db/cached";
import { formatDate, titleWithYear } from "@/lib/format";

type Props = { params: Promise<{ id: string }> };

export function generateStaticParams() {
  return [{ id: BUILD_PLACEHOLDER }];
}

const parseId = (id: string) => (/^[1-9]\d{0,9}$/.test(id) ? Number(id) : null);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseId((await params).id);
  const data = id ? await loadReviewHistory(id) : null;
  if (!data) return { title: "Review not found" };
  return {
    title: `Versions of ${data.review.author.name}'s review of ${data.review.film.title}`,
    robots: { index: false },
  };
}

function Version({
  heading,
  rating,
  body,
  containsSpoilers,
}: {
  heading: ReactNode;
  rating: number;
  body: string | null;
  containsSpoilers: boolean;
}) {
  return (
    <li className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h3 className="flex flex-wrap items-center gap-3 text-sm font-medium">
        {heading}
        <Stars halfStars={rating} />
        {containsSpoilers ? (
          <span className="text-zinc-600 dark:text-zinc-400">spoilers</span>
        ) : null}
      </h3>
      {body && containsSpoilers ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-sm font-medium">
            This version contains spoilers: show it
          </summary>
          <ReviewBody body={body} />
        </details>
      ) : body ? (
        <ReviewBody body={body} />
      ) : (
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">A rating without text.</p>
      )}
    </li>
  );
}

/** A review's earlier versions, newest first, under the current one. Shared and cached per review. */
export default async function ReviewHistoryPage({ params }: Props) {
  const id = parseId((await params).id);
  const data = id ? await loadReviewHistory(id) : null;
  if (!data) notFound();
  const { review, versions } = data;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/reviews/${review.id}`} className="underline">
          ← The review
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold tracking-tight">
        {review.author.name}&apos;s review of {titleWithYear(review.film.title, review.film.year)}:
        versions
      </h1>
      <ol className="flex flex-col gap-3" data-author-id={review.author.id}>
        <Version
          heading={
            <span>
              Current
              {review.editedAt ? (
                <>
                  , edited{" "}
                  <time dateTime={review.editedAt}>{formatDate(review.editedAt.slice(0, 10))}</time>
                </>
              ) : null}
            </span>
          }
          rating={review.rating}
          body={review.body}
          containsSpoilers={review.containsSpoilers}
        />
        {versions.map((v, i) => (
          <Version
            key={i}
            heading={
              <span>
                {i === versions.length - 1 ? "First posted" : "Earlier"}, replaced{" "}
                <time dateTime={v.replacedAt}>{formatDate(v.replacedAt.slice(0, 10))}</time>
              </span>
            }
            rating={v.rating}
            body={v.body}
            containsSpoilers={v.containsSpoilers}
          />
        ))}
      </ol>
      {versions.length === 0 ? (
        <p className="mt-4 text-zinc-700 dark:text-zinc-300">This review has not been edited.</p>
      ) : null}
    </>
  );
}
