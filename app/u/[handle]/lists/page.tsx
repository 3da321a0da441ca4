import type { Metadata } from "next";
import { BUILD_PLACEHOLDER, loadUserLists } from "@/db/cached";
import { ListCards } from "@/components/list-films";
import { ListsOwnerBar, MoreLists, RestrictedLists } from "@/components/list-index";
import { ProfileNav } from "@/components/profile-nav";
import { profileNotFound } from "@/app/u/[handle]/profile-not-found";

type Props = { params: Promise<{ handle: string }> };

export function generateStaticParams() {
  return [{ handle: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await loadUserLists((await params).handle);
  if (!found) return { title: "Profile not found" };
  return {
    title: `Lists by ${found.owner.name} (@${found.owner.handle})`,
    description: `${found.owner.name}'s lists of films on Reelrank.`,
    alternates: { canonical: `/u/${found.owner.handle}/lists` },
  };
}

/** A user's lists, shared by every reader; the owner's own bits come from their browser. */
export default async function UserListsPage({ params }: Props) {
  const { handle } = await params;
  const found = await loadUserLists(handle);
  if (!found) return profileNotFound(handle, "/lists");
  const { owner, page } = found;
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Lists by {owner.name}</h1>
      <p className="text-zinc-600 dark:text-zinc-400">@{owner.handle}</p>
      <ProfileNav handle={owner.handle} current="lists" />
      <ListsOwnerBar handle={owner.handle} showPrivate={page != null} />
      {page ? (
        page.lists.length ? (
          <section aria-label="Lists" className="mt-2">
            <ListCards lists={page.lists} handle={owner.handle} />
            <MoreLists handle={owner.handle} next={page.next} />
          </section>
        ) : (
          <p className="mt-4">No lists yet.</p>
        )
      ) : (
        <RestrictedLists handle={owner.handle} ownerName={owner.name} />
      )}
    </>
  );
}
