"use client";
import { HALF_STAR_VALUES, starsLabel } from "@/lib/rating";
import { LEFT_HALF, STAR } from "./ui/stars";

/**
 * "Your rating": ten radio buttons, 0.5 to 5 stars, drawn as star halves. Native radios, so
 * arrow keys move between them and the form posts the chosen value as `rating`.
 */
export function StarPicker({
  value,
  onChange,
  error,
}: {
  value: number | null;
  onChange: (halfStars: number | null) => void;
  error?: string;
}) {
  return (
    <fieldset aria-describedby={error ? "rating-error" : undefined}>
      <legend className="text-sm font-medium">Your rating</legend>
      <div className="mt-1 flex items-center gap-3">
        <div role="radiogroup" aria-label="Your rating" className="flex">
          {HALF_STAR_VALUES.map((v) => {
            const on = value != null && v <= value;
            return (
              <label key={v} className="relative block h-8 w-4 cursor-pointer">
                <input
                  type="radio"
                  name="rating"
                  value={String(v / 2)}
                  checked={value === v}
                  onChange={() => onChange(v)}
                  className="peer absolute inset-0 h-full w-full cursor-pointer opacity-0"
                />
                <span className="sr-only">{starsLabel(v)}</span>
                <svg
                  viewBox={v % 2 === 1 ? "0 0 10 20" : "10 0 10 20"}
                  className="pointer-events-none h-8 w-4 rounded-sm peer-focus-visible:outline-2 peer-focus-visible:outline-brand-500"
                  aria-hidden="true"
                >
                  <path
                    d={v % 2 === 1 ? LEFT_HALF : STAR}
                    className={on ? "fill-amber-500" : "fill-zinc-300 dark:fill-zinc-600"}
                  />
                </svg>
              </label>
            );
          })}
        </div>
        <span className="min-w-20 text-sm tabular-nums" aria-hidden="true">
          {value ? starsLabel(value) : "Not rated"}
        </span>
        {value ? (
          <button type="button" onClick={() => onChange(null)} className="text-sm underline">
            Clear rating
          </button>
        ) : null}
      </div>
      {error ? (
        <p id="rating-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
