"use client";
import Link from "next/link";
import { useSession } from "next-auth/react";
import { useEffect, useState, useTransition } from "react";
import { likeListAction } from "@/app/u/[handle]/lists/[slug]/actions";
import type { ListItemView } from "@/db/queries/lists";
import { ListDetails, ListFilms, type ListDetailsData } from "./list-films";

type ReaderState = { signedIn: false } | { signedIn: true; own: boolean; liked: boolean };

/** The reader's part of a list page: Like (with their like state), or Edit for the owner. */
export function ListReaderBar({
  listId,
  handle,
  slug,
  likes,
}: {
  listId: number;
  handle: string;
  slug: string;
  likes: number;
}) {
  const { status } = useSession();
  const [reader, setReader] = useState<ReaderState | null>(null);
  const [count, setCount] = useState(likes);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (status !== "authenticated") return;
    let current = true;
    void fetch(`/api/me/lists/${listId}`, { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<ReaderState>) : null))
      .then((state) => {
        if (current && state) setReader(state);
      });
    return () => {
      current = false;
    };
  }, [status, listId]);

  if (status === "unauthenticated") {
    return (
      <p className="mt-3 text-sm">
        <Link href={`/signin?callbackUrl=/u/${handle}/lists/${slug}`} className="underline">
          Sign in
        </Link>{" "}
        to like this list.
      </p>
    );
  }
  if (!reader?.signedIn) return <div className="mt-3 min-h-9" />;
  if (reader.own) {
    return (
      <div className="mt-3 flex gap-3">
        <Link
          href={`/u/${handle}/lists/${slug}/edit`}
          className="rounded border border-zinc-300 px-3 py-1.5 text-sm font-medium no-underline hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Edit list
        </Link>
      </div>
    );
  }
  const like = () =>
    startTransition(async () => {
      const result = await likeListAction(null, { listId, liked: !reader.liked });
      if (result.ok) {
        setReader({ ...reader, liked: result.data.liked });
        setCount(result.data.likes);
        setError(null);
      } else setError(result.error);
    });
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={like}
        disabled={pending}
        aria-pressed={reader.liked}
        className="rounded border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 aria-pressed:border-brand-600 aria-pressed:bg-brand-50 dark:border-zinc-700 dark:hover:bg-zinc-800 dark:aria-pressed:bg-zinc-800"
      >
        {reader.liked ? "Liked" : "Like"} ({count})
      </button>
      <span role="status" className="text-sm text-red-700 dark:text-red-400">
        {error}
      </span>
    </div>
  );
}

type ItemsPage = { items: ListItemView[]; next: number | null };
type ListJson =
  | {
      visible: true;
      list: ListDetailsData & { id: number; slug: string };
      owner: { handle: string; name: string };
      items: ItemsPage;
    }
  | { visible: false; signedIn: boolean; audience: string | null };

async function fetchList(handle: string, slug: string, after: number): Promise<ListJson | null> {
  const response = await fetch(`/api/u/${handle}/lists/${slug}?after=${after}`, {
    cache: "no-store",
  });
  if (response.status === 404) return null;
  return (await response.json()) as ListJson;
}

/** "Show more films" for a list longer than one page. */
export function ListMoreFilms({
  handle,
  slug,
  ranked,
  next,
}: {
  handle: string;
  slug: string;
  ranked: boolean;
  next: number | null;
}) {
  const [items, setItems] = useState<ListItemView[]>([]);
  const [after, setAfter] = useState(next);
  const [pending, startTransition] = useTransition();
  const more = () =>
    startTransition(async () => {
      if (after == null) return;
      const page = await fetchList(handle, slug, after);
      if (page?.visible) {
        setItems((i) => [...i, ...page.items.items]);
        setAfter(page.items.next);
      }
    });
  return (
    <>
      {items.length ? <ListFilms items={items} ranked={ranked} /> : null}
      {after != null ? (
        <button
          type="button"
          onClick={more}
          disabled={pending}
          className="mt-4 rounded border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {pending ? "Loading…" : "Show more films"}
        </button>
      ) : null}
    </>
  );
}

/**
 * A list the shared page could not show (private, or the owner shows lists to followers or to
 * nobody): fetched for this reader, shown as the shared page shows a public one, or a sentence
 * saying who may see it.
 */
export function RestrictedList({
  handle,
  slug,
  ownerName,
}: {
  handle: string;
  slug: string;
  ownerName: string;
}) {
  const { status } = useSession();
  const [data, setData] = useState<ListJson | null | undefined>(undefined);
  useEffect(() => {
    if (status === "loading") return;
    let current = true;
    void fetchList(handle, slug, 0).then((d) => {
      if (current) setData(d);
    });
    return () => {
      current = false;
    };
  }, [status, handle, slug]);

  if (data === undefined) return <p className="mt-4">Loading the list…</p>;
  if (data === null) return <h1 className="mt-4 text-2xl font-bold">No such list</h1>;
  if (!data.visible) {
    return (
      <>
        <h1 className="mt-4 text-2xl font-bold">A list by {ownerName}</h1>
        <p className="mt-2">
          {data.audience == null
            ? "This list is private: only its owner can see it."
            : `${ownerName} shows lists to: ${data.audience}.`}{" "}
          {!data.signedIn ? (
            <Link href={`/signin?callbackUrl=/u/${handle}/lists/${slug}`} className="underline">
              Sign in
            </Link>
          ) : null}
        </p>
      </>
    );
  }
  return (
    <>
      <ListDetails list={data.list} owner={data.owner} />
      <ListReaderBar
        listId={data.list.id}
        handle={handle}
        slug={slug}
        likes={data.list.likesCount}
      />
      <ListFilms items={data.items.items} ranked={data.list.ranked} />
      <ListMoreFilms handle={handle} slug={slug} ranked={data.list.ranked} next={data.items.next} />
    </>
  );
}
