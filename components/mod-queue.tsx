"use client";
import Link from "next/link";
import { useActionState } from "react";
import { lockCommentsAction, moderateAction } from "@/app/mod/actions";
import type { QueueItem } from "@/db/queries/moderation/reads";
import { ACTION_LABELS, MODERATION_ACTIONS, REPORT_REASONS } from "@/lib/moderation";
import { ReasonPicker } from "./mod-forms";
import { FormStatus } from "./ui/field";
import { Stars } from "./ui/stars";

const reasonText = (v: string) => REPORT_REASONS.find((r) => r.value === v)?.label ?? v;

function waited(minutes: number) {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

function ActionButtons({ type, form }: { type: "review" | "comment"; form?: string }) {
  return (
    <span className="flex flex-wrap gap-2">
      {MODERATION_ACTIONS.filter((a) => a !== "spoiler" || type === "review").map((a) => (
        <button
          key={a}
          type="submit"
          name="action"
          value={a}
          form={form}
          className="rounded border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {ACTION_LABELS[a]}
        </button>
      ))}
    </span>
  );
}

function QueueEntry({ item }: { item: QueueItem }) {
  const [state, action, pending] = useActionState(moderateAction, null);
  const [lockState, lock] = useActionState(lockCommentsAction, null);
  const key = `${item.type}:${item.id}`;
  return (
    <article
      aria-labelledby={`item-${key}`}
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="items" value={key} form="bulk" />
          Select
        </label>
        <h2 id={`item-${key}`} className="font-semibold">
          {item.type === "review" ? "Review" : "Comment"} by{" "}
          <Link href={`/mod/users/${item.author}`} className="underline">
            @{item.author}
          </Link>{" "}
          on{" "}
          <Link href={`/films/${item.film.slug}`} className="underline">
            {item.film.title}
          </Link>
        </h2>
        <span className="text-sm text-zinc-600 dark:text-zinc-400">
          {item.reports} {item.reports === 1 ? "report" : "reports"} · waiting{" "}
          {waited(item.waitingMinutes)} · {item.status}
        </span>
      </header>
      {item.rating ? <Stars halfStars={item.rating} className="mt-2" /> : null}
      <div className="mt-2 whitespace-pre-wrap break-words rounded bg-zinc-50 p-3 text-sm dark:bg-zinc-900">
        {item.body ?? "(rating only)"}
      </div>
      <p className="mt-2 text-sm">
        <span className="font-medium">Reasons:</span> {item.reasons.map(reasonText).join(", ")} ·{" "}
        <span className="font-medium">Reported by:</span>{" "}
        {item.reporters.map((h) => `@${h}`).join(", ")}
      </p>
      {item.notes.length ? (
        <ul className="mt-1 list-disc pl-6 text-sm">
          {item.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ) : null}
      <form action={action} className="mt-3 flex flex-wrap items-center gap-3">
        <input type="hidden" name="items" value={key} />
        <ReasonPicker id={`reason-${key}`} />
        <label htmlFor={`note-${key}`} className="sr-only">
          Note
        </label>
        <input
          id={`note-${key}`}
          name="note"
          placeholder="Note (optional)"
          className="rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <ActionButtons type={item.type} />
        {pending ? <span className="text-sm">Saving…</span> : null}
      </form>
      {item.type === "review" ? (
        <form action={lock} className="mt-2 flex items-center gap-2 text-sm">
          <input type="hidden" name="reviewId" value={item.reviewId} />
          <input type="hidden" name="locked" value={item.commentsLocked ? "false" : "true"} />
          <input type="hidden" name="reason" value="off_topic" />
          <button type="submit" className="underline">
            {item.commentsLocked
              ? "Unlock comments on this review"
              : "Lock comments on this review"}
          </button>
          <FormStatus
            error={lockState && !lockState.ok ? lockState.error : null}
            message={
              lockState?.ok
                ? lockState.data.locked
                  ? "Comments locked."
                  : "Comments unlocked."
                : null
            }
          />
        </form>
      ) : null}
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? "Done." : null}
      />
    </article>
  );
}

export function ModQueue({ items }: { items: QueueItem[] }) {
  const [state, action] = useActionState(moderateAction, null);
  return (
    <>
      <form
        id="bulk"
        action={action}
        className="mb-6 flex flex-wrap items-center gap-3 rounded-lg bg-zinc-50 p-3 dark:bg-zinc-900"
        aria-label="Bulk actions"
      >
        <span className="text-sm font-medium">Selected items:</span>
        <ReasonPicker id="bulk-reason" />
        <ActionButtons type="comment" />
        <FormStatus
          error={state && !state.ok ? state.error : null}
          message={state?.ok ? "Done." : null}
        />
      </form>
      {items.length === 0 ? <p>No open reports. All clear.</p> : null}
      <div className="flex flex-col gap-4">
        {items.map((item) => (
          <QueueEntry key={`${item.type}:${item.id}`} item={item} />
        ))}
      </div>
    </>
  );
}
