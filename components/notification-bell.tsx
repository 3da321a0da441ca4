"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useSession } from "next-auth/react";
import { useEffect, useState } from "react";

type Summary = { signedIn: boolean; unread?: number; blockedUserIds?: string[] };

/** Other components ask the bell to read the summary again (after marking notifications read). */
export const SUMMARY_CHANGED = "reelrank:summary-changed";

const SAFE_ID = /^[A-Za-z0-9_-]+$/;

/**
 * The header's link to /notifications with the unread count. Its one request per page view also
 * names the users the reader blocked: their reviews and comments (marked `data-author-id`) are
 * hidden by a style rule, so shared cached pages stay the same for everyone.
 */
export function NotificationBell() {
  const { status } = useSession();
  const pathname = usePathname();
  const [summary, setSummary] = useState<Summary | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const again = () => setVersion((v) => v + 1);
    window.addEventListener(SUMMARY_CHANGED, again);
    return () => window.removeEventListener(SUMMARY_CHANGED, again);
  }, []);

  useEffect(() => {
    if (status !== "authenticated") return;
    let current = true;
    void fetch("/api/me/summary", { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<Summary>) : null))
      .then((s) => {
        if (current && s) setSummary(s);
      })
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [status, pathname, version]);

  if (status !== "authenticated") return null;
  const unread = summary?.unread ?? 0;
  const hidden = (summary?.blockedUserIds ?? []).filter((id) => SAFE_ID.test(id));
  return (
    <>
      {hidden.length > 0 ? (
        <style>{`${hidden.map((id) => `[data-author-id="${id}"]`).join(",")}{display:none!important}`}</style>
      ) : null}
      <Link
        href="/notifications"
        // one name, read as a whole: "Notifications, 3 unread"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        className="inline-flex items-center gap-1 text-sm hover:underline"
        data-testid="notification-bell"
      >
        Notifications
        {unread > 0 ? (
          <span className="rounded-full bg-brand-600 px-2 text-xs font-semibold text-white tabular-nums">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </Link>
    </>
  );
}
