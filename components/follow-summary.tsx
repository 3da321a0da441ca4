import Link from "next/link";
import { loadFollowCounts } from "@/db/cached";
import { plural } from "@/lib/format";
import { FollowButtons } from "./follow-buttons";

/** A profile's follower and following counts, linked to the lists, with the reader's buttons. */
export async function FollowSummary({ handle }: { handle: string }) {
  const counts = await loadFollowCounts(handle);
  if (!counts) return null;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
      {/* not prefetched: a prefetch racing a follow could keep the list from before it */}
      <p className="flex gap-4 text-sm">
        <Link
          href={`/u/${handle}/followers`}
          prefetch={false}
          className="hover:underline"
          data-testid="followers-count"
        >
          <span className="font-semibold">{plural(counts.followers, "follower")}</span>
        </Link>
        <Link href={`/u/${handle}/following`} prefetch={false} className="hover:underline">
          <span className="font-semibold">{counts.following}</span> following
        </Link>
      </p>
      <FollowButtons handle={handle} />
    </div>
  );
}
