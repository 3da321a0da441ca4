"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { buttonClass } from "./ui/field";

type UploadResult =
  { ok: true; data: { jobId: number; total: number } } | { ok: false; error: string };

/** The upload of a Letterboxd export; the server checks every file before it writes anything. */
export function ImportUploadForm() {
  const router = useRouter();
  const [problems, setProblems] = useState<string[]>([]);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setProblems([]);
    try {
      const response = await fetch("/api/me/imports", {
        method: "POST",
        headers: { Accept: "application/json" },
        body: new FormData(event.currentTarget),
      });
      const result = (await response.json().catch(() => null)) as UploadResult | null;
      if (result?.ok) {
        router.push(`/settings/import?job=${result.data.jobId}`);
        return;
      }
      setProblems(
        (result?.error ?? "The upload failed. Nothing was imported; try again.").split("\n"),
      );
    } catch {
      setProblems(["The upload failed. Nothing was imported; try again."]);
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      action="/api/me/imports"
      method="post"
      encType="multipart/form-data"
      className="mt-6 flex max-w-xl flex-col gap-3 rounded border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="import-files" className="text-sm font-medium">
          Letterboxd export (.zip, or its .csv files)
        </label>
        <input
          id="import-files"
          name="files"
          type="file"
          accept=".zip,.csv,application/zip,text/csv"
          multiple
          required
          aria-describedby="import-files-hint"
          aria-invalid={problems.length ? true : undefined}
          className="text-sm"
        />
        <p id="import-files-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
          Up to 20 MB. diary.csv, ratings.csv, reviews.csv, watched.csv and watchlist.csv are read.
        </p>
      </div>
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          {pending ? "Checking the files…" : "Import"}
        </button>
      </div>
      <div aria-live="polite" role="status" className="text-sm">
        {problems.length ? (
          <ul className="list-disc pl-5 text-red-700 dark:text-red-400">
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </form>
  );
}
