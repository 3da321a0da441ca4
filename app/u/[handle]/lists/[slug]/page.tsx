import type { Metadata } from "next";
import { BUILD_PLACEHOLDER, loadList } from "@/db/cached";
import { ListDetails, ListFilms } from "@/components/list-films";
import { ListMoreFilms, ListReaderBar, RestrictedList } from "@/components/list-reader";
import { ProfileNav } from "@/components/profile-nav";
import { profileNotFound } from "@/app/u/[handle]/profile-not-found";

type Props = { params: Promise<{ handle: string; slug: string }> };

export function generateStaticParams() {
  return [{ handle: BUILD_PLACEHOLDER, slug: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { handle, slug } = await params;
  const found = await loadList(handle, slug);
  if (!found) return { title: "List not found" };
  if (!found.list) return { title: `A list by ${found.owner.name}`, robots: { index: false } };
  return {
    title: `${found.list.name} — a list by ${found.owner.name}`,
    description:
      found.list.description?.slice(0, 200) ??
      `${found.owner.name}'s list of ${found.list.itemsCount} films on Reelrank.`,
    alternates: { canonical: `/u/${found.owner.handle}/lists/${found.list.slug}` },
  };
}

/**
 * A list's page, shared by every reader. A list only some may see is not in it: the reader's
 * browser asks for it (RestrictedList).
 */
export default async function ListPage({ params }: Props) {
  const { handle, slug } = await params;
  const found = await loadList(handle, slug);
  if (!found) return profileNotFound(handle, `/lists/${slug}`);
  const { owner, list, items } = found;
  return (
    <>
      <ProfileNav handle={owner.handle} current="lists" />
      <div className="mt-6">
        {list && items ? (
          <>
            <ListDetails list={list} owner={owner} />
            <ListReaderBar
              listId={list.id}
              handle={owner.handle}
              slug={list.slug}
              likes={list.likesCount}
            />
            <ListFilms items={items.items} ranked={list.ranked} />
            <ListMoreFilms
              handle={owner.handle}
              slug={list.slug}
              ranked={list.ranked}
              next={items.next}
            />
          </>
        ) : (
          <RestrictedList handle={owner.handle} slug={slug} ownerName={owner.name} />
        )}
      </div>
    </>
  );
}
