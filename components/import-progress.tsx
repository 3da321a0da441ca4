"use client";
import Link from "next/link";
import { useActionState, useCallback, useEffect, useId, useState } from "react";
import { resolveUnmatchedAction } from "@/app/settings/import/actions";
import type { ImportJobView } from "@/db/queries/imports";
import type { ImportReport } from "@/lib/letterboxd/report";
import { buttonClass, FormStatus } from "./ui/field";

const n = (v: number) => v.toLocaleString("en-US");
const titled = (name: string, year: number | null) => (year != null ? `${name} (${year})` : name);

/** An import's progress while it runs (polled), then its report and the films left to pick. */
export function ImportProgress({ initial }: { initial: ImportJobView }) {
  const [job, setJob] = useState(initial);
  const running = job.status === "running" && !job.stalled;

  const reload = useCallback(async () => {
    const response = await fetch(`/api/me/imports/${job.id}`, { cache: "no-store" });
    if (!response.ok) return null;
    const { job: latest } = (await response.json()) as { job: ImportJobView };
    setJob(latest);
    return latest;
  }, [job.id]);

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    const poll = async () => {
      while (!stopped) {
        await new Promise((r) => setTimeout(r, 700));
        if (stopped) return;
        const latest = await reload();
        if (!latest || latest.status !== "running") return;
      }
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [running, reload]);

  const pending = job.unmatched.filter((u) => u.status === "pending");
  return (
    <section aria-labelledby="import-heading" className="mt-6">
      <h2 id="import-heading" className="text-xl font-semibold">
        Import of {job.fileName}
      </h2>
      <div aria-live="polite" role="status" className="mt-2" data-testid="import-status">
        {running ? (
          <>
            <label htmlFor="import-progress-bar" className="block text-sm">
              Importing: {n(job.processed)} of {n(job.total)} rows
            </label>
            <progress
              id="import-progress-bar"
              max={job.total}
              value={job.processed}
              className="mt-1 w-full max-w-xl"
            />
          </>
        ) : job.status === "done" ? (
          <p>Done: {n(job.total)} rows gone through.</p>
        ) : (
          <p className="text-red-700 dark:text-red-400">
            {job.error ??
              "This import stopped part-way. What was imported is kept; upload the same export again to finish it (nothing is added twice)."}
          </p>
        )}
      </div>
      {!running ? <ImportReportView report={job.report} /> : null}
      {!running && pending.length ? (
        <>
          <h3 className="mt-6 text-lg font-semibold">Films to pick ({n(pending.length)})</h3>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            These titles fit no film, or more than one. Pick the film each one is, or skip it.
          </p>
          <ul className="mt-3 space-y-4">
            {pending.map((u) => (
              <li key={u.id}>
                <ResolveForm item={u} onDone={reload} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {job.unmatched.some((u) => u.status !== "pending") ? (
        <>
          <h3 className="mt-6 text-lg font-semibold">Picked or skipped</h3>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {job.unmatched
              .filter((u) => u.status !== "pending")
              .map((u) => (
                <li key={u.id}>
                  {titled(u.name, u.year)}:{" "}
                  {u.film ? (
                    <>
                      imported to{" "}
                      <Link href={`/films/${u.film.slug}`} className="underline">
                        {titled(u.film.title, u.film.year)}
                      </Link>
                    </>
                  ) : (
                    "skipped"
                  )}
                </li>
              ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

const KINDS: { key: keyof Omit<ImportReport, "films" | "notImported">; label: string }[] = [
  { key: "diary", label: "Diary entries" },
  { key: "ratings", label: "Ratings" },
  { key: "reviews", label: "Reviews" },
  { key: "watched", label: "Watched films (diary entries without a date)" },
  { key: "watchlist", label: "Watchlist" },
];

function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <div className="mt-4" data-testid="import-report">
      <p>
        Films matched: {n(report.films.matched + report.films.resolved)}. Not matched:{" "}
        {n(report.films.unmatched)}
        {report.films.resolved ? `, of which you picked ${n(report.films.resolved)}` : ""}
        {report.films.skipped ? `; skipped: ${n(report.films.skipped)}` : ""}.
      </p>
      <table className="mt-3 text-left text-sm tabular-nums">
        <caption className="sr-only">What the import added</caption>
        <thead>
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th scope="col" className="py-1 pr-6 font-medium">
              Kind
            </th>
            <th scope="col" className="py-1 pr-6 font-medium">
              Imported
            </th>
            <th scope="col" className="py-1 font-medium">
              Already there
            </th>
          </tr>
        </thead>
        <tbody>
          {KINDS.map((k) => (
            <tr key={k.key}>
              <th scope="row" className="py-1 pr-6 font-normal">
                {k.label}
              </th>
              <td className="py-1 pr-6">{n(report[k.key].created)}</td>
              <td className="py-1">{n(report[k.key].existing)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.notImported.length ? (
        <>
          <h3 className="mt-4 font-semibold">Not imported</h3>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {report.notImported.map((r) => (
              <li key={`${r.file}:${r.line}`}>
                {titled(r.name, r.year)} ({r.file}, line {r.line}): not imported: {r.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

type Option = { slug: string; title: string; year: number | null };

function ResolveForm({
  item,
  onDone,
}: {
  item: ImportJobView["unmatched"][number];
  onDone: () => Promise<unknown>;
}) {
  const id = useId();
  const [state, action, pending] = useActionState(
    async (previous: Awaited<ReturnType<typeof resolveUnmatchedAction>> | null, form: FormData) => {
      const result = await resolveUnmatchedAction(previous, form);
      if (result.ok) await onDone();
      return result;
    },
    null,
  );
  const [options, setOptions] = useState<Option[]>(item.candidates);
  const [query, setQuery] = useState(item.name);
  const [searchNote, setSearchNote] = useState("");

  async function search() {
    const q = query.trim();
    if (!q) return;
    const response = await fetch(`/api/search?${new URLSearchParams({ q, limit: "5" })}`);
    const data = response.ok
      ? ((await response.json()) as { films: Option[] })
      : { films: [] as Option[] };
    const known = new Set(options.map((o) => o.slug));
    const added = data.films.filter((f) => !known.has(f.slug));
    setOptions([...options, ...added]);
    setSearchNote(
      added.length
        ? `${added.length} more ${added.length === 1 ? "film" : "films"} to choose from.`
        : "No other films found.",
    );
  }

  const legend = `Which film is “${titled(item.name, item.year)}”?`;
  return (
    <form action={action} className="rounded border border-zinc-200 p-3 dark:border-zinc-800">
      <input type="hidden" name="unmatchedId" value={item.id} />
      <fieldset>
        <legend className="font-medium">{legend}</legend>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {n(item.rows)} {item.rows === 1 ? "row" : "rows"} of your export name it.
        </p>
        {options.length ? (
          <ul className="mt-2 space-y-1">
            {options.map((o) => (
              <li key={o.slug} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="filmSlug"
                  value={o.slug}
                  id={`${id}-${o.slug}`}
                  className="size-4"
                />
                <label htmlFor={`${id}-${o.slug}`}>{titled(o.title, o.year)}</label>{" "}
                <Link href={`/films/${o.slug}`} className="text-xs underline" target="_blank">
                  <span className="sr-only">{titled(o.title, o.year)}: </span>open the film page
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm">No film came close. Search for it below, or skip it.</p>
        )}
      </fieldset>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-search`} className="text-sm">
            Search for another film
          </label>
          <input
            id={`${id}-search`}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void search();
              }
            }}
            className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
        <button
          type="button"
          onClick={() => void search()}
          className="rounded border border-zinc-300 px-3 py-1 dark:border-zinc-700"
        >
          Search
        </button>
        <span aria-live="polite" className="text-sm">
          {searchNote}
        </span>
      </div>
      <div className="mt-3 flex gap-2">
        <button
          type="submit"
          name="decision"
          value="apply"
          className={buttonClass}
          disabled={pending}
        >
          Import to this film
        </button>
        <button
          type="submit"
          name="decision"
          value="skip"
          disabled={pending}
          className="rounded border border-zinc-300 px-4 py-2 dark:border-zinc-700"
        >
          Skip
        </button>
      </div>
      <FormStatus error={state && !state.ok ? state.error : null} />
    </form>
  );
}
