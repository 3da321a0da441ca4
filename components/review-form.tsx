"use client";
import { useActionState, useEffect, useState } from "react";
import { postReviewAction } from "@/app/films/[slug]/actions";
import type { ReviewCard } from "@/db/queries/reviews";
import { MAX_REVIEW_LENGTH } from "@/lib/limits";
import { StarPicker } from "./star-picker";
import { buttonClass, FormStatus } from "./ui/field";

/** Post or edit the reader's review: rating, text, spoiler flag and watched date. */
export function ReviewForm({
  filmId,
  existing,
  onSaved,
  onCancel,
}: {
  filmId: number;
  existing: ReviewCard | null;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const [state, action, pending] = useActionState(postReviewAction, null);
  const [rating, setRating] = useState<number | null>(existing?.rating ?? null);
  const [body, setBody] = useState(existing?.body ?? "");
  const [spoilers, setSpoilers] = useState(existing?.containsSpoilers ?? false);
  const [watchedOn, setWatchedOn] = useState(existing?.watchedOn ?? "");
  const errors = state && !state.ok ? state.fieldErrors : {};
  useEffect(() => {
    if (state?.ok) onSaved();
  }, [state, onSaved]);

  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="filmId" value={filmId} />
      <StarPicker value={rating} onChange={setRating} error={errors.rating} />
      <div className="flex flex-col gap-1">
        <label htmlFor="review-body" className="text-sm font-medium">
          Your review
        </label>
        <textarea
          id="review-body"
          name="body"
          rows={6}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby="review-body-count"
          className="rounded border border-zinc-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <p id="review-body-count" className="text-xs text-zinc-600 dark:text-zinc-400">
          Optional. {body.length.toLocaleString("en-US")} /{" "}
          {MAX_REVIEW_LENGTH.toLocaleString("en-US")} characters.
        </p>
        {errors.body ? (
          <p className="text-sm text-red-700 dark:text-red-400">{errors.body}</p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-6">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="containsSpoilers"
            checked={spoilers}
            onChange={(e) => setSpoilers(e.target.checked)}
            className="h-4 w-4"
          />
          Contains spoilers
        </label>
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor="review-watched">Watched on (optional)</label>
          <input
            id="review-watched"
            type="date"
            name="watchedOn"
            value={watchedOn}
            onChange={(e) => setWatchedOn(e.target.value)}

            aria-invalid={errors.watchedOn ? true : undefined}
            className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          />
          {errors.watchedOn ? (
            <span className="text-red-700 dark:text-red-400">{errors.watchedOn}</span>
          ) : null}
        </div>
      </div>
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? state.message : null}
      />
      <div className="flex gap-3">
        <button type="submit" className={buttonClass} disabled={pending}>
          Post review
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel} className="rounded px-4 py-2 underline">
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
