import type { Metadata } from "next";
import { BUILD_PLACEHOLDER } from "@/db/cached";
import { partMetadata, ProfilePartPage } from "@/components/profile-part-page";

type Props = { params: Promise<{ handle: string }> };

export function generateStaticParams() {
  return [{ handle: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return partMetadata("films", (await params).handle, null);
}

export default async function FilmsWatchedPage({ params }: Props) {
  return <ProfilePartPage part="films" handle={(await params).handle} cursor={null} />;
}
