import type { ReviewCard as Review } from "@/db/queries/reviews";
import { ReviewCard } from "./review-card";
import { FirstPageReview, ReviewsPanel } from "./reviews-panel";

/**
 * A film's reviews. The first page (newest) is rendered here, on the server, into the shared
 * cached page; the panel around it (a client component) gets only the reviews' ids and the next
 * cursor, and adds what depends on the reader.
 */
export function ReviewsSection({
  film,
  initial,
}: {
  film: { id: number; slug: string; title: string };
  initial: { reviews: Review[]; next: string | null };
}) {
  return (
    <ReviewsPanel
      film={film}
      firstPageIds={initial.reviews.map((r) => r.id)}
      firstPageNext={initial.next}
    >
      {initial.reviews.map((r) => (
        <FirstPageReview key={r.id} id={r.id}>
          <ReviewCard review={r} />
        </FirstPageReview>
      ))}
    </ReviewsPanel>
  );
}
