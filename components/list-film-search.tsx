"use client";
import { useId } from "react";
import { useSearchCombobox } from "./use-search-combobox";

export type FilmOption = { slug: string; title: string; year: number | null };

const LIMIT = 8;

/**
 * "Add a film": a combobox over /api/search's films (WAI-ARIA APG "combobox with listbox popup",
 * as the header's search): type, choose with the arrows and Enter, or click.
 */
export function ListFilmSearch({
  onPick,
  disabled,
}: {
  onPick: (film: FilmOption) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const box = useSearchCombobox({
    limit: LIMIT,
    parse: (json) => (json as { films: FilmOption[] }).films,
    optionsOf: (films: FilmOption[]) => films,
    announce: (n) =>
      n === 0
        ? "No films found"
        : `${n} film${n === 1 ? "" : "s"} found, use the up and down arrows to choose`,
    choose: onPick,
    // Enter never submits anything around the box
    enterSubmits: false,
  });
  const optionId = (o: FilmOption) => `${id}-film-${o.slug}`;
  return (
    <div className="relative flex max-w-xl flex-col gap-1">
      <label htmlFor={`${id}-q`} className="text-sm font-medium">
        Add a film
      </label>
      <input
        id={`${id}-q`}
        type="text"
        value={box.q}
        disabled={disabled}
        onChange={(e) => box.onChange(e.target.value)}
        onKeyDown={box.onKeyDown}
        onBlur={box.close}
        onFocus={box.reopen}
        placeholder="Search by title"
        autoComplete="off"
        role="combobox"
        aria-expanded={box.expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={
          box.expanded && box.activeOption ? optionId(box.activeOption) : undefined
        }
        className="rounded border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Films found"
        hidden={!box.expanded}
        // keep focus in the input while an option is clicked
        onMouseDown={(e) => e.preventDefault()}
        className="absolute left-0 top-full z-20 mt-1 max-h-80 w-full overflow-y-auto rounded-md border border-zinc-200 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      >
        {box.options.map((option, i) => (
          <li
            key={option.slug}
            id={optionId(option)}
            role="option"
            aria-selected={option === box.activeOption}
            onClick={() => box.pick(option)}
            onMouseMove={() => box.hover(i)}
            className="cursor-pointer px-3 py-1.5 aria-selected:bg-brand-50 aria-selected:outline-2 aria-selected:outline-brand-600 dark:aria-selected:bg-zinc-800"
          >
            {option.title}
            {option.year != null ? (
              <span className="text-zinc-600 dark:text-zinc-400"> · {option.year}</span>
            ) : null}
          </li>
        ))}
      </ul>
      <div role="status" aria-live="polite" className="sr-only">
        {box.announcement}
      </div>
    </div>
  );
}
