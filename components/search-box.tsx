"use client";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { langForText } from "@/lib/script";
import { MAX_SEARCH_LENGTH } from "@/lib/limits";
import { useSearchCombobox } from "./use-search-combobox";

type Suggestion = { id: string; href: string; label: string; detail: string | null };
type Group = { name: string; items: Suggestion[] };
type TitleJson = { slug: string; title: string; year: number | null };
type ApiResults = {
  films: TitleJson[];
  series: TitleJson[];
  people: { slug: string; name: string; nativeName: string | null }[];
};

const PER_KIND = 5;

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
  const box = useSearchCombobox({
    limit: PER_KIND,
    parse: (json) => groupsOf(json as ApiResults, id),
    optionsOf: (groups: Group[]) => groups.flatMap((g) => g.items),
    announce: (n) =>
      n === 0
        ? "No suggestions"
        : `${n} suggestion${n === 1 ? "" : "s"}, use the up and down arrows to choose`,
    choose: (option: Suggestion) => router.push(option.href),
    // with nothing chosen, Enter submits the form to /search
    enterSubmits: true,
  });
  const groups = box.result ?? [];
  return (
    <form role="search" action="/search" method="get" className="relative flex gap-1">
      <label htmlFor={`${id}-q`} className="sr-only">
        Search films, series and people
      </label>
      <input
        id={`${id}-q`}
        type="text"
        name="q"
        value={box.q}
        onChange={(e) => box.onChange(e.target.value)}
        onKeyDown={box.onKeyDown}
        onBlur={box.close}
        onFocus={box.reopen}
        maxLength={MAX_SEARCH_LENGTH}
        placeholder="Films, series, people"
        autoComplete="off"
        role="combobox"
        aria-expanded={box.expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={box.expanded && box.activeOption ? box.activeOption.id : undefined}
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
        hidden={!box.expanded}
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
                aria-selected={option === box.activeOption}
                onClick={() => box.pick(option)}
                onMouseMove={() => box.hover(box.options.indexOf(option))}
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
        {box.announcement}
      </div>
    </form>
  );
}
