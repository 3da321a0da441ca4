import type { Metadata } from "next";
import Link from "next/link";
import { AuthorLink } from "@/components/author-link";
import { Suspense } from "react";
import { pageActor } from "@/app/server-action";
import { MarkAllRead, MarkRead } from "@/components/notification-controls";
import { getDb } from "@/db/index";
import {
  listNotifications,
  NOTIFICATIONS_PAGE_SIZE,
  type NotificationView,
} from "@/db/queries/notifications";
import { formatDate } from "@/lib/format";
import { reasonLabel } from "@/lib/moderation";

export const metadata: Metadata = {
  title: "Notifications",
  robots: { index: false },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Per reader by nature: rendered for each request, never cached. */
export default function NotificationsPage({ searchParams }: Props) {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Notifications</h1>
      <Suspense fallback={<p className="mt-4">Loading your notifications…</p>}>
        <Notifications searchParams={searchParams} />
      </Suspense>
    </>
  );
}

async function Notifications({ searchParams }: Props) {
  const actor = await pageActor("/notifications");
  const after = (await searchParams).after;
  const { notifications, next } = await listNotifications(await getDb(), {
    userId: actor.id,
    cursor: typeof after === "string" ? after : null,
    limit: NOTIFICATIONS_PAGE_SIZE,
  });
  const unread = notifications.some((n) => !n.read);
  return (
    <>
      {unread ? (
        <div className="mt-4">
          <MarkAllRead />
        </div>
      ) : null}
      {notifications.length === 0 ? (
        <p className="mt-4 text-zinc-700 dark:text-zinc-300">
          {after
            ? "No older notifications."
            : "Nothing yet. When someone likes or answers your reviews, or follows you, you will see it here."}
        </p>
      ) : (
        <ol className="mt-4 flex flex-col gap-2">
          {notifications.map((n) => (
            <li
              key={n.id}
              className={`flex flex-wrap items-center gap-x-3 gap-y-1 rounded border p-3 ${
                n.read
                  ? "border-zinc-200 dark:border-zinc-800"
                  : "border-brand-600 bg-brand-50 dark:bg-zinc-900"
              }`}
            >
              {n.read ? null : (
                <span className="rounded bg-brand-600 px-1.5 text-xs font-semibold text-white">
                  New
                </span>
              )}
              <span className="flex-1">
                <Sentence n={n} />
              </span>
              <time dateTime={n.createdAt} className="text-sm text-zinc-600 dark:text-zinc-400">
                {formatDate(n.createdAt.slice(0, 10))}
              </time>
              {n.read ? null : <MarkRead notificationId={n.id} />}
            </li>
          ))}
        </ol>
      )}
      {next ? (
        <p className="mt-4">
          <Link href={`/notifications?after=${next}`} className="underline">
            Older notifications
          </Link>
        </p>
      ) : null}
    </>
  );
}

const SANCTIONS: Record<string, string> = {
  sanction_warn: "A moderator warned you",
  sanction_silence: "A moderator silenced your account",
  sanction_suspend: "A moderator suspended your account",
  sanction_ban: "A moderator banned your account",
};

/** Who did what, on which film, with a link to it. */
function Sentence({ n }: { n: NotificationView }) {
  const who = n.actor ? <AuthorLink author={n.actor} className="font-medium underline" /> : null;
  const film = n.film?.title ?? "a film";
  const reviewLink = (text: string) =>
    n.reviewId ? (
      <Link
        href={`/reviews/${n.reviewId}${n.commentId ? `#comment-${n.commentId}` : ""}`}
        className="underline"
      >
        {text}
      </Link>
    ) : (
      text
    );
  const data = n.data ?? {};
  const reason = typeof data.reason === "string" ? reasonLabel(data.reason) : "";
  switch (n.kind) {
    case "review_liked":
      return (
        <>
          {who} liked {reviewLink(`your review of ${film}`)}
        </>
      );
    case "review_commented":
      return (
        <>
          {who} commented on {reviewLink(`your review of ${film}`)}
        </>
      );
    case "comment_replied":
      return (
        <>
          {who} replied to {reviewLink(`your comment on ${film}`)}
        </>
      );
    case "followed":
      return <>{who} followed you</>;
    case "list_liked":
      return (
        <>
          {who} liked your list{" "}
          {n.list ? (
            <Link href={`/u/${n.list.ownerHandle}/lists/${n.list.slug}`} className="underline">
              {n.list.name}
            </Link>
          ) : null}
        </>
      );
    case "moderation": {
      const action = typeof data.action === "string" ? data.action : "";
      const what =
        data.targetType === "comment" ? `your comment on ${film}` : `your review of ${film}`;
      const What = what.replace(/^y/, "Y");
      if (action in SANCTIONS)
        return (
          <>
            {SANCTIONS[action]}
            {reason ? `: ${reason}` : ""}.
          </>
        );
      if (action === "lift_sanction") return <>A moderator lifted a restriction on your account.</>;
      if (data.status === "visible") return <>A moderator restored {reviewLink(what)}.</>;
      if (data.status === "removed")
        return (
          <>
            A moderator removed {reviewLink(what)}
            {reason ? `: ${reason}` : ""}.
          </>
        );
      if (data.reason === "reports")
        return (
          <>
            {reviewLink(What)} is hidden: reported by several readers, pending review by a
            moderator.
          </>
        );
      return (
        <>
          A moderator hid {reviewLink(what)}
          {reason ? `: ${reason}` : ""}.
        </>
      );
    }
  }
}
