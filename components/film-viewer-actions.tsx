"use client";
import Link from "next/link";
import { useSession } from "next-auth/react";
import { useActionState, useCallback, useEffect, useRef, useState, useTransition } from "react";
import { logWatchAction, watchlistAction } from "@/app/films/[slug]/actions";
import { EARLIEST_WATCH_DATE, shortDate, TAGS_HINT } from "@/lib/diary";
import { announceReaderStateChanged } from "@/lib/reader-events";
import { StarPicker } from "./star-picker";
import { buttonClass, Field, FormStatus } from "./ui/field";

type DiaryState = { timesWatched: number; lastWatchedOn: string | null; onWatchlist: boolean };

/** The browser's calendar day, which is the one the viewer means by "today". */
function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function watchedSentence(s: DiaryState): string | null {
  if (s.timesWatched === 0) return null;
  const last = s.lastWatchedOn ? shortDate(s.lastWatchedOn) : null;
  if (s.timesWatched === 1) return last ? `You watched this on ${last}.` : "You watched this.";
  return `You watched this ${s.timesWatched} times${last ? `, last on ${last}` : ""}.`;
}

/**
 * "Log", "Add to watchlist" and the reader's own state for a film. The film page is shared and
 * cached, so all of this is asked for by the browser after load.
 */
export function FilmViewerActions({ film }: { film: { id: number; slug: string; title: string } }) {
  const { status } = useSession();
  const [state, setState] = useState<DiaryState | null>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [toggling, startToggle] = useTransition();
  const dialog = useRef<HTMLDialogElement>(null);
  const [opened, setOpened] = useState(0);

  useEffect(() => {
    if (status !== "authenticated") return;
    let current = true;
    void fetch(`/api/me/films/${film.slug}`, { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<{ diary?: DiaryState }>) : null))
      .then((body) => {
        if (current && body?.diary) setState(body.diary);
      });
    return () => {
      current = false;
    };
  }, [status, film.slug, version]);

  const onLogged = useCallback(
    (message: string, reviewChanged: boolean) => {
      dialog.current?.close();
      setNotice(message);
      setVersion((v) => v + 1);
      // the rating or text went to the reader's review, which the reviews section shows
      if (reviewChanged) announceReaderStateChanged(film.slug);
    },
    [film.slug],
  );

  if (status === "loading") return <div className="mt-6 h-10" aria-hidden="true" />;
  if (status === "unauthenticated") {
    const signIn = `/signin?callbackUrl=${encodeURIComponent(`/films/${film.slug}`)}`;
    return (
      <p className="mt-6 flex flex-wrap gap-4 text-sm">
        <Link href={signIn}>Sign in to log</Link>
        <Link href={signIn}>Sign in to add it to your watchlist</Link>
      </p>
    );
  }

  const toggleWatchlist = () =>
    startToggle(async () => {
      if (!state) return;
      const result = await watchlistAction(null, {
        filmId: String(film.id),
        add: String(!state.onWatchlist),
      });
      setNotice(result.ok ? (result.message ?? null) : result.error);
      setVersion((v) => v + 1);
    });

  const sentence = state ? watchedSentence(state) : null;
  return (
    <section aria-label="Your diary" className="mt-6" data-testid="viewer-actions">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={buttonClass}
          disabled={!state}
          onClick={() => {
            setOpened((n) => n + 1);
            setNotice(null);
            dialog.current?.showModal();
          }}
        >
          Log
        </button>
        <button
          type="button"
          aria-pressed={state?.onWatchlist ?? false}
          disabled={!state || toggling}
          onClick={toggleWatchlist}
          className="rounded border border-zinc-300 px-4 py-2 aria-pressed:border-brand-600 aria-pressed:font-medium dark:border-zinc-700"
        >
          {state?.onWatchlist ? "On your watchlist" : "Add to watchlist"}
        </button>
        {sentence ? (
          <p className="text-sm" data-testid="watched-state">
            {sentence}
          </p>
        ) : null}
      </div>
      <p role="status" aria-live="polite" className="mt-2 min-h-5 text-sm">
        {notice}
      </p>
      <dialog
        ref={dialog}
        aria-labelledby="log-heading"
        className="m-auto w-full max-w-lg rounded-lg border border-zinc-300 bg-white p-5 text-zinc-900 backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h2 id="log-heading" className="mb-3 text-lg font-semibold">
          Log {film.title}
        </h2>
        {opened > 0 ? (
          <LogForm
            key={opened}
            filmId={film.id}
            watchedBefore={(state?.timesWatched ?? 0) > 0}
            onLogged={onLogged}
            onCancel={() => dialog.current?.close()}
          />
        ) : null}
      </dialog>
    </section>
  );
}

function LogForm({
  filmId,
  watchedBefore,
  onLogged,
  onCancel,
}: {
  filmId: number;
  watchedBefore: boolean;
  onLogged: (message: string, reviewChanged: boolean) => void;
  onCancel: () => void;
}) {
  const [result, action, pending] = useActionState(logWatchAction, null);
  const [rating, setRating] = useState<number | null>(null);
  const [today] = useState(localToday);
  const errors = result && !result.ok ? result.fieldErrors : {};
  useEffect(() => {
    if (result?.ok) onLogged(result.message ?? "Logged.", result.data.reviewChanged);
  }, [result, onLogged]);

  const input =
    "rounded border border-zinc-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900";
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="filmId" value={filmId} />
      <Field
        id="log-date"
        label="Date watched"
        name="watchedOn"
        type="date"
        defaultValue={today}
        min={EARLIEST_WATCH_DATE}
        max={today}
        error={errors.watchedOn}
      />
      <StarPicker value={rating} onChange={setRating} error={errors.rating} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="rewatch" defaultChecked={watchedBefore} className="h-4 w-4" />
        I&apos;ve watched this before
      </label>
      <Field
        id="log-tags"
        label="Tags"
        name="tags"
        type="text"
        autoComplete="off"
        hint={TAGS_HINT}
        error={errors.tags}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor="log-review" className="text-sm font-medium">
          Review (optional)
        </label>
        <textarea
          id="log-review"
          name="body"
          rows={4}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby="log-review-hint"
          className={input}
        />
        <p id="log-review-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
          Text here becomes your review of the film, replacing any earlier text.
        </p>
        {errors.body ? (
          <p className="text-sm text-red-700 dark:text-red-400">{errors.body}</p>
        ) : null}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="containsSpoilers" className="h-4 w-4" />
        The review contains spoilers
      </label>
      <FormStatus error={result && !result.ok ? result.error : null} />
      <div className="flex gap-3">
        <button type="submit" className={buttonClass} disabled={pending}>
          Save to diary
        </button>
        <button type="button" onClick={onCancel} className="rounded px-4 py-2 underline">
          Cancel
        </button>
      </div>
    </form>
  );
}
