import Link from "next/link";
import type { ReviewCard as Card } from "@/db/queries/reviews";
import { plural } from "@/lib/format";
import { ReviewCard } from "./review-card";

/** A page of a profile's reviews, newest first, with the way to older ones. */
export function ProfileReviews({
  profile,
  older,
}: {
  profile: { handle: string; stats: { count: number }; reviews: Card[]; next: string | null };
  /** an older page: says so, and leads back to the newest */
  older: boolean;
}) {
  return (
    <section aria-labelledby="profile-reviews" className="mt-8">
      <h2 id="profile-reviews" className="text-xl font-semibold">
        {older ? "Older reviews" : plural(profile.stats.count, "review")}
      </h2>
      {older ? (
        <p className="mt-1 text-sm">
          <Link href={`/u/${profile.handle}`} className="underline">
            Newest reviews
          </Link>
        </p>
      ) : null}
      <div className="mt-3 flex flex-col gap-3">
        {profile.reviews.map((r) => (
          <ReviewCard key={r.id} review={r} likes="count" showFilm />
        ))}
      </div>
      {profile.next ? (
        <p className="mt-4">
          <Link
            href={`/u/${profile.handle}/reviews/${profile.next}`}
            className="font-medium underline"
          >
            Older reviews
          </Link>
        </p>
      ) : null}
    </section>
  );
}
