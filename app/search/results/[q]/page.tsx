import type { Metadata } from "next";
import { BUILD_PLACEHOLDER, loadSearchPage } from "@/db/cached";
import { SearchOutcome, searchMetadata } from "@/components/search-results";
import { cleanSearchText } from "@/lib/search/query";

// Reached through the rewrite of `/search?q=…` in next.config.ts, so that this page reads no
// request data and each query's page is cached like any shared page.
type Props = { params: Promise<{ q: string }> };

export function generateStaticParams() {
  return [{ q: BUILD_PLACEHOLDER }];
}

/** The query as typed: the segment arrives percent-encoded when it holds non-ASCII text. */
async function queryOf(params: Props["params"]): Promise<string> {
  const { q } = await params;
  let text = q;
  try {
    text = decodeURIComponent(q);
  } catch {
    // a malformed escape in a hand-typed address is kept as text
  }
  return cleanSearchText(text);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const q = await queryOf(params);
  return searchMetadata(q);
}

export default async function SearchResultsPage({ params }: Props) {
  const q = await queryOf(params);
  return <SearchOutcome q={q} results={await loadSearchPage(q)} />;
}
