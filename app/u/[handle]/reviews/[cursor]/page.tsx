import type { Metadata } from "next";
import { BUILD_PLACEHOLDER, loadProfile } from "@/db/cached";
import { ProfileNav } from "@/components/profile-nav";
import { ProfileReviews } from "@/components/profile-reviews";
import { profileNotFound } from "@/app/u/[handle]/profile-not-found";

type Props = { params: Promise<{ handle: string; cursor: string }> };

export function generateStaticParams() {
  return [{ handle: BUILD_PLACEHOLDER, cursor: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { handle, cursor } = await params;
  const profile = await loadProfile(handle, cursor);
  if (!profile) return { title: "Profile not found" };
  return {
    title: `Older reviews by ${profile.name} (@${profile.handle})`,
    robots: { index: false, follow: true },
  };
}

/** An older page of a profile's reviews: its address holds where it starts, so it is cached. */
export default async function ProfileReviewsOlderPage({ params }: Props) {
  const { handle, cursor } = await params;
  const profile = await loadProfile(handle, cursor);
  if (!profile) return profileNotFound(handle, `/reviews/${cursor}`);
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">{profile.name}</h1>
      <p className="text-zinc-600 dark:text-zinc-400">@{profile.handle}</p>
      <ProfileNav handle={profile.handle} current="profile" />
      <ProfileReviews profile={profile} older />
    </>
  );
}
