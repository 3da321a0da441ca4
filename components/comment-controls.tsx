"use client";
import { useSession } from "next-auth/react";
import { useActionState, useRef, useState } from "react";
import { deleteCommentAction, editCommentAction, replyAction } from "@/app/reviews/[id]/actions";
import { ReportButton } from "./report-button";
import { buttonClass, FormStatus } from "./ui/field";

/** lib/validation's MAX_COMMENT_LENGTH; that module carries zod, which stays off the browser. */
const MAX_COMMENT_LENGTH = 2000;

const textareaClass =
  "rounded border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900";

/**
 * Under a comment: Reply for signed-in readers, Edit and Delete for its author, Report for others.
 * What the server answers (refusals included) is announced in place.
 */
export function CommentControls({
  reviewId,
  commentId,
  author,
  body,
}: {
  reviewId: number;
  commentId: number;
  author: { handle: string; name: string };
  body: string;
}) {
  const { data, status } = useSession();
  const [open, setOpen] = useState<"reply" | "edit" | null>(null);
  const [replyState, reply, replying] = useActionState(replyAction, null);
  const [editState, edit, editing] = useActionState(editCommentAction, null);
  const [deleteState, remove, deleting] = useActionState(deleteCommentAction, null);
  const [handled, setHandled] = useState({ replyState, editState });
  const confirmDelete = useRef<HTMLDialogElement>(null);
  if (handled.replyState !== replyState || handled.editState !== editState) {
    setHandled({ replyState, editState });
    if (replyState?.ok || editState?.ok) setOpen(null);
  }
  if (status !== "authenticated") return null;
  const own = data.user.handle === author.handle;
  const id = `comment-${commentId}`;
  const error = (s: typeof replyState | typeof editState | typeof deleteState) =>
    s && !s.ok ? (Object.values(s.fieldErrors)[0] ?? s.error) : null;
  const last =
    [replyState, editState, deleteState].find((s) => s && !s.ok) ??
    [replyState, editState, deleteState].find((s) => s?.ok);

  return (
    <div className="mt-2 text-sm">
      <div className="flex flex-wrap gap-4">
        <button
          type="button"
          className="underline"
          aria-expanded={open === "reply"}
          onClick={() => setOpen(open === "reply" ? null : "reply")}
        >
          Reply
        </button>
        {own ? (
          <>
            <button
              type="button"
              className="underline"
              aria-expanded={open === "edit"}
              onClick={() => setOpen(open === "edit" ? null : "edit")}
            >
              Edit
            </button>
            <button
              type="button"
              className="underline"
              onClick={() => confirmDelete.current?.showModal()}
            >
              Delete
            </button>
          </>
        ) : (
          <ReportButton targetType="comment" targetId={commentId} />
        )}
      </div>
      {open === "reply" ? (
        <form action={reply} className="mt-2 flex flex-col gap-2" noValidate>
          <input type="hidden" name="reviewId" value={reviewId} />
          <input type="hidden" name="parentId" value={commentId} />
          <label htmlFor={`${id}-reply`} className="font-medium">
            Your reply to {author.name}
          </label>
          <textarea
            id={`${id}-reply`}
            name="body"
            rows={3}
            maxLength={MAX_COMMENT_LENGTH}
            className={textareaClass}
            autoFocus
          />
          <button type="submit" className={`${buttonClass} self-start`} disabled={replying}>
            Post reply
          </button>
        </form>
      ) : null}
      {open === "edit" ? (
        <form action={edit} className="mt-2 flex flex-col gap-2" noValidate>
          <input type="hidden" name="commentId" value={commentId} />
          <label htmlFor={`${id}-edit`} className="font-medium">
            Edit your comment
          </label>
          <textarea
            id={`${id}-edit`}
            name="body"
            rows={3}
            defaultValue={body}
            maxLength={MAX_COMMENT_LENGTH}
            className={textareaClass}
            autoFocus
          />
          <button type="submit" className={`${buttonClass} self-start`} disabled={editing}>
            Save
          </button>
        </form>
      ) : null}
      <dialog
        ref={confirmDelete}
        aria-labelledby={`${id}-delete-title`}
        className="m-auto w-full max-w-md rounded-lg p-0 backdrop:bg-black/50 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <form
          action={remove}
          onSubmit={() => confirmDelete.current?.close()}
          className="flex flex-col gap-3 p-5"
        >
          <h2 id={`${id}-delete-title`} className="text-lg font-semibold">
            Delete your comment?
          </h2>
          <p>Replies to it stay, under “Comment deleted”.</p>
          <input type="hidden" name="commentId" value={commentId} />
          <div className="flex gap-3">
            <button
              type="submit"
              disabled={deleting}
              className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800"
            >
              Delete
            </button>
            <button
              type="button"
              className="px-3 underline"
              onClick={() => confirmDelete.current?.close()}
            >
              Cancel
            </button>
          </div>
        </form>
      </dialog>
      <FormStatus
        error={last ? error(last) : null}
        message={last?.ok ? (last.message ?? null) : null}
      />
    </div>
  );
}
