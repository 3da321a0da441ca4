"use client";
import Link from "next/link";
import { useSession } from "next-auth/react";
import { useEffect, useState, useTransition } from "react";
import { ListCards, type ListCardData } from "./list-films";

type ListsJson =
  | { visible: true; own: boolean; lists: ListCardData[]; next: string | null }
  | { visible: false; audience: string };

async function fetchLists(handle: string, query: Record<string, string>) {
  const response = await fetch(`/api/u/${handle}/lists?${new URLSearchParams(query)}`, {
    cache: "no-store",
  });
  if (response.status === 404) return null;
  return (await response.json()) as ListsJson;
}

const buttonClass =
  "rounded border border-zinc-300 px-3 py-1.5 text-sm font-medium no-underline hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** "More lists": the next pages of a user's lists, as this reader may see them. */
export function MoreLists({ handle, next }: { handle: string; next: string | null }) {
  const [lists, setLists] = useState<ListCardData[]>([]);
  const [cursor, setCursor] = useState(next);
  const [pending, startTransition] = useTransition();
  const more = () =>
    startTransition(async () => {
      if (!cursor) return;
      const page = await fetchLists(handle, { cursor });
      if (page?.visible) {
        setLists((l) => [...l, ...page.lists]);
        setCursor(page.next);
      }
    });
  return (
    <>
      {lists.length ? <ListCards lists={lists} handle={handle} /> : null}
      {cursor ? (
        <button type="button" onClick={more} disabled={pending} className={`mt-4 ${buttonClass}`}>
          {pending ? "Loading…" : "More lists"}
        </button>
      ) : null}
    </>
  );
}

/** The owner's part of their lists page: "New list", and their private lists. */
export function ListsOwnerBar({ handle, showPrivate }: { handle: string; showPrivate: boolean }) {
  const { data, status } = useSession();
  const own = status === "authenticated" && data.user.handle.toLowerCase() === handle.toLowerCase();
  const [page, setPage] = useState<{ lists: ListCardData[]; next: string | null } | null>(null);
  useEffect(() => {
    if (!own || !showPrivate) return;
    let current = true;
    void fetchLists(handle, { private: "only" }).then((p) => {
      if (current && p?.visible) setPage(p);
    });
    return () => {
      current = false;
    };
  }, [own, showPrivate, handle]);
  if (!own) return null;
  return (
    <>
      <p className="mt-4">
        <Link href="/lists/new" className={buttonClass}>
          New list
        </Link>
      </p>
      {page && page.lists.length ? (
        <section aria-labelledby="private-lists" className="mt-6">
          <h2 id="private-lists" className="text-xl font-semibold">
            Your private lists
          </h2>
          <ListCards lists={page.lists} handle={handle} />
        </section>
      ) : null}
    </>
  );
}

/** A user's lists when they show lists to followers or to nobody: asked for by this reader. */
export function RestrictedLists({ handle, ownerName }: { handle: string; ownerName: string }) {
  const { status } = useSession();
  const [data, setData] = useState<ListsJson | null | undefined>(undefined);
  useEffect(() => {
    if (status === "loading") return;
    let current = true;
    void fetchLists(handle, {}).then((d) => {
      if (current) setData(d);
    });
    return () => {
      current = false;
    };
  }, [status, handle]);
  if (data === undefined) return <p className="mt-4">Loading lists…</p>;
  if (data === null) return null;
  if (!data.visible)
    return (
      <p className="mt-4">
        {ownerName} shows lists to: {data.audience}.
      </p>
    );
  if (data.lists.length === 0) return <p className="mt-4">No lists yet.</p>;
  return (
    <>
      <ListCards lists={data.lists} handle={handle} />
      <MoreLists handle={handle} next={data.next} />
    </>
  );
}
