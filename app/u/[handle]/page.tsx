import type { Metadata } from "next";
import { BUILD_PLACEHOLDER, loadLogsByYear, loadProfile } from "@/db/cached";
import { LogsByYear } from "@/components/logs-by-year";
import { ProfileNav } from "@/components/profile-nav";
import { CsvDownload } from "@/components/csv-download";
import { FollowSummary } from "@/components/follow-summary";
import { RatingHistogram } from "@/components/rating-summary";
import { ProfileReviews } from "@/components/profile-reviews";
import { formatDate } from "@/lib/format";
import { averageStars } from "@/lib/rating";
import { profileNotFound } from "@/app/u/[handle]/profile-not-found";

type Props = { params: Promise<{ handle: string }> };

export function generateStaticParams() {
  return [{ handle: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const profile = await loadProfile((await params).handle);
  if (!profile) return { title: "Profile not found" };
  return {
    title: `${profile.name} (@${profile.handle})`,
    description: `${profile.name}'s film reviews and ratings on Reelrank.`,
    alternates: { canonical: `/u/${profile.handle}` },
    openGraph: { type: "profile", username: profile.handle },
  };
}

export default async function ProfilePage({ params }: Props) {
  const { handle } = await params;
  const profile = await loadProfile(handle);
  if (!profile) return profileNotFound(handle);
  // shown here only when the diary is public: the page is the same for every reader
  const years = await loadLogsByYear(handle);
  const average = averageStars(profile.stats);
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">{profile.name}</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        @{profile.handle} · joined {formatDate(profile.joinedAt.slice(0, 10))}
      </p>
      <FollowSummary handle={profile.handle} />
      <ProfileNav handle={profile.handle} current="profile" />
      <dl className="mt-4 flex flex-wrap gap-6 text-sm">
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Ratings</dt>
          <dd className="text-lg font-semibold" data-testid="profile-ratings">
            {profile.stats.count}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Reviews with text</dt>
          <dd className="text-lg font-semibold">{profile.written}</dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Average rating</dt>
          <dd className="text-lg font-semibold">
            {average == null ? "—" : `${average.toFixed(1)} / 5`}
          </dd>
        </div>
      </dl>
      {profile.stats.count > 0 ? (
        <div className="mt-4">
          <h2 className="text-sm font-medium">Rating distribution</h2>
          <RatingHistogram stats={profile.stats} label={`${profile.name}'s ratings`} />
        </div>
      ) : null}
      {years?.visible ? <LogsByYear handle={profile.handle} years={years.data} /> : null}
      <div className="mt-4">
        <CsvDownload handle={profile.handle} />
      </div>
      <ProfileReviews profile={profile} older={false} />
    </>
  );
}
