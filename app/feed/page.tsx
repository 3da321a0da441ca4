import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { pageActor } from "@/app/server-action";
import { ReviewCard } from "@/components/review-card";
import { Stars } from "@/components/ui/stars";
import { getDb } from "@/db/index";
import {
  decodeFeedCursor,
  FEED_PAGE_SIZE,
  listFeed,
  suggestPeopleToFollow,
  type FeedItem,
} from "@/db/queries/feed";
import { formatDate, plural, titleWithYear } from "@/lib/format";

export const metadata: Metadata = {
  title: "Your feed",
  robots: { index: false },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Per reader by nature: rendered for each request, never cached. */
export default function FeedPage({ searchParams }: Props) {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Your feed</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        Reviews, diary logs and lists from the people you follow, newest first.
      </p>
      <Suspense fallback={<p className="mt-4">Loading your feed…</p>}>
        <Feed searchParams={searchParams} />
      </Suspense>
    </>
  );
}

async function Feed({ searchParams }: Props) {
  const actor = await pageActor("/feed");
  const after = (await searchParams).after;
  const cursor = typeof after === "string" ? decodeFeedCursor(after) : null;
  const db = await getDb();
  const { items, likedReviewIds, next } = await listFeed(db, {
    userId: actor.id,
    cursor,
    limit: FEED_PAGE_SIZE,
  });
  if (items.length === 0 && !cursor) {
    const people = await suggestPeopleToFollow(db, { userId: actor.id, limit: 8 });
    return (
      <section aria-labelledby="feed-empty" className="mt-6">
        <h2 id="feed-empty" className="text-xl font-semibold">
          Nothing here yet
        </h2>
        <p className="mt-2">Follow people to see their reviews, diaries and lists here.</p>
        {people.length > 0 ? (
          <>
            <h3 className="mt-4 font-medium">Active reviewers</h3>
            <ul className="mt-2 flex flex-col gap-1">
              {people.map((p) => (
                <li key={p.handle}>
                  <Link href={`/u/${p.handle}`} className="font-medium underline">
                    {p.name}
                  </Link>{" "}
                  <span className="text-zinc-600 dark:text-zinc-400">
                    @{p.handle} · {plural(p.reviews, "review")} lately
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    );
  }
  const liked = new Set(likedReviewIds);
  return (
    <>
      <ol className="mt-6 flex flex-col gap-4">
        {items.map((item) => (
          <li key={`${item.kind}-${item.id}`}>
            <Item item={item} liked={liked} />
          </li>
        ))}
      </ol>
      {items.length === 0 ? <p className="mt-4">Nothing older.</p> : null}
      {next ? (
        <p className="mt-6">
          <Link href={`/feed?after=${next}`} className="underline">
            Older
          </Link>
        </p>
      ) : null}
    </>
  );
}

function Who({ author }: { author: { handle: string; name: string } }) {
  return (
    <Link href={`/u/${author.handle}`} className="font-medium underline">
      {author.name}
    </Link>
  );
}

function Item({ item, liked }: { item: FeedItem; liked: Set<number> }) {
  if (item.kind === "review") {
    return (
      <div data-author-id={item.review.author.id}>
        <p className="mb-1 text-sm">
          <Who author={item.review.author} /> reviewed
        </p>
        <ReviewCard review={item.review} likes={{ liked: liked.has(item.review.id) }} showFilm />
      </div>
    );
  }
  if (item.kind === "diary") {
    return (
      <p
        data-author-id={item.author.id}
        className="flex flex-wrap items-center gap-x-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      >
        <Who author={item.author} /> {item.rewatch ? "watched again" : "watched"}{" "}
        <Link href={`/films/${item.film.slug}`} className="underline">
          {titleWithYear(item.film.title, item.film.year)}
        </Link>{" "}
        on <time dateTime={item.watchedOn}>{formatDate(item.watchedOn)}</time>
        {item.rating ? <Stars halfStars={item.rating} /> : null}
      </p>
    );
  }
  return (
    <p
      data-author-id={item.author.id}
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <Who author={item.author} /> made a {item.list.ranked ? "ranked " : ""}list:{" "}
      <Link href={`/u/${item.author.handle}/lists/${item.list.slug}`} className="underline">
        {item.list.name}
      </Link>{" "}
      <span className="text-zinc-600 dark:text-zinc-400">
        ({plural(item.list.itemsCount, "film")})
      </span>
    </p>
  );
}
