"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markAllReadAction, markReadAction } from "@/app/notifications/actions";
import { SUMMARY_CHANGED } from "./notification-bell";

function useMark() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (call: () => Promise<{ ok: true } | { ok: false; error: string }>) =>
    startTransition(async () => {
      const result = await call();
      if (!result.ok) return setError(result.error);
      setError(null);
      window.dispatchEvent(new Event(SUMMARY_CHANGED));
      router.refresh();
    });
  return { pending, error, run };
}

export function MarkRead({ notificationId }: { notificationId: number }) {
  const { pending, error, run } = useMark();
  return (
    <>
      <button
        type="button"
        className="text-sm underline"
        disabled={pending}
        onClick={() => run(() => markReadAction(null, { notificationId }))}
      >
        Mark as read
      </button>
      {error ? (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </span>
      ) : null}
    </>
  );
}

export function MarkAllRead() {
  const { pending, error, run } = useMark();
  return (
    <>
      <button
        type="button"
        className="rounded border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-700"
        disabled={pending}
        onClick={() => run(() => markAllReadAction(null, {}))}
      >
        Mark all as read
      </button>
      {error ? (
        <span role="alert" className="ml-3 text-sm text-red-700 dark:text-red-400">
          {error}
        </span>
      ) : null}
    </>
  );
}
