import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { pageActor } from "@/app/server-action";

export const metadata: Metadata = {
  title: "Export your data",
  description: "Download your diary, ratings, reviews, watchlist and lists.",
  robots: { index: false },
};

/** Per reader by nature: rendered for each request, never cached. */
export default function ExportPage() {
  return (
    <>
      <p className="text-sm">
        <Link href="/settings" className="underline">
          Settings
        </Link>
      </p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight">Export your data</h1>
      <Suspense fallback={<p className="mt-4">Loading…</p>}>
        <ExportSettings />
      </Suspense>
    </>
  );
}

async function ExportSettings() {
  const actor = await pageActor("/settings/export");
  return (
    <>
      <p className="mt-3 max-w-prose text-zinc-700 dark:text-zinc-300">
        Everything you have put into Reelrank, as a .zip: your diary, ratings, reviews (with their
        earlier versions), watched films, watchlist and lists as CSV files with Letterboxd&apos;s
        column names, so other sites (and Reelrank) can import them, plus your comments, likes and
        follows, and <code>reelrank.json</code> with all of it.
      </p>
      <p className="mt-4">
        <a
          href="/settings/export/download"
          download
          className="inline-block rounded bg-brand-600 px-4 py-2 font-medium text-white no-underline hover:bg-brand-700"
        >
          Download your data (@{actor.handle})
        </a>
      </p>
      <p className="mt-6 text-sm">
        Coming from Letterboxd?{" "}
        <Link href="/settings/import" className="underline">
          Import your Letterboxd export
        </Link>
        .
      </p>
    </>
  );
}
