import type { Metadata } from "next";
import { Suspense } from "react";
import { loadSearchPage } from "@/db/cached";
import { SearchOutcome, searchMetadata } from "@/components/search-results";
import { cleanSearchText } from "@/lib/search/query";

// Dynamic on purpose: reached through the rewrite in next.config.ts only for queries a path
// segment cannot carry (`AC/DC`, `100%`, `what?`). The results still come from the cached loader.
type Props = { searchParams: Promise<{ q?: string | string[] }> };

async function queryOf(searchParams: Props["searchParams"]): Promise<string> {
  const { q } = await searchParams;
  return cleanSearchText(typeof q === "string" ? q : (q?.[0] ?? ""));
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return searchMetadata(await queryOf(searchParams));
}

async function Results({ searchParams }: Props) {
  const q = await queryOf(searchParams);
  return <SearchOutcome q={q} results={await loadSearchPage(q)} />;
}

export default function SearchQueryPage({ searchParams }: Props) {
  return (
    <Suspense fallback={<h1 className="text-3xl font-bold tracking-tight">Searching…</h1>}>
      <Results searchParams={searchParams} />
    </Suspense>
  );
}
