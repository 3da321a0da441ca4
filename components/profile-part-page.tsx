import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { loadDiary, loadFilmsWatched, loadWatchlist } from "@/db/cached";
import { DiaryEntries, WatchedFilms, WatchlistFilms, type PartKind } from "./diary-entries";
import { PrivateProfilePart } from "./private-profile-part";
import { ProfileNav } from "./profile-nav";
import { profileNotFound } from "@/app/u/[handle]/profile-not-found";

function load(part: PartKind, handle: string, cursor: string | null) {
  return part === "diary"
    ? loadDiary(handle, cursor)
    : part === "films"
      ? loadFilmsWatched(handle, cursor)
      : loadWatchlist(handle, cursor);
}

const heading = (part: PartKind, name: string) =>
  part === "diary"
    ? `${name}'s diary`
    : part === "films"
      ? `Films ${name} watched`
      : `${name}'s watchlist`;

export async function partMetadata(
  part: PartKind,
  handle: string,
  cursor: string | null,
): Promise<Metadata> {
  const result = await load(part, handle, cursor);
  if (!result) return { title: "Profile not found" };
  return {
    title: `${heading(part, result.owner.name)} (@${result.owner.handle})`,
    alternates: { canonical: `/u/${result.owner.handle}/${part}` },
    // later pages and parts not shown to everyone are not for search engines
    ...(cursor || !result.visible ? { robots: { index: false } } : {}),
  };
}

/**
 * A diary, films watched or watchlist page, shared by every reader and cached: the entries when
 * the owner shows them to everyone, else a small client part that asks with the reader's session.
 * Later pages live at `/u/<handle>/<part>/<cursor>`, a path segment, so they are cached too.
 */
export async function ProfilePartPage({
  part,
  handle,
  cursor,
}: {
  part: PartKind;
  handle: string;
  cursor: string | null;
}) {
  const result = await load(part, handle, cursor);
  if (!result) return profileNotFound(handle, cursor ? `/${part}/${cursor}` : `/${part}`);
  const { owner } = result;
  let body: ReactNode;
  let next: string | null = null;
  if (!result.visible) {
    body = <PrivateProfilePart handle={owner.handle} part={part} audience={result.audience} />;
  } else if ("entries" in result.data) {
    body = <DiaryEntries entries={result.data.entries} ownerHandle={owner.handle} />;
    next = result.data.next;
  } else if ("films" in result.data) {
    body = <WatchedFilms films={result.data.films} />;
    next = result.data.next;
  } else {
    body = <WatchlistFilms items={result.data.items} />;
    next = result.data.next;
  }
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">{heading(part, owner.name)}</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        <Link href={`/u/${owner.handle}`}>@{owner.handle}</Link>
      </p>
      <ProfileNav handle={owner.handle} current={part} />
      {body}
      {next || cursor ? (
        <nav aria-label="Pages" className="mt-6 flex gap-4">
          {cursor ? <Link href={`/u/${owner.handle}/${part}`}>Newest</Link> : null}
          {next ? (
            <Link href={`/u/${owner.handle}/${part}/${next}`} rel="next">
              {part === "diary" ? "Older" : "More"}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
