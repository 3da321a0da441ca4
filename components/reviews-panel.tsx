"use client";
import Link from "next/link";
import { useSession } from "next-auth/react";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useTransition,
  type ReactNode,
} from "react";
import { deleteReviewAction } from "@/app/films/[slug]/actions";
import type { ReviewCard as Review, ReviewSort } from "@/db/queries/reviews";
import { restrictionSentence } from "@/lib/moderation";
import { onReaderStateChanged } from "@/lib/reader-events";
import { ReviewReaderContext, type ReviewReader } from "./review-actions";
import { ReviewCard } from "./review-card";
import { ReviewForm } from "./review-form";

type Page = { reviews: Review[]; next: string | null };
type Reader =
  | { signedIn: false }
  | {
      signedIn: true;
      handle: string;
      myReview: Review | null;
      moderation: string | null;
      restriction: { kind: string; until: string | null; reason: string } | null;
      likedReviewIds: number[];
    };

/** The id of the reader's own review, once known. */
const MyReviewContext = createContext<number | null>(null);

const SORT_LABELS: Record<ReviewSort, string> = {
  newest: "Newest",
  liked: "Most liked",
  highest: "Highest rated",
  lowest: "Lowest rated",
};

/**
 * The reviews on a film page around their first page (newest), which the server renders into the
 * shared, cached page as `children`: each first-page review is wrapped in a FirstPageReview so
 * that the reader's own review, shown in its own box, is not listed twice. The reader's review,
 * their likes, other orders and further pages are fetched by the browser and rendered here.
 */
export function ReviewsPanel({
  film,
  firstPageIds,
  firstPageNext,
  children,
}: {
  film: { id: number; slug: string; title: string };
  firstPageIds: number[];
  firstPageNext: string | null;
  children: ReactNode;
}) {
  const { status } = useSession();
  const [fetchedReader, setReader] = useState<Reader | null>(null);
  const reader: Reader | null = status === "unauthenticated" ? { signedIn: false } : fetchedReader;

  const [sort, setSort] = useState<ReviewSort>("newest");
  // what the browser fetched: for `newest`, the pages after the first (which is `children`);
  // for another order, every page so far. The list shown stays as it is until a fetch ends.
  const [fetched, setFetched] = useState<(Page & { sort: ReviewSort }) | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [loading, startLoading] = useTransition();

  // bumped after every change the reader makes, to fetch their state again
  const [readerVersion, setReaderVersion] = useState(0);
  const loadReader = useCallback(() => setReaderVersion((v) => v + 1), []);

  useEffect(() => {
    if (status !== "authenticated") return;
    let current = true;
    void fetch(`/api/me/films/${film.slug}`, { cache: "no-store" })
      .then((response) => (response.ok ? (response.json() as Promise<Reader>) : null))
      .then((state) => {
        if (current && state) setReader(state);
      });
    return () => {
      current = false;
    };
  }, [status, film.slug, readerVersion]);

  const fetchPage = useCallback(
    async (s: ReviewSort, cursor: string | null): Promise<Page> => {
      const q = new URLSearchParams({ sort: s, ...(cursor ? { cursor } : {}) });
      const response = await fetch(`/api/films/${film.slug}/reviews?${q}`, { cache: "no-store" });
      return (await response.json()) as Page;
    },
    [film.slug],
  );

  const changeSort = (s: ReviewSort) => {
    setSort(s);
    startLoading(async () =>
      setFetched(s === "newest" ? null : { sort: s, ...(await fetchPage(s, null)) }),
    );
  };

  const refresh = useCallback(() => {
    loadReader();

    startLoading(async () =>
      setFetched(sort === "newest" ? null : { sort, ...(await fetchPage(sort, null)) }),
    );
  }, [loadReader, fetchPage, sort]);

  // a log saved from the film page's Log dialog can change the reader's review
  useEffect(() => onReaderStateChanged(film.slug, refresh), [film.slug, refresh]);

  const shownSort = fetched?.sort ?? "newest";
  const next = fetched ? fetched.next : firstPageNext;
  const more = () =>
    startLoading(async () => {
      const page = await fetchPage(shownSort, next);
      setFetched({
        sort: shownSort,
        reviews: [...(fetched?.reviews ?? []), ...page.reviews],
        next: page.next,
      });
    });

  const mine = reader?.signedIn ? reader.myReview : null;
  const likedIds = reader?.signedIn ? reader.likedReviewIds : null;
  const readerHandle = reader?.signedIn ? reader.handle : null;
  const readerContext = useMemo<ReviewReader>(
    () => ({
      signedIn: readerHandle != null,
      handle: readerHandle,
      likedReviewIds: new Set(likedIds),
      onChanged: refresh,
    }),
    [readerHandle, likedIds, refresh],
  );
  const firstPageShown = shownSort === "newest";
  const fetchedOthers = (fetched?.reviews ?? []).filter((r) => r.id !== mine?.id);
  const othersCount =
    (firstPageShown ? firstPageIds.filter((id) => id !== mine?.id).length : 0) +
    fetchedOthers.length;

  const onSaved = useCallback(() => {
    setEditing(false);
    refresh();
  }, [refresh]);

  const remove = () =>
    startLoading(async () => {
      if (!mine) return;
      const result = await deleteReviewAction(null, { reviewId: mine.id });
      setConfirmDelete(false);
      setNotice(result.ok ? "Your review is deleted." : result.error);
      refresh();
    });

  return (
    <ReviewReaderContext value={readerContext}>
      <MyReviewContext value={mine?.id ?? null}>
        <section aria-labelledby="reviews-heading" className="mt-10">
          <h2 id="reviews-heading" className="text-xl font-semibold">
            Reviews
          </h2>

          <div
            className="mt-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
            data-testid="your-review"
          >
            {reader?.signedIn && reader.restriction ? (
              <p
                role="alert"
                className="mb-3 rounded bg-amber-100 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
              >
                {restrictionSentence(reader.restriction)}
              </p>
            ) : null}
            {reader?.signedIn && reader.moderation ? (
              <p
                role="alert"
                className="mb-3 rounded bg-red-100 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-200"
              >
                {reader.moderation}. Only you can see it.
              </p>
            ) : null}
            {reader == null ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">Loading your review…</p>
            ) : !reader.signedIn ? (
              <p>
                <Link href={`/signin?callbackUrl=/films/${film.slug}`} className="underline">
                  Sign in
                </Link>{" "}
                or{" "}
                <Link href="/signup" className="underline">
                  create an account
                </Link>{" "}
                to rate and review {film.title}.
              </p>
            ) : mine && !editing ? (
              <>
                <h3 className="mb-2 font-semibold">Your review</h3>
                <ReviewCard review={mine} likes="count" />
                <div className="mt-3 flex gap-3 text-sm">
                  <button type="button" onClick={() => setEditing(true)} className="underline">
                    Edit review
                  </button>
                  {confirmDelete ? (
                    <>
                      <span>Delete your review?</span>
                      <button
                        type="button"
                        onClick={remove}
                        className="font-medium text-red-700 underline dark:text-red-400"
                      >
                        Yes, delete it
                      </button>
                      <button
                        type="button"
                        onClick={() => setConfirmDelete(false)}
                        className="underline"
                      >
                        Keep it
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      onClick={() => setConfirmDelete(true)}
                      className="underline"
                    >
                      Delete review
                    </button>
                  )}
                </div>
              </>
            ) : (
              <>
                <h3 className="mb-3 font-semibold">
                  {mine ? "Edit your review" : `Rate and review ${film.title}`}
                </h3>
                <ReviewForm
                  filmId={film.id}
                  existing={mine}
                  onSaved={onSaved}
                  onCancel={mine ? () => setEditing(false) : undefined}
                />
              </>
            )}
            <p role="status" aria-live="polite" className="mt-2 text-sm">
              {notice}
            </p>
          </div>

          <div className="mt-6 flex items-center gap-2 text-sm">
            <label htmlFor="review-sort">Sort reviews</label>
            <select
              id="review-sort"
              value={sort}
              onChange={(e) => changeSort(e.target.value as ReviewSort)}
              className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
            >
              {(Object.keys(SORT_LABELS) as ReviewSort[]).map((s) => (
                <option key={s} value={s}>
                  {SORT_LABELS[s]}
                </option>
              ))}
            </select>
            {loading ? <span aria-live="polite">Loading…</span> : null}
          </div>

          {othersCount === 0 ? (
            <p className="mt-4 text-zinc-700 dark:text-zinc-300">
              {mine ? "No other reviews yet." : "No reviews yet."}
            </p>
          ) : (
            <div className="mt-4 flex flex-col gap-3">
              {firstPageShown ? children : null}
              {fetchedOthers.map((r) => (
                <ReviewCard key={r.id} review={r} />
              ))}
            </div>
          )}
          {next ? (
            <button
              type="button"
              onClick={more}
              disabled={loading}
              className="mt-4 rounded border border-zinc-300 px-4 py-2 dark:border-zinc-700"
            >
              More reviews
            </button>
          ) : null}
        </section>
      </MyReviewContext>
    </ReviewReaderContext>
  );
}

/** A review of the server-rendered first page: left out when it is the reader's own. */
export function FirstPageReview({ id, children }: { id: number; children: ReactNode }) {
  return useContext(MyReviewContext) === id ? null : children;
}
