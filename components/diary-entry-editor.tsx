"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { deleteLogAction, editLogAction } from "@/app/diary/[entryId]/edit/actions";
import type { OwnDiaryEntry } from "@/db/queries/diary";
import { EARLIEST_WATCH_DATE, shortDate, TAGS_HINT } from "@/lib/diary";
import { StarPicker } from "./star-picker";
import { buttonClass, Field, FormStatus } from "./ui/field";

const secondaryButton = "rounded border border-zinc-300 px-4 py-2 dark:border-zinc-700";

/** The owner's form for one diary entry: change its date, rating, rewatch mark and tags, or delete it. */
export function DiaryEntryEditor({
  entry,
  diaryPath,
  latestDate,
}: {
  entry: OwnDiaryEntry;
  /** Where the owner goes back to after saving or deleting. */
  diaryPath: string;
  /** The latest date a watch may have, as the server reckons it. */
  latestDate: string;
}) {
  const router = useRouter();
  const [result, save, saving] = useActionState(editLogAction, null);
  const [rating, setRating] = useState<number | null>(entry.rating);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [deleting, startDelete] = useTransition();
  const [, startSave] = useTransition();
  const keepButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const askedOnce = useRef(false);
  const errors = result && !result.ok ? result.fieldErrors : {};

  useEffect(() => {
    if (result?.ok) router.push(diaryPath);
  }, [result, router, diaryPath]);

  // the focused button is replaced by the question and back: keep keyboard users in place
  useEffect(() => {
    if (confirming) keepButton.current?.focus();
    else if (askedOnce.current) deleteButton.current?.focus();
    if (confirming) askedOnce.current = true;
  }, [confirming]);

  // submitted by hand so that a refused form keeps what the owner typed (a form action resets it)
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startSave(() => save(data));
  };

  const remove = () =>
    startDelete(async () => {
      const answer = await deleteLogAction(null, { entryId: String(entry.id) });
      if (!answer.ok) {
        setDeleteError(answer.error);
        setConfirming(false);
        return;
      }
      router.push(diaryPath);
    });

  const when = entry.watchedOn ? ` on ${shortDate(entry.watchedOn)}` : "";
  return (
    <>
      <form onSubmit={onSubmit} className="mt-6 flex max-w-lg flex-col gap-4" noValidate>
        <input type="hidden" name="entryId" value={entry.id} />
        <Field
          id="entry-date"
          label="Date watched"
          name="watchedOn"
          type="date"
          required
          defaultValue={entry.watchedOn ?? ""}
          min={EARLIEST_WATCH_DATE}
          max={latestDate}
          error={errors.watchedOn}
        />
        <StarPicker value={rating} onChange={setRating} error={errors.rating} />
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="rewatch"
            defaultChecked={entry.rewatch}
            className="h-4 w-4"
          />
          Rewatch (I&apos;d seen it before)
        </label>
        <Field
          id="entry-tags"
          label="Tags"
          name="tags"
          type="text"
          autoComplete="off"
          defaultValue={entry.tags.join(", ")}
          hint={TAGS_HINT}
          error={errors.tags}
        />
        <FormStatus error={result && !result.ok ? result.error : null} />
        <div>
          <button type="submit" className={buttonClass} disabled={saving || deleting}>
            Save changes
          </button>
        </div>
      </form>

      <section aria-labelledby="entry-delete-heading" className="mt-10 max-w-lg">
        <h2 id="entry-delete-heading" className="text-xl font-semibold">
          Delete this entry
        </h2>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          Your review of the film, if any, stays.
        </p>
        {confirming ? (
          <div
            role="group"
            aria-labelledby="entry-delete-question"
            className="mt-2 flex flex-wrap items-center gap-2"
          >
            <span id="entry-delete-question">
              Delete your entry for {entry.film.title}
              {when}?
            </span>
            <button
              type="button"
              onClick={remove}
              disabled={deleting}
              className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60"
            >
              Yes, delete it
            </button>
            <button
              ref={keepButton}
              type="button"
              onClick={() => setConfirming(false)}
              className={secondaryButton}
            >
              Keep it
            </button>
          </div>
        ) : (
          <button
            ref={deleteButton}
            type="button"
            onClick={() => {
              setDeleteError(null);
              setConfirming(true);
            }}
            disabled={saving || deleting}
            className={`mt-2 ${secondaryButton}`}
          >
            Delete entry
          </button>
        )}
        <FormStatus error={deleteError} />
      </section>
    </>
  );
}
