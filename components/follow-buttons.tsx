"use client";
import Link from "next/link";
import { useSession } from "next-auth/react";
import { useEffect, useRef, useState, useTransition } from "react";
import {
  blockAction,
  followAction,
  unblockAction,
  unfollowAction,
} from "@/app/u/[handle]/followers/actions";
import { SUMMARY_CHANGED } from "./notification-bell";

type State = { following: boolean; blocking: boolean };

/** Follow / Following and Block / Unblock on a profile, for a signed-in reader other than its owner. */
export function FollowButtons({ handle }: { handle: string }) {
  const { status } = useSession();
  const [state, setState] = useState<State | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmBlock = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (status !== "authenticated") return;
    let current = true;
    void fetch(`/api/me/users/${encodeURIComponent(handle)}`, { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<State & { self?: boolean }>) : null))
      .then((s) => {
        if (current && s && !s.self) setState({ following: s.following, blocking: s.blocking });
      });
    return () => {
      current = false;
    };
  }, [status, handle]);

  if (status === "unauthenticated") {
    return (
      <p className="text-sm">
        <Link href={`/signin?callbackUrl=/u/${handle}`} className="underline">
          Sign in to follow
        </Link>
      </p>
    );
  }
  if (!state) return null;

  const run = (
    action: (
      previous: null,
      input: { handle: string },
    ) => Promise<{ ok: true; message?: string } | { ok: false; error: string }>,
    next: (s: State) => State,
    after?: () => void,
  ) =>
    startTransition(async () => {
      const result = await action(null, { handle });
      if (result.ok) {
        setState((s) => (s ? next(s) : s));
        setMessage(result.message ? { error: false, text: result.message } : null);
        after?.();
      } else setMessage({ error: true, text: result.error });
    });
  const changedBlocks = () => window.dispatchEvent(new Event(SUMMARY_CHANGED));

  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      {state.blocking ? null : (
        <button
          type="button"
          disabled={pending}
          aria-pressed={state.following}
          onClick={() =>
            state.following
              ? run(unfollowAction, (s) => ({ ...s, following: false }))
              : run(followAction, (s) => ({ ...s, following: true }))
          }
          className="rounded-full border border-brand-600 px-4 py-1 font-medium aria-pressed:bg-brand-600 aria-pressed:text-white disabled:opacity-60"
        >
          {state.following ? "Following" : "Follow"}
        </button>
      )}
      {state.blocking ? (
        <button
          type="button"
          disabled={pending}
          onClick={() => run(unblockAction, (s) => ({ ...s, blocking: false }), changedBlocks)}
          className="underline"
        >
          Unblock
        </button>
      ) : (
        <button
          type="button"
          disabled={pending}
          onClick={() => confirmBlock.current?.showModal()}
          className="underline"
        >
          Block
        </button>
      )}
      <dialog
        ref={confirmBlock}
        aria-labelledby={`block-${handle}-title`}
        className="m-auto w-full max-w-md rounded-lg p-0 backdrop:bg-black/50 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <div className="flex flex-col gap-3 p-5">
          <h2 id={`block-${handle}-title`} className="text-lg font-semibold">
            Block @{handle}?
          </h2>
          <p>
            You will stop following each other. They will not be able to follow you, like or comment
            on your reviews, and you will not see their reviews and comments.
          </p>
          <div className="flex gap-3">
            <button
              type="button"
              className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800"
              onClick={() => {
                confirmBlock.current?.close();
                run(blockAction, () => ({ following: false, blocking: true }), changedBlocks);
              }}
            >
              Block
            </button>
            <button
              type="button"
              className="px-3 underline"
              onClick={() => confirmBlock.current?.close()}
            >
              Cancel
            </button>
          </div>
        </div>
      </dialog>
      <span
        role="status"
        aria-live="polite"
        className={message?.error ? "text-red-700 dark:text-red-400" : ""}
      >
        {message?.text}
      </span>
    </div>
  );
}
