"use client";
import Link from "next/link";
import { useSession } from "next-auth/react";
import { useActionState, useState } from "react";

import { commentAction } from "@/app/films/[slug]/actions";
import { MAX_COMMENT_LENGTH } from "@/lib/limits";
import { buttonClass, FormStatus } from "./ui/field";

export function CommentForm({ reviewId }: { reviewId: number }) {
  const { status } = useSession();
  const [state, action, pending] = useActionState(commentAction, null);
  const [body, setBody] = useState("");
  const [handled, setHandled] = useState(state);
  if (state !== handled) {
    // a posted comment clears the box; a refused one keeps the text for another try
    setHandled(state);
    if (state?.ok) setBody("");
  }
  if (status === "loading") return null;
  if (status !== "authenticated") {
    return (
      <p className="mt-4">
        <Link href={`/signin?callbackUrl=/reviews/${reviewId}`} className="underline">
          Sign in
        </Link>{" "}
        to comment.
      </p>
    );
  }
  const error = state && !state.ok ? (state.fieldErrors.body ?? state.error) : null;
  return (
    <form action={action} className="mt-4 flex flex-col gap-2" noValidate>
      <input type="hidden" name="reviewId" value={reviewId} />
      <label htmlFor="comment-body" className="text-sm font-medium">
        Your comment
      </label>
      <textarea
        id="comment-body"
        name="body"
        rows={3}
        value={body}
        onChange={(e) => setBody(e.target.value)}

        maxLength={MAX_COMMENT_LENGTH}
        aria-invalid={error ? true : undefined}
        className="rounded border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <FormStatus error={error} message={state?.ok ? state.message : null} />
      <button type="submit" className={`${buttonClass} self-start`} disabled={pending}>
        Post comment
      </button>
    </form>
  );
}
