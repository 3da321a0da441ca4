import type { Metadata } from "next";
import { SearchPageForm } from "@/components/search-page-form";

export const metadata: Metadata = {
  title: "Search",
  description: "Find a film, series or person on Reelrank.",
  robots: { index: false, follow: true },
};

/** `/search` with no query; `/search?q=…` is rewritten to /search/results/[q] (next.config.ts). */
export default function SearchPage() {
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Search</h1>
      <SearchPageForm q="" />
      <p className="mt-6 text-zinc-600 dark:text-zinc-400">
        Search films and series by their English or original title, and people by name, in any
        script: accents, capitals and small typos don’t matter.
      </p>
    </>
  );
}
