"use client";
import Link from "next/link";
import { useSession } from "next-auth/react";
import { useActionState } from "react";
import {
  decideProposalAction,
  fetchFactsAction,
  lockFilmAction,
  mergeFilmsAction,
  mergePeopleAction,
  revertAction,
  saveFilmAction,
} from "@/app/films/[slug]/edit/actions";
import { canEdit } from "@/lib/roles";
import { CreditsEditor, type EditableCredit } from "./credits-editor";
import { buttonClass, Field, FormStatus } from "./ui/field";

export type EditableFilm = {
  id: number;
  slug: string;
  title: string;
  originalTitle: string | null;
  year: number | null;
  releaseDate: string | null;
  runtimeMinutes: number | null;
  originalLanguage: string | null;
  countries: string[];
  synopsis: string | null;
  genres: string[];
};

/** Every fact of a film and its credits, saved as one revision. */
export function FilmEditForm({
  film,
  credits,
  seenRevision,
}: {
  film: EditableFilm;
  credits: EditableCredit[];
  seenRevision: number | null;
}) {
  const [state, action, pending] = useActionState(saveFilmAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const moved = state?.ok && state.data.slug !== film.slug ? state.data.slug : null;
  return (
    <form action={action} className="mt-6 space-y-4">
      <input type="hidden" name="filmId" value={film.id} />
      <input
        type="hidden"
        name="seenRevision"
        value={state?.ok ? (state.data.revisionId ?? seenRevision ?? "") : (seenRevision ?? "")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Title" name="title" defaultValue={film.title} required error={errors.title} />
        <Field
          label="Original title"
          name="originalTitle"
          defaultValue={film.originalTitle ?? ""}
          error={errors.originalTitle}
        />
        <Field
          label="Year"
          name="year"
          inputMode="numeric"
          defaultValue={film.year ?? ""}
          error={errors.year}
        />
        <Field
          label="Release date"
          name="releaseDate"
          placeholder="YYYY-MM-DD"
          defaultValue={film.releaseDate ?? ""}
          error={errors.releaseDate}
        />
        <Field
          label="Runtime (minutes)"
          name="runtimeMinutes"
          inputMode="numeric"
          defaultValue={film.runtimeMinutes ?? ""}
          error={errors.runtimeMinutes}
        />
        <Field
          label="Original language"
          name="originalLanguage"
          hint="A language code: ko, en, es…"
          defaultValue={film.originalLanguage ?? ""}
          error={errors.originalLanguage}
        />
        <Field
          label="Countries"
          name="countries"
          hint="Country codes, main one first: KR, US"
          defaultValue={film.countries.join(", ")}
          error={errors.countries}
        />
        <Field
          label="Genres"
          name="genres"
          hint="Separated by commas"
          defaultValue={film.genres.join(", ")}
          error={errors.genres}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="synopsis" className="text-sm font-medium">
          Synopsis
        </label>
        <textarea
          id="synopsis"
          name="synopsis"
          rows={4}
          defaultValue={film.synopsis ?? ""}
          className="rounded border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
      <CreditsEditor initial={credits} />
      <Field label="Note for the history (optional)" name="note" error={errors.note} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </button>
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? state.message : null}
      />
      {moved ? (
        <p className="text-sm">
          The film&apos;s address is now <Link href={`/films/${moved}/edit`}>/films/{moved}</Link>.
        </p>
      ) : null}
    </form>
  );
}

export function FetchFactsForm({ filmId, tmdb }: { filmId: number; tmdb: boolean }) {
  const [state, action, pending] = useActionState(fetchFactsAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2 text-sm">
      <input type="hidden" name="filmId" value={filmId} />
      <button
        type="submit"
        name="source"
        value="wikidata"
        disabled={pending}
        className="rounded border border-zinc-400 px-3 py-1"
      >
        Fetch facts from Wikidata
      </button>
      {tmdb ? (
        <button
          type="submit"
          name="source"
          value="tmdb"
          disabled={pending}
          className="rounded border border-zinc-400 px-3 py-1"
        >
          Fetch facts from TMDB
        </button>
      ) : null}
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? state.message : null}
      />
    </form>
  );
}

export function ProposalDecision({ proposalId, fields }: { proposalId: number; fields: string[] }) {
  const [state, action, pending] = useActionState(decideProposalAction, null);
  return (
    <form action={action} className="mt-2 text-sm">
      <input type="hidden" name="proposalId" value={proposalId} />
      <fieldset className="flex flex-wrap gap-3">
        <legend className="sr-only">Facts to take</legend>
        {fields.map((f) => (
          <label key={f} className="flex items-center gap-1">
            <input type="checkbox" name="fields" value={f} defaultChecked /> {f}
          </label>
        ))}
      </fieldset>
      <div className="mt-2 flex gap-2">
        <button
          type="submit"
          name="decision"
          value="accept"
          disabled={pending}
          className={buttonClass}
        >
          Accept ticked facts
        </button>
        <button
          type="submit"
          name="decision"
          value="reject"
          disabled={pending}
          className="rounded border border-zinc-400 px-3 py-1"
        >
          Reject
        </button>
      </div>
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? state.message : null}
      />
    </form>
  );
}

export function LockForm({ filmId, locked }: { filmId: number; locked: boolean }) {
  const [state, action, pending] = useActionState(lockFilmAction, null);
  return (
    <form action={action} className="flex items-center gap-2 text-sm">
      <input type="hidden" name="filmId" value={filmId} />
      <input type="hidden" name="locked" value={locked ? "false" : "true"} />
      <button type="submit" disabled={pending} className="rounded border border-zinc-400 px-3 py-1">
        {locked ? "Unlock facts" : "Lock facts"}
      </button>
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? state.message : null}
      />
    </form>
  );
}

export function MergeFilmForm({ filmId }: { filmId: number }) {
  const [state, action, pending] = useActionState(mergeFilmsAction, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2 text-sm">
      <input type="hidden" name="survivorId" value={filmId} />
      <Field
        label="Merge a duplicate into this film"
        name="duplicateSlug"
        hint="The duplicate's address after /films/; its reviews, ratings and chart weeks move here"
        error={state && !state.ok ? state.fieldErrors.duplicateSlug : undefined}
      />
      <button type="submit" disabled={pending} className="rounded border border-zinc-400 px-3 py-1">
        Merge
      </button>
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? state.message : null}
      />
    </form>
  );
}

export function MergePeopleForm() {
  const [state, action, pending] = useActionState(mergePeopleAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="mt-2 flex flex-wrap items-end gap-2 text-sm">
      <Field
        label="Keep (address after /people/)"
        name="survivorSlug"
        error={errors.survivorSlug}
      />
      <Field label="Merge into it" name="duplicateSlug" error={errors.duplicateSlug} />
      <button type="submit" disabled={pending} className="rounded border border-zinc-400 px-3 py-1">
        Merge people
      </button>
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? state.message : null}
      />
    </form>
  );
}

/** Shown on the shared history page to editors only; the action checks the role again. */
export function RevertButton({ revisionId }: { revisionId: number }) {
  const { data } = useSession();
  const [state, action, pending] = useActionState(revertAction, null);
  if (!canEdit(data?.user?.role)) return null;
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="revisionId" value={revisionId} />
      <button type="submit" disabled={pending} className="text-sm underline">
        Revert this change
      </button>
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? state.message : null}
      />
    </form>
  );
}
