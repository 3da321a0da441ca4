import type { Metadata } from "next";
import Link from "next/link";
import type { ChartPeak, FilmHit, PersonHit, SearchResults, SeriesHit } from "@/db/queries/search";
import { formatInteger, plural } from "@/lib/format";
import { langForText } from "@/lib/script";
import { isSearchable, MAX_SEARCH_LENGTH, SEARCH_PAGE_SIZE } from "@/lib/search/query";
import { SearchPageForm } from "./search-page-form";
import { listBySlug } from "@/lib/top10/lists";

/** `Peaked at #1 on Films (Non-English) · 5 weeks in the Top 10`. */
export function peakLabel(peak: ChartPeak): string {
  const list = listBySlug(peak.list)?.label ?? peak.list;
  return `Peaked at #${peak.rank} on ${list} · ${plural(peak.weeks, "week")} in the Top 10`;
}

function TitleHitItem({
  hit,
  href,
  rating,
}: {
  hit: SeriesHit;
  href: string;
  rating?: FilmHit["rating"];
}) {
  return (
    <li className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <Link href={href} className="text-lg font-semibold hover:underline">
        {hit.title}
      </Link>{" "}
      {hit.year != null ? (
        <span className="text-zinc-600 dark:text-zinc-400">({hit.year})</span>
      ) : null}
      {hit.originalTitle && hit.originalTitle !== hit.title ? (
        <p
          lang={hit.originalLanguage ?? langForText(hit.originalTitle)}
          className="text-zinc-700 dark:text-zinc-300"
        >
          {hit.originalTitle}
        </p>
      ) : null}
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {hit.peak ? peakLabel(hit.peak) : "Not in the global Top 10"}
        {rating !== undefined
          ? rating
            ? ` · Rated ${rating.average.toFixed(1)} of 5 by ${plural(rating.count, "viewer")}`
            : " · No ratings yet"
          : null}
      </p>
    </li>
  );
}

function PersonHitItem({ hit }: { hit: PersonHit }) {
  return (
    <li className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <Link href={`/people/${hit.slug}`} className="text-lg font-semibold hover:underline">
        {hit.name}
      </Link>
      {hit.nativeName && hit.nativeName !== hit.name ? (
        <span lang={langForText(hit.nativeName)} className="text-zinc-700 dark:text-zinc-300">
          {" "}
          {hit.nativeName}
        </span>
      ) : null}
      {hit.knownFor.length ? (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Known for{" "}
          {hit.knownFor.map((f, i) => (
            <span key={f.slug}>
              {i > 0 ? ", " : null}
              <Link href={`/films/${f.slug}`} className="underline">
                {f.title}
              </Link>
              {f.year != null ? ` (${f.year})` : null}
            </span>
          ))}
        </p>
      ) : null}
    </li>
  );
}

function Group({
  id,
  title,
  count,
  children,
}: {
  id: string;
  title: string;
  count: number;
  children: React.ReactNode;
}) {
  if (count === 0) return null;
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-xl font-semibold">
        {title}{" "}
        <span className="font-normal text-zinc-600 dark:text-zinc-400">
          ({formatInteger(count)})
        </span>
      </h2>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2">{children}</ul>
    </section>
  );
}

/** Search hits grouped as Films, Series and People, each with what tells similar titles apart. */
export function SearchResultGroups({ results }: { results: SearchResults }) {
  return (
    <>
      <Group id="results-films" title="Films" count={results.films.length}>
        {results.films.map((f) => (
          <TitleHitItem key={f.slug} hit={f} href={`/films/${f.slug}`} rating={f.rating} />
        ))}
      </Group>
      <Group id="results-series" title="Series" count={results.series.length}>
        {results.series.map((s) => (
          <TitleHitItem key={s.slug} hit={s} href={`/series/${s.slug}`} />
        ))}
      </Group>
      <Group id="results-people" title="People" count={results.people.length}>
        {results.people.map((p) => (
          <PersonHitItem key={p.slug} hit={p} />
        ))}
      </Group>
    </>
  );
}

export function searchMetadata(q: string): Metadata {
  return {
    title: isSearchable(q) ? `Search: ${q.slice(0, 80)}` : "Search",
    robots: { index: false, follow: true },
  };
}

/** The heading, the form and the results (or why there are none) for a cleaned query. */
export function SearchOutcome({ q, results }: { q: string; results: SearchResults }) {
  const tooLong = q.length > MAX_SEARCH_LENGTH;
  const total = results.films.length + results.series.length + results.people.length;
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">
        {tooLong || !isSearchable(q) ? "Search" : `${plural(total, "result")} for “${q}”`}
      </h1>
      <SearchPageForm q={tooLong ? "" : q} />
      {tooLong ? (
        <p role="alert" className="mt-6">
          Search with at most {MAX_SEARCH_LENGTH} characters.
        </p>
      ) : !isSearchable(q) ? (
        <p className="mt-6">Type a title or a name, in any language, to search.</p>
      ) : total === 0 ? (
        <div className="mt-6 space-y-2 text-zinc-700 dark:text-zinc-300">
          <p>Nothing on Reelrank matches “{q}”.</p>
          <ul className="list-disc pl-6">
            <li>Check the spelling, or try fewer words.</li>
            <li>Try the original title (발레리나) or the English one (Ballerina).</li>
            <li>
              Browse <Link href="/films">all films</Link> or{" "}
              <Link href="/charts">this week’s charts</Link>.
            </li>
          </ul>
        </div>
      ) : (
        <>
          {[results.films, results.series, results.people].some(
            (group) => group.length === SEARCH_PAGE_SIZE,
          ) ? (
            <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">
              Showing the best {SEARCH_PAGE_SIZE} of each kind: add a word to narrow it down.
            </p>
          ) : null}
          <SearchResultGroups results={results} />
        </>
      )}
    </>
  );
}
