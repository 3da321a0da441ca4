"use client";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

export type FilmOption = { slug: string; title: string; year: number | null };

const LIMIT = 8;
const DEBOUNCE_MS = 150;

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
  const [q, setQ] = useState("");
  const [options, setOptions] = useState<FilmOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const request = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      request.current?.abort();
    },
    [],
  );

  function suggest(text: string) {
    // a newer keystroke cancels the older request, so a slow answer never replaces a newer one
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    fetch(`/api/search?${new URLSearchParams({ q: text, limit: String(LIMIT) })}`, {
      signal: controller.signal,
    })
      .then((r) => (r.ok ? (r.json() as Promise<{ films: FilmOption[] }>) : null))
      .then((data) => {
        if (controller.signal.aborted || !data) return;
        setOptions(data.films);
        setActive(-1);
        setOpen(true);
        const n = data.films.length;
        setAnnouncement(
          n === 0
            ? "No films found"
            : `${n} film${n === 1 ? "" : "s"} found, use the up and down arrows to choose`,
        );
      })
      .catch(() => {
        // aborted or offline: nothing to suggest
      });
  }

  function onChange(value: string) {
    setQ(value);
    clearTimeout(timer.current);
    const text = value.trim();
    if (!text) {
      request.current?.abort();
      setOptions([]);
      setOpen(false);
      setActive(-1);
      return;
    }
    timer.current = setTimeout(() => suggest(text), DEBOUNCE_MS);
  }

  function pick(option: FilmOption) {
    onChange("");
    onPick(option);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const n = options.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (n === 0) return;
      event.preventDefault();
      setOpen(true);
      const down = event.key === "ArrowDown";
      setActive((i) => (down ? (i + 1) % n : i <= 0 ? n - 1 : i - 1));
    } else if (event.key === "Enter") {
      // Enter never submits anything around the box
      event.preventDefault();
      const option = open ? options[active] : undefined;
      if (option) pick(option);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else onChange("");
    }
  }

  const expanded = open && options.length > 0;
  const activeOption = active >= 0 ? options[active] : undefined;
  const optionId = (o: FilmOption) => `${id}-film-${o.slug}`;
  return (
    <div className="relative flex max-w-xl flex-col gap-1">
      <label htmlFor={`${id}-q`} className="text-sm font-medium">
        Add a film
      </label>
      <input
        id={`${id}-q`}
        type="text"
        value={q}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => options.length > 0 && setOpen(true)}
        placeholder="Search by title"
        autoComplete="off"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && activeOption ? optionId(activeOption) : undefined}
        className="rounded border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Films found"
        hidden={!expanded}
        // keep focus in the input while an option is clicked
        onMouseDown={(e) => e.preventDefault()}
        className="absolute left-0 top-full z-20 mt-1 max-h-80 w-full overflow-y-auto rounded-md border border-zinc-200 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      >
        {options.map((option, i) => (
          <li
            key={option.slug}
            id={optionId(option)}
            role="option"
            aria-selected={option === activeOption}
            onClick={() => pick(option)}
            onMouseMove={() => setActive(i)}
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
        {announcement}
      </div>
    </div>
  );
}
