import type { Metadata } from "next";
import { FollowList } from "@/components/follow-list";
import { BUILD_PLACEHOLDER } from "@/db/cached";

type Props = { params: Promise<{ handle: string; cursor: string }> };

export function generateStaticParams() {
  return [{ handle: BUILD_PLACEHOLDER, cursor: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { handle } = await params;
  return {
    title: `@${handle}'s followers, continued`,
    robots: { index: false },
  };
}

export default async function FollowersMorePage({ params }: Props) {
  const { handle, cursor } = await params;
  return <FollowList handle={handle} side="followers" cursor={cursor} />;
}
