"use client";
import { useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/action";
import { buttonClass, Field, FormStatus } from "./ui/field";

export type ListDetailsValues = {
  name: string;
  description: string;
  ranked: boolean;
  isPrivate: boolean;
};

export type ListLimits = { name: number; description: number; note: number };

/** A list's name, description and the ranked / private switches; used to create and to edit. */
export function ListDetailsForm({
  initial,
  limits,
  submitLabel,
  save,
  onSaved,
}: {
  initial: ListDetailsValues;
  limits: ListLimits;
  submitLabel: string;
  save: (form: FormData) => Promise<ActionResult>;
  onSaved?: (result: ActionResult & { ok: true }, values: ListDetailsValues) => void;
}) {
  const [values, setValues] = useState(initial);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const errors = result && !result.ok ? result.fieldErrors : {};
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const r = await save(form);
      setResult(r);
      if (r.ok) onSaved?.(r, values);
    });
  };
  return (
    <form onSubmit={submit} className="flex max-w-xl flex-col gap-4" noValidate>
      <Field
        label="Name"
        name="name"
        value={values.name}
        onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
        maxLength={limits.name}
        required
        error={errors.name}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor="list-description" className="text-sm font-medium">
          Description{" "}
          <span className="font-normal text-zinc-600 dark:text-zinc-400">(optional)</span>
        </label>
        <textarea
          id="list-description"
          name="description"
          rows={4}
          value={values.description}
          onChange={(e) => setValues((v) => ({ ...v, description: e.target.value }))}
          maxLength={limits.description}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={errors.description ? "list-description-error" : undefined}
          className="rounded border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
        />
        {errors.description ? (
          <p id="list-description-error" className="text-sm text-red-700 dark:text-red-400">
            {errors.description}
          </p>
        ) : null}
      </div>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          name="ranked"
          checked={values.ranked}
          onChange={(e) => setValues((v) => ({ ...v, ranked: e.target.checked }))}
        />
        Ranked (number the films in order)
      </label>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          name="isPrivate"
          checked={values.isPrivate}
          onChange={(e) => setValues((v) => ({ ...v, isPrivate: e.target.checked }))}
        />
        Private (only you can see it)
      </label>
      <div>
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Saving…" : submitLabel}
        </button>
      </div>
      <FormStatus
        error={result && !result.ok ? result.error : null}
        message={result?.ok ? (result.message ?? null) : null}
      />
    </form>
  );
}
