import Link from "next/link";
import { loadFollows } from "@/db/cached";
import { formatDate, plural } from "@/lib/format";
import { ProfileNav } from "./profile-nav";
import { profileNotFound } from "@/app/u/[handle]/profile-not-found";

/** A page of a user's followers or of the people they follow; shared and cached per page. */
export async function FollowList({
  handle,
  side,
  cursor,
}: {
  handle: string;
  side: "followers" | "following";
  cursor: string | null;
}) {
  const data = await loadFollows(handle, side, cursor);
  if (!data) return profileNotFound(handle, cursor ? `/${side}/after/${cursor}` : `/${side}`);
  const { user, counts, people, next } = data;
  const total = side === "followers" ? counts.followers : counts.following;
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">
        <Link href={`/u/${user.handle}`} className="hover:underline">
          {user.name}
        </Link>
      </h1>
      <p className="text-zinc-600 dark:text-zinc-400">@{user.handle}</p>
      <ProfileNav handle={user.handle} current={side} />
      <h2 className="mt-6 text-xl font-semibold">
        {side === "followers"
          ? plural(total, "follower")
          : `Following ${plural(total, "person", "people")}`}
      </h2>
      {people.length === 0 ? (
        <p className="mt-3 text-zinc-700 dark:text-zinc-300">
          {cursor
            ? "No more."
            : side === "followers"
              ? "Nobody follows them yet."
              : "They follow nobody yet."}
        </p>
      ) : (
        <ul className="mt-3 flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800">
          {people.map((p) => (
            <li
              key={p.id}
              data-author-id={p.id}
              className="flex flex-wrap items-baseline gap-x-3 py-2"
            >
              <Link href={`/u/${p.handle}`} className="font-medium hover:underline">
                {p.name}
              </Link>
              <span className="text-zinc-600 dark:text-zinc-400">@{p.handle}</span>
              <span className="text-sm text-zinc-600 dark:text-zinc-400">
                since <time dateTime={p.since}>{formatDate(p.since.slice(0, 10))}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
      {next ? (
        <p className="mt-4">
          <Link href={`/u/${user.handle}/${side}/after/${next}`} className="underline">
            More {side === "followers" ? "followers" : "people they follow"}
          </Link>
        </p>
      ) : null}
    </>
  );
}
