import type { Metadata } from "next";
import { FollowList } from "@/components/follow-list";
import { BUILD_PLACEHOLDER } from "@/db/cached";

type Props = { params: Promise<{ handle: string }> };

export function generateStaticParams() {
  return [{ handle: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { handle } = await params;
  return {
    title: `People @${handle} follows`,
    alternates: { canonical: `/u/${handle}/following` },
  };
}

export default async function FollowingPage({ params }: Props) {
  return <FollowList handle={(await params).handle} side="following" cursor={null} />;
}
