import Link from "next/link";
import type { ListItemView } from "@/db/queries/lists";
import { formatDate, plural, titleWithYear } from "@/lib/format";

/** What a list's page shows about the list itself; the same for the shared page and the fetched one. */
export type ListDetailsData = {
  name: string;
  description: string | null;
  ranked: boolean;
  isPrivate: boolean;
  itemsCount: number;
  likesCount: number;
  updatedAt: string;
};

/** The list's name, owner, description and counts. */
export function ListDetails({
  list,
  owner,
}: {
  list: ListDetailsData;
  owner: { handle: string; name: string };
}) {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight break-words">{list.name}</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        A {list.ranked ? "ranked " : ""}list by{" "}
        <Link href={`/u/${owner.handle}`} className="underline">
          {owner.name}
        </Link>{" "}
        · {plural(list.itemsCount, "film")} ·{" "}
        <span data-testid="list-likes">{plural(list.likesCount, "like")}</span> · updated{" "}
        <time dateTime={list.updatedAt}>{formatDate(list.updatedAt.slice(0, 10))}</time>
        {list.isPrivate ? " · private" : ""}
      </p>
      {list.description ? (
        // stored exactly; React escapes it, and pre-wrap keeps the owner's paragraphs
        <div className="mt-3 max-w-prose whitespace-pre-wrap break-words">{list.description}</div>
      ) : null}
    </>
  );
}

/** A list's films in order, numbered when the list is ranked. */
export function ListFilms({ items, ranked }: { items: ListItemView[]; ranked: boolean }) {
  if (items.length === 0) return <p className="mt-4">No films on this list yet.</p>;
  const Tag = ranked ? "ol" : "ul";
  return (
    <Tag className="mt-4 flex flex-col gap-3" aria-label="Films" data-testid="list-films">
      {items.map((item) => (
        <li
          key={item.filmId}
          className="flex gap-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
        >
          {ranked ? (
            <span
              aria-hidden="true"
              className="w-8 shrink-0 text-right text-xl font-bold text-zinc-600 tabular-nums dark:text-zinc-400"
            >
              {item.position}
            </span>
          ) : null}
          <div className="min-w-0">
            <Link href={`/films/${item.slug}`} className="font-medium hover:underline">
              {ranked ? <span className="sr-only">{item.position}. </span> : null}
              {titleWithYear(item.title, item.year)}
            </Link>
            {item.bestRank != null ? (
              <span className="ml-2 text-sm text-zinc-600 dark:text-zinc-400">
                Best Netflix Top 10 rank: #{item.bestRank}
              </span>
            ) : null}
            {item.note ? (
              <p className="mt-1 whitespace-pre-wrap break-words text-sm">{item.note}</p>
            ) : null}
          </div>
        </li>
      ))}
    </Tag>
  );
}

export type ListCardData = {
  slug: string;
  name: string;
  description: string | null;
  ranked: boolean;
  isPrivate: boolean;
  itemsCount: number;
  likesCount: number;
  updatedAt: string;
  firstTitles: string[];
};

/** A user's lists, each with its first films. */
export function ListCards({ lists, handle }: { lists: ListCardData[]; handle: string }) {
  return (
    <ul className="mt-4 flex flex-col gap-3">
      {lists.map((l) => (
        <li key={l.slug} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <h2 className="font-semibold">
            <Link href={`/u/${handle}/lists/${l.slug}`} className="hover:underline">
              {l.name}
            </Link>
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {l.ranked ? "Ranked · " : ""}
            {plural(l.itemsCount, "film")} · {plural(l.likesCount, "like")}
            {l.isPrivate ? " · private" : ""}
          </p>
          {l.firstTitles.length ? (
            <p className="mt-1 text-sm break-words">
              {l.firstTitles.join(", ")}
              {l.itemsCount > l.firstTitles.length ? "…" : ""}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
