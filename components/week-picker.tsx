"use client";
import { formatWeek } from "@/lib/top10/week";

/**
 * "Week … Show week": a plain GET form (it works without JavaScript). A client component only so
 * that the page's RSC payload carries the weeks as a short list of dates, not one element per
 * option; the options are rendered into the HTML all the same.
 */
export function WeekPicker({ list, week, weeks }: { list: string; week: string; weeks: string[] }) {
  return (
    <form action="/charts/go" method="get" className="flex items-end gap-2 text-sm">
      <input type="hidden" name="list" value={list} />
      <div className="flex flex-col">
        <label htmlFor="week-picker" className="text-xs text-zinc-600 dark:text-zinc-400">
          Week
        </label>
        <select
          id="week-picker"
          name="week"
          defaultValue={week}
          className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
        >
          {weeks.map((w) => (
            <option key={w} value={w}>
              {formatWeek(w)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="rounded bg-brand-600 px-3 py-1 font-medium text-white hover:bg-brand-700"
      >
        Show week
      </button>
    </form>
  );
}
