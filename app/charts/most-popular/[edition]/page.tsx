import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BUILD_PLACEHOLDER, loadMostPopular } from "@/db/cached";
import type { MostPopularRow } from "@/db/queries/charts";
import { formatInteger, formatRuntime } from "@/lib/format";
import { langForText } from "@/lib/script";
import { LISTS } from "@/lib/top10/lists";
import { formatCompact } from "@/lib/top10/summary";

// Reached through the rewrite of `/charts/most-popular` (next.config.ts), so that it is rendered
// from the database on its first request rather than at build time.
type Props = { params: Promise<{ edition: string }> };

export function generateStaticParams() {
  return [{ edition: BUILD_PLACEHOLDER }];
}

export const metadata: Metadata = {
  title: "Most popular on Netflix of all time",
  description:
    "Netflix's all-time most popular films and series in English and other languages, ranked by views in their first 91 days.",
  alternates: { canonical: "/charts/most-popular" },
};

export default async function MostPopularPage({ params }: Props) {
  const { edition } = await params;
  if (edition !== "current") notFound();
  const rows = await loadMostPopular();
  const days = rows[0]?.windowDays ?? 91;
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Most popular of all time</h1>
      <p className="mt-3 max-w-prose text-zinc-700 dark:text-zinc-300">
        Netflix&apos;s own all-time lists: each title ranked by its views in its first {days} days
        on Netflix. Views are hours viewed divided by the title&apos;s runtime. Since June 2023
        Netflix ranks by views over 91 days; before that it ranked by hours viewed over 28 days, so
        older figures you may have seen elsewhere are not comparable.{" "}
        <Link href="/charts" className="underline">
          This week&apos;s charts
        </Link>
      </p>
      {rows.length === 0 ? (
        <p className="mt-6">Reelrank has no most-popular lists yet.</p>
      ) : (
        <div className="mt-6 grid gap-8 lg:grid-cols-2">
          {LISTS.map((list) => (
            <PopularList
              key={list.slug}
              label={list.label}
              slug={list.slug}
              rows={rows.filter((r) => r.list === list.slug)}
            />
          ))}
        </div>
      )}
      <p className="mt-6 text-xs text-zinc-600 dark:text-zinc-400">
        Source: Netflix Top 10, most popular lists (netflix.com/tudum/top10).
      </p>
    </>
  );
}

function PopularList({
  label,
  slug,
  rows,
}: {
  label: string;
  slug: string;
  rows: MostPopularRow[];
}) {
  if (rows.length === 0) return null;
  const byViews = rows.some((r) => r.views != null);
  return (
    <section aria-labelledby={`list-${slug}`}>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby={`list-${slug}`}>
        <table className="w-full text-left text-sm tabular-nums">
          <caption id={`list-${slug}`} className="mb-2 text-left text-lg font-semibold">
            {label}
          </caption>
          <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Rank
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Title
              </th>
              {byViews ? (
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  Views
                </th>
              ) : null}
              <th scope="col" className="py-2 pr-3 text-right font-medium">
                Hours
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                Runtime (Netflix)
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const name = r.seasonTitle ?? r.showTitle;
              const href = r.film
                ? `/films/${r.film.slug}`
                : r.series
                  ? `/series/${r.series.slug}`
                  : null;
              return (
                <tr key={r.rank} className="border-b border-zinc-100 dark:border-zinc-900">
                  <td className="py-2 pr-3 font-bold">#{r.rank}</td>
                  <th scope="row" className="py-2 pr-3 font-medium" lang={langForText(name)}>
                    {href ? (
                      <Link href={href} className="hover:underline">
                        {name}
                      </Link>
                    ) : (
                      name
                    )}
                  </th>
                  {byViews ? (
                    <td className="py-2 pr-3 text-right">
                      {r.views != null ? (
                        <data value={r.views} title={formatInteger(r.views)}>
                          {formatCompact(r.views)}
                        </data>
                      ) : (
                        "—"
                      )}
                    </td>
                  ) : null}
                  <td className="py-2 pr-3 text-right">
                    <data value={r.hoursViewed} title={formatInteger(r.hoursViewed)}>
                      {formatCompact(r.hoursViewed)}
                    </data>
                  </td>
                  <td className="py-2 text-right">
                    {r.runtimeHours != null ? formatRuntime(Math.round(r.runtimeHours * 60)) : "—"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
