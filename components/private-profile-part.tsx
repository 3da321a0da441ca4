"use client";
import { useSession } from "next-auth/react";
import { useEffect, useState, useTransition } from "react";
import type { DiaryEntryView, WatchedFilm } from "@/db/queries/diary";
import type { WatchlistItem } from "@/db/queries/watchlist";
import {
  DiaryEntries,
  hiddenSentence,
  WatchedFilms,
  WatchlistFilms,
  type PartKind,
} from "./diary-entries";

type Page =
  | { kind: "diary"; rows: DiaryEntryView[]; next: string | null }
  | { kind: "films"; rows: WatchedFilm[]; next: string | null }
  | { kind: "watchlist"; rows: WatchlistItem[]; next: string | null };

type Answer =
  | {
      visible: true;
      entries?: DiaryEntryView[];
      films?: WatchedFilm[];
      items?: WatchlistItem[];
      next: string | null;
    }
  | { visible: false; audience: string };

function toPage(part: PartKind, a: Extract<Answer, { visible: true }>): Page {
  if (part === "diary") return { kind: "diary", rows: a.entries ?? [], next: a.next };
  if (part === "films") return { kind: "films", rows: a.films ?? [], next: a.next };
  return { kind: "watchlist", rows: a.items ?? [], next: a.next };
}

async function fetchPart(
  handle: string,
  part: PartKind,
  cursor: string | null,
): Promise<Answer | null> {
  const q = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
  const response = await fetch(`/api/u/${handle}/${part}${q}`, { cache: "no-store" });
  if (response.status !== 200 && response.status !== 403) return null;
  return (await response.json()) as Answer;
}

/**
 * A diary, films watched or watchlist its owner shows to followers or to themselves only: the
 * cached page carries none of it, and the browser asks for it with the reader's session.
 */
export function PrivateProfilePart({
  handle,
  part,
  audience,
}: {
  handle: string;
  part: PartKind;
  audience: string;
}) {
  const { status } = useSession();
  const [page, setPage] = useState<Page | null>(null);
  const [refused, setRefused] = useState(false);
  const [loading, startLoading] = useTransition();

  useEffect(() => {
    if (status !== "authenticated") return;
    let current = true;
    void fetchPart(handle, part, null).then((answer) => {
      if (!current || !answer) return;
      if (answer.visible) setPage(toPage(part, answer));
      else setRefused(true);
    });
    return () => {
      current = false;
    };
  }, [status, handle, part]);

  if (status === "unauthenticated" || refused)
    return <p className="mt-4">{hiddenSentence(part, handle, audience)}</p>;
  if (!page) return <p className="mt-4 text-zinc-600 dark:text-zinc-400">Loading…</p>;

  const older = () =>
    startLoading(async () => {
      const answer = await fetchPart(handle, part, page.next);
      if (!answer?.visible) return;
      const more = toPage(part, answer);
      setPage({ ...more, rows: [...page.rows, ...more.rows] } as Page);
    });

  return (
    <>
      {page.kind === "diary" ? (
        <DiaryEntries entries={page.rows} ownerHandle={handle} />
      ) : page.kind === "films" ? (
        <WatchedFilms films={page.rows} />
      ) : (
        <WatchlistFilms items={page.rows} />
      )}
      {page.next ? (
        <button
          type="button"
          onClick={older}
          disabled={loading}
          className="mt-4 rounded border border-zinc-300 px-4 py-2 dark:border-zinc-700"
        >
          {part === "diary" ? "Older" : "More"}
        </button>
      ) : null}
    </>
  );
}
