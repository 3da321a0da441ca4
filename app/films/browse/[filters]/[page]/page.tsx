import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  BUILD_PLACEHOLDER,
  FILMS_PAGE_SIZE,
  loadCatalogueFacets,
  loadCataloguePage,
} from "@/db/cached";
import type { BrowseRow } from "@/db/queries/browse";
import {
  BEST_RANKS,
  BROWSE_SORTS,
  browseHref,
  decadeLabel,
  hasFilters,
  parseFiltersSegment,
  type BrowseFilters,
  type BrowseSort,
} from "@/lib/browse";
import { formatInteger, languageName, plural } from "@/lib/format";
import { langForText } from "@/lib/script";
import { formatCompact } from "@/lib/top10/summary";

// Reached through proxy.ts, which rewrites `/films?…` to one canonical segment per set of filters.
type Props = { params: Promise<{ filters: string; page: string }> };

export function generateStaticParams() {
  return [{ filters: BUILD_PLACEHOLDER, page: BUILD_PLACEHOLDER }];
}

function parse(p: { filters: string; page: string }) {
  const filters = parseFiltersSegment(p.filters);
  if (!filters || !/^[1-9]\d{0,4}$/.test(p.page)) return null;
  return { filters, page: Number(p.page) };
}

const SORT_LABELS: Record<BrowseSort, string> = {
  title: "Title",
  rank: "Best rank reached",
  views: "Views",
  weeks: "Weeks in the Top 10",
  rating: "Average rating",
  ratings: "Number of ratings",
  newest: "Newest",
};

function heading(f: BrowseFilters): string {
  return f.kind === "film" ? "Films" : f.kind === "series" ? "Series" : "Films and series";
}

/** The filters in words: `Non-English lists · 2020s · Korean · peaked in the top 3`. */
function describe(f: BrowseFilters): string {
  return [
    f.list === "english" ? "English lists" : f.list === "non-english" ? "Non-English lists" : null,
    f.year != null ? String(f.year) : null,
    f.decade != null ? decadeLabel(f.decade) : null,
    f.lang ? languageName(f.lang) : null,
    f.best === 1 ? "reached #1" : f.best ? `peaked in the top ${f.best}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const parsed = parse(await params);
  if (!parsed) return { title: "Films not found" };
  const { filters, page } = parsed;
  const words = describe(filters);
  const sorted = filters.sort === "title" ? "" : `, by ${SORT_LABELS[filters.sort].toLowerCase()}`;
  return {
    title: `${heading(filters)}${words ? ` — ${words}` : ""}${sorted}${page > 1 ? ` — page ${page}` : ""}`,
    description: `${heading(filters)}${words ? ` (${words})` : ""} on Reelrank${sorted}${page > 1 ? `, page ${page}` : ""}, each with its Netflix Top 10 run: best rank, weeks in the Top 10, views and viewer rating.`,
    alternates: { canonical: browseHref(filters, page) },
  };
}

const select =
  "rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900";

function Select({
  id,
  label,
  value,
  options,
}: {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="flex flex-col">
      <label htmlFor={`filter-${id}`} className="text-xs text-zinc-600 dark:text-zinc-400">
        {label}
      </label>
      <select id={`filter-${id}`} name={id} defaultValue={value} className={select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const any = { value: "", label: "Any" };

function Missing() {
  return <span className="text-zinc-600 dark:text-zinc-400">—</span>;
}

function lists(r: BrowseRow): string | null {
  if (r.english && r.nonEnglish) return "English, Non-English";
  return r.english ? "English" : r.nonEnglish ? "Non-English" : null;
}

export default async function BrowsePage({ params }: Props) {
  const parsed = parse(await params);
  if (!parsed) notFound();
  const { filters, page } = parsed;
  const [{ rows, total }, facets] = await Promise.all([
    loadCataloguePage(filters, page),
    loadCatalogueFacets(),
  ]);
  const pages = Math.max(1, Math.ceil(total / FILMS_PAGE_SIZE));
  if (page > pages) notFound();
  const decades = [...new Set(facets.years.map((y) => y - (y % 10)))];
  const languages = facets.languages
    .map((code) => ({ value: code, label: languageName(code) ?? code }))
    .sort((a, b) => a.label.localeCompare(b.label, "en"));
  const words = describe(filters);

  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">{heading(filters)}</h1>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        {plural(total, "title")}
        {words ? ` · ${words}` : ""}
        {filters.sort === "title" ? "" : ` · by ${SORT_LABELS[filters.sort].toLowerCase()}`}
      </p>

      <form
        method="get"
        action="/films"
        aria-label="Filter and sort"
        className="mt-6 flex flex-wrap items-end gap-3 text-sm"
      >
        <Select
          id="list"
          label="Netflix list"
          value={filters.list ?? ""}
          options={[
            any,
            { value: "english", label: "English" },
            { value: "non-english", label: "Non-English" },
          ]}
        />
        <Select
          id="kind"
          label="Kind"
          value={filters.kind ?? ""}
          options={[any, { value: "film", label: "Films" }, { value: "series", label: "Series" }]}
        />
        <Select
          id="decade"
          label="Decade"
          value={filters.decade != null ? decadeLabel(filters.decade) : ""}
          options={[any, ...decades.map((d) => ({ value: decadeLabel(d), label: decadeLabel(d) }))]}
        />
        <Select
          id="year"
          label="Year"
          value={filters.year != null ? String(filters.year) : ""}
          options={[any, ...facets.years.map((y) => ({ value: String(y), label: String(y) }))]}
        />
        <Select
          id="lang"
          label="Original language"
          value={filters.lang ?? ""}
          options={[any, ...languages]}
        />
        <Select
          id="best"
          label="Best rank reached"
          value={filters.best != null ? String(filters.best) : ""}
          options={[
            any,
            ...BEST_RANKS.map((b) => ({ value: String(b), label: b === 1 ? "#1" : `Top ${b}` })),
          ]}
        />
        <Select
          id="sort"
          label="Sort by"
          value={filters.sort}
          options={BROWSE_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
        />
        <button
          type="submit"
          className="rounded bg-brand-600 px-3 py-1 font-medium text-white hover:bg-brand-700"
        >
          Show titles
        </button>
        {hasFilters(filters) ? (
          <Link href={browseHref({ sort: filters.sort })} className="py-1 underline">
            Clear filters
          </Link>
        ) : null}
      </form>

      {rows.length === 0 ? (
        <p className="mt-8">No title matches these filters.</p>
      ) : (
        <div
          className="relative mt-6 overflow-x-auto"
          tabIndex={0}
          role="region"
          aria-label="Results table"
        >
          <table className="w-full min-w-[48rem] text-left text-sm tabular-nums">
            <caption className="sr-only">
              {heading(filters)}, page {page} of {pages}
            </caption>
            <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Title
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Year
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Kind
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Lists
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Best rank
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Weeks
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Views
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  Rating
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={`${r.kind}:${r.slug}`}
                  className="border-b border-zinc-100 dark:border-zinc-900"
                >
                  <th scope="row" className="py-2 pr-3 font-medium">
                    <Link
                      href={r.kind === "film" ? `/films/${r.slug}` : `/series/${r.slug}`}
                      className="hover:underline"
                    >
                      {r.title}
                    </Link>
                    {r.originalTitle && r.originalTitle !== r.title ? (
                      <span
                        lang={r.originalLanguage ?? langForText(r.originalTitle)}
                        className="block font-normal text-zinc-600 dark:text-zinc-400"
                      >
                        {r.originalTitle}
                      </span>
                    ) : null}
                  </th>
                  <td className="py-2 pr-3">{r.year ?? ""}</td>
                  <td className="py-2 pr-3">{r.kind === "film" ? "Film" : "Series"}</td>
                  <td className="py-2 pr-3">{lists(r) ?? <Missing />}</td>
                  <td className="py-2 pr-3 text-right">
                    {r.bestRank != null ? `#${r.bestRank}` : <Missing />}
                  </td>
                  <td className="py-2 pr-3 text-right">{r.weeks}</td>
                  <td className="py-2 pr-3 text-right">
                    {r.views != null ? (
                      <data value={r.views}>{formatCompact(r.views)}</data>
                    ) : (
                      <Missing />
                    )}
                  </td>
                  <td className="py-2 text-right">
                    {r.averageStars != null ? (
                      <>
                        {r.averageStars.toFixed(1)}
                        <span className="text-zinc-600 dark:text-zinc-400">
                          {" "}
                          ({plural(r.ratings, "rating")})
                        </span>
                      </>
                    ) : (
                      <Missing />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
        Views count only the weeks since June 2023, when Netflix began publishing them. Series are
        not rated on Reelrank.
      </p>

      {pages > 1 ? (
        <nav aria-label="Pages" className="mt-8 flex items-center justify-between text-sm">
          {page > 1 ? (
            <Link href={browseHref(filters, page - 1)} rel="prev" className="underline">
              ← Previous page
            </Link>
          ) : (
            <span />
          )}
          <span>
            Page {formatInteger(page)} of {formatInteger(pages)}
          </span>
          {page < pages ? (
            <Link href={browseHref(filters, page + 1)} rel="next" className="underline">
              Next page →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}
