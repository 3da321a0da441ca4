import type { CommentView } from "@/db/queries/comments";
import { formatDate } from "@/lib/format";
import { CommentControls } from "./comment-controls";
import { AuthorLink } from "@/components/author-link";

/**
 * A review's comments with their replies one level below. Each comment carries its author's id
 * (`data-author-id`) so a reader who blocked the author does not see it.
 */
export function CommentThread({
  reviewId,
  comments,
}: {
  reviewId: number;
  comments: CommentView[];
}) {
  const ids = new Set(comments.map((c) => c.id));
  const repliesTo = new Map<number, CommentView[]>();
  const top: CommentView[] = [];
  for (const c of comments) {
    // a reply whose comment moderation hid stands on its own
    if (c.parentId != null && ids.has(c.parentId)) {
      repliesTo.set(c.parentId, [...(repliesTo.get(c.parentId) ?? []), c]);
    } else top.push(c);
  }
  return (
    <ol className="mt-3 flex flex-col gap-3">
      {top.map((c) => (
        <CommentItem
          key={c.id}
          reviewId={reviewId}
          comment={c}
          replies={repliesTo.get(c.id) ?? []}
        />
      ))}
    </ol>
  );
}

function CommentItem({
  reviewId,
  comment: c,
  replies,
  isReply = false,
}: {
  reviewId: number;
  comment: CommentView;
  replies: CommentView[];
  isReply?: boolean;
}) {
  return (
    <li
      id={`comment-${c.id}`}
      data-author-id={c.deleted ? undefined : c.author.id}
      className={
        isReply
          ? "border-l-2 border-zinc-200 pl-3 dark:border-zinc-700"
          : "rounded border border-zinc-200 p-3 dark:border-zinc-800"
      }
    >
      {c.deleted ? (
        <p className="text-sm italic text-zinc-600 dark:text-zinc-400">Comment deleted</p>
      ) : (
        <>
          <p className="text-sm">
            <AuthorLink author={c.author} className="font-medium hover:underline" />{" "}
            <span className="text-zinc-600 dark:text-zinc-400">
              {c.author.handle ? `@${c.author.handle} · ` : ""}
              <time dateTime={c.createdAt}>{formatDate(c.createdAt.slice(0, 10))}</time>
              {c.editedAt ? " · edited" : ""}
            </span>
          </p>
          <div className="mt-1 whitespace-pre-wrap break-words">{c.body}</div>
          <CommentControls
            reviewId={reviewId}
            commentId={c.id}
            author={{ handle: c.author.handle, name: c.author.name }}
            body={c.body}
          />
        </>
      )}
      {replies.length > 0 ? (
        <ol
          className="mt-3 flex flex-col gap-3"
          aria-label={`Replies${c.deleted ? "" : ` to ${c.author.name}`}`}
        >
          {replies.map((r) => (
            <CommentItem key={r.id} reviewId={reviewId} comment={r} replies={[]} isReply />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
