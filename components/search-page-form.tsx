import { MAX_SEARCH_LENGTH } from "@/lib/limits";

/** The search form of /search itself: a plain GET form, so it works without JavaScript. */
export function SearchPageForm({ q }: { q: string }) {
  return (
    <form role="search" action="/search" method="get" className="mt-4 flex max-w-xl gap-2">
      <label htmlFor="search-page-q" className="sr-only">
        Search films, series and people
      </label>
      <input
        id="search-page-q"
        type="search"
        name="q"
        defaultValue={q}
        maxLength={MAX_SEARCH_LENGTH}
        className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-2 text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      />
      <button
        type="submit"
        className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        Search
      </button>
    </form>
  );
}
