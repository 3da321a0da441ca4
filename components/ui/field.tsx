import type { InputHTMLAttributes, ReactNode } from "react";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
};

/** A labelled input with its hint and error tied to it for assistive technology. */
export function Field({ label, name, error, hint, id, ...input }: Props) {
  const inputId = id ?? `field-${name}`;
  const described =
    [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={inputId} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        className="rounded border border-zinc-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900"
        {...input}
      />
      {hint ? (
        <p id={`${inputId}-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${inputId}-error`} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The form-level message, announced when it changes. */
export function FormStatus({ error, message }: { error?: string | null; message?: string | null }) {
  return (
    <div aria-live="polite" role="status" className="min-h-5 text-sm">
      {error ? (
        <p className="text-red-700 dark:text-red-400">{error}</p>
      ) : message ? (
        <p className="text-green-800 dark:text-green-400">{message}</p>
      ) : null}
    </div>
  );
}

export const buttonClass =
  "rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60 dark:bg-brand-600";
