"use client";
import Link from "next/link";
import { useActionState } from "react";
import { saveAudiencesAction } from "@/app/settings/actions";
import { AUDIENCE_LABELS, AUDIENCES, type Audience } from "@/lib/privacy";
import { buttonClass, FormStatus } from "./ui/field";

type Audiences = { diaryAudience: Audience; watchlistAudience: Audience; listsAudience: Audience };

const FIELDS: { name: keyof Audiences; label: string; page: string }[] = [
  { name: "diaryAudience", label: "Who can see your diary", page: "diary" },
  { name: "watchlistAudience", label: "Who can see your watchlist", page: "watchlist" },
  { name: "listsAudience", label: "Who can see your lists", page: "lists" },
];

/** The three audience choices, saved together. */
export function PrivacyForm({ initial, handle }: { initial: Audiences; handle: string }) {
  const [state, action, pending] = useActionState(saveAudiencesAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="mt-4 flex max-w-md flex-col gap-4" noValidate>
      {FIELDS.map((f) => (
        <div key={f.name} className="flex flex-col gap-1">
          <label htmlFor={`privacy-${f.name}`} className="text-sm font-medium">
            {f.label}
          </label>
          <select
            id={`privacy-${f.name}`}
            name={f.name}
            defaultValue={initial[f.name]}
            aria-invalid={errors[f.name] ? true : undefined}
            className="rounded border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
          >
            {AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {AUDIENCE_LABELS[a]}
              </option>
            ))}
          </select>
          <Link href={`/u/${handle}/${f.page}`} className="text-xs">
            See your {f.page}
          </Link>
          {errors[f.name] ? (
            <p className="text-sm text-red-700 dark:text-red-400">{errors[f.name]}</p>
          ) : null}
        </div>
      ))}
      <FormStatus
        error={state && !state.ok ? state.error : null}
        message={state?.ok ? state.message : null}
      />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Save privacy settings
        </button>
      </div>
    </form>
  );
}
