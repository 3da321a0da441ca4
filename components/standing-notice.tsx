"use client";
import { useSession } from "next-auth/react";
import { useEffect, useState } from "react";
import { moderationTime, restrictionSentence } from "@/lib/moderation";

type Standing = {
  signedIn: boolean;
  restriction?: { kind: string; until: string | null; reason: string } | null;
  warnings?: { reason: string; note: string | null; at: string }[];
  moderated?: {
    type: string;
    film: { slug: string; title: string };
    reviewId: number;
    notice: string;
  }[];
};

/** Tells a signed-in user about a sanction on their account, and until when. */
export function StandingNotice() {
  const { status } = useSession();
  const [standing, setStanding] = useState<Standing | null>(null);
  useEffect(() => {
    if (status !== "authenticated") return;
    let current = true;
    void fetch("/api/me/standing", { cache: "no-store" })
      .then((r) => (r.ok ? (r.json() as Promise<Standing>) : null))
      .then((s) => {
        if (current) setStanding(s);
      });
    return () => {
      current = false;
    };
  }, [status]);
  if (status !== "authenticated" || !standing?.signedIn) return null;
  const r = standing.restriction;
  const warnings = standing.warnings ?? [];
  const moderated = standing.moderated ?? [];
  if (!r && warnings.length === 0 && moderated.length === 0) return null;
  return (
    <div
      role="status"
      className="border-b border-amber-300 bg-amber-50 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <div className="mx-auto max-w-5xl px-4 py-2">
        {r ? <p>{restrictionSentence(r, r.reason)}</p> : null}
        {moderated.map((m, i) => (
          <p key={`m${i}`}>
            Your {m.type} on{" "}
            <a
              href={m.type === "review" ? `/films/${m.film.slug}` : `/reviews/${m.reviewId}`}
              className="underline"
            >
              {m.film.title}
            </a>
            : {m.notice}.
          </p>
        ))}
        {warnings.map((w, i) => (
          <p key={i}>
            A moderator warned you on {moderationTime(w.at)} for {w.reason}
            {w.note ? `: ${w.note}` : "."}
          </p>
        ))}
      </div>
    </div>
  );
}
