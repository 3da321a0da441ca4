import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { pageActor } from "@/app/server-action";
import { ImportProgress } from "@/components/import-progress";
import { ImportUploadForm } from "@/components/import-upload-form";
import { getDb } from "@/db/index";
import { getImportJob, listImportJobs } from "@/db/queries/imports";

export const metadata: Metadata = {
  title: "Import from Letterboxd",
  description: "Bring your diary, ratings, reviews and watchlist from Letterboxd.",
  robots: { index: false },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Per reader by nature: rendered for each request, never cached. */
export default function ImportPage({ searchParams }: Props) {
  return (
    <>
      <p className="text-sm">
        <Link href="/settings" className="underline">
          Settings
        </Link>
      </p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight">Import from Letterboxd</h1>
      <Suspense fallback={<p className="mt-4">Loading…</p>}>
        <ImportSettings searchParams={searchParams} />
      </Suspense>
    </>
  );
}

async function ImportSettings({ searchParams }: Props) {
  const actor = await pageActor("/settings/import");
  const db = await getDb();
  const sp = await searchParams;
  const jobId = typeof sp.job === "string" && /^\d{1,9}$/.test(sp.job) ? Number(sp.job) : null;
  const job = jobId ? await getImportJob(db, { userId: actor.id, jobId }) : null;
  const earlier = await listImportJobs(db, { userId: actor.id });
  return (
    <>
      <p className="mt-3 max-w-prose text-zinc-700 dark:text-zinc-300">
        On Letterboxd, open <strong>Settings → Data → Export your data</strong> and upload the .zip
        it gives you (or its CSV files). Your diary, ratings, reviews, watched films and watchlist
        come across; a rating or review you already have here is kept as it is, and importing the
        same export again adds nothing.
      </p>
      {job ? <ImportProgress key={job.id} initial={job} /> : null}
      {jobId && !job ? <p className="mt-4">That import was not found.</p> : null}
      {sp.refused ? (
        <p role="alert" className="mt-4 text-red-700 dark:text-red-400">
          That upload was refused and nothing was imported. Check that it is the .zip Letterboxd
          gave you (or its CSV files), under 20 MB; with JavaScript on, this page says exactly what
          is wrong.
        </p>
      ) : null}
      <ImportUploadForm />
      {earlier.length ? (
        <>
          <h2 className="mt-8 text-xl font-semibold">Your imports</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {earlier.map((j) => (
              <li key={j.id}>
                <Link href={`/settings/import?job=${j.id}`} className="underline">
                  {j.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC — {j.fileName}
                </Link>{" "}
                ({j.status === "done" ? "done" : j.status === "failed" ? "stopped" : "running"},{" "}
                {j.processed.toLocaleString("en-US")} of {j.total.toLocaleString("en-US")} rows)
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
