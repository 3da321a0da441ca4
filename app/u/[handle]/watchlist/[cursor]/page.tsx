import type { Metadata } from "next";
import { BUILD_PLACEHOLDER } from "@/db/cached";
import { partMetadata, ProfilePartPage } from "@/components/profile-part-page";

type Props = { params: Promise<{ handle: string; cursor: string }> };

export function generateStaticParams() {
  return [{ handle: BUILD_PLACEHOLDER, cursor: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { handle, cursor } = await params;
  return partMetadata("watchlist", handle, cursor);
}

export default async function WatchlistOlderPage({ params }: Props) {
  const { handle, cursor } = await params;
  return <ProfilePartPage part="watchlist" handle={handle} cursor={cursor} />;
}
