"use client";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { langForText } from "@/lib/script";
import { MAX_SEARCH_LENGTH } from "@/lib/limits";

type Suggestion = { id: string; href: string; label: string; detail: string | null };
type Group = { name: string; items: Suggestion[] };
type TitleJson = { slug: string; title: string; year: number | null };
type ApiResults = {
  films: TitleJson[];
  series: TitleJson[];
  people: { slug: string; name: string; nativeName: string | null }[];
};

const PER_KIND = 5;
const DEBOUNCE_MS = 150;

function groupsOf(data: ApiResults, idPrefix: string): Group[] {
  const titles = (kind: "films" | "series", list: TitleJson[]) =>
    list.map((t) => ({
      id: `${idPrefix}-${kind}-${t.slug}`,
      href: `/${kind}/${t.slug}`,
      label: t.title,
      detail: t.year != null ? String(t.year) : null,
    }));
  return [
    { name: "Films", items: titles("films", data.films) },
    { name: "Series", items: titles("series", data.series) },
    {
      name: "People",
      items: data.people.map((p) => ({
        id: `${idPrefix}-people-${p.slug}`,
        href: `/people/${p.slug}`,
        label: p.name,
        detail: p.nativeName,
      })),
    },
  ].filter((g) => g.items.length > 0);
}

/**
 * The header's search: a plain GET form to /search (which works without JavaScript), enhanced
 * into a combobox with suggestions (WAI-ARIA APG "combobox with listbox popup").
 */
export function SearchBox() {
  const router = useRouter();
  const id = useId();
  const listId = `${id}-list`;
  const [q, setQ] = useState("");
  const [groups, setGroups] = useState<Group[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const request = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const options = groups.flatMap((g) => g.items);
  const activeOption = active >= 0 ? options[active] : undefined;

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
    fetch(`/api/search?${new URLSearchParams({ q: text, limit: String(PER_KIND) })}`, {
      signal: controller.signal,
    })
      .then((r) => (r.ok ? (r.json() as Promise<ApiResults>) : null))
      .then((data) => {
        if (controller.signal.aborted || !data) return;
        const next = groupsOf(data, id);
        const count = next.reduce((n, g) => n + g.items.length, 0);
        setGroups(next);
        setActive(-1);
        setOpen(true);
        setAnnouncement(
          count === 0
            ? "No suggestions"
            : `${count} suggestion${count === 1 ? "" : "s"}, use the up and down arrows to choose`,
        );
      })
      .catch(() => {
        // aborted or offline: the form still submits to /search
      });
  }

  function onChange(value: string) {
    setQ(value);
    clearTimeout(timer.current);
    const text = value.trim();
    if (!text) {
      request.current?.abort();
      setGroups([]);
      setOpen(false);
      setActive(-1);
      return;
    }
    timer.current = setTimeout(() => suggest(text), DEBOUNCE_MS);
  }

  function go(option: Suggestion) {
    onChange("");
    router.push(option.href);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (options.length === 0) return;
      event.preventDefault();
      setOpen(true);
      const n = options.length;
      const down = event.key === "ArrowDown";
      // both directions wrap around, as in the APG example
      setActive((i) => (down ? (i + 1) % n : i <= 0 ? n - 1 : i - 1));
    } else if (event.key === "Enter" && open && activeOption) {
      event.preventDefault();
      go(activeOption);
    } else if (event.key === "Escape") {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else {
        onChange("");
      }
    }
  }

  const expanded = open && groups.length > 0;
  return (
    <form role="search" action="/search" method="get" className="relative flex gap-1">
      <label htmlFor={`${id}-q`} className="sr-only">
        Search films, series and people
      </label>
      <input
        id={`${id}-q`}
        type="text"
        name="q"
        value={q}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => groups.length > 0 && setOpen(true)}
        maxLength={MAX_SEARCH_LENGTH}
        placeholder="Films, series, people"
        autoComplete="off"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && activeOption ? activeOption.id : undefined}
        className="w-44 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 sm:w-56 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      />
      <button
        type="submit"
        className="rounded-md border border-zinc-300 px-2 py-1 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        Search
      </button>
      <div
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!expanded}
        // keep focus in the input while a suggestion is clicked
        onMouseDown={(e) => e.preventDefault()}
        className="absolute left-0 top-full z-20 mt-1 max-h-96 w-80 overflow-y-auto rounded-md border border-zinc-200 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
      >
        {groups.map((group) => (
          <div key={group.name} role="group" aria-labelledby={`${id}-${group.name}`}>
            <div
              id={`${id}-${group.name}`}
              role="presentation"
              className="px-3 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400"
            >
              {group.name}
            </div>
            {group.items.map((option) => (
              <div
                key={option.id}
                id={option.id}
                role="option"
                aria-selected={option === activeOption}
                onClick={() => go(option)}
                onMouseMove={() => setActive(options.indexOf(option))}
                className="cursor-pointer px-3 py-1.5 aria-selected:bg-brand-50 aria-selected:outline-2 aria-selected:outline-brand-600 dark:aria-selected:bg-zinc-800"
              >
                {option.label}
                {option.detail ? (
                  <span
                    lang={langForText(option.detail)}
                    className="text-zinc-600 dark:text-zinc-400"
                  >
                    {" "}
                    · {option.detail}
                  </span>
                ) : null}
              </div>
            ))}
          </div>
        ))}
      </div>
      <div role="status" aria-live="polite" className="sr-only">
        {announcement}
      </div>
    </form>
  );
}
