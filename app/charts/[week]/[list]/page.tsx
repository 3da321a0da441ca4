import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BUILD_PLACEHOLDER, loadChartWeek } from "@/db/cached";
import { ChartFigureCells, ChartFigureHeaders } from "@/components/chart-figures";
import { chartHref } from "@/components/chart-history";
import { WeekPicker } from "@/components/week-picker";
import { LISTS, listBySlug } from "@/lib/top10/lists";
import { formatWeek } from "@/lib/top10/week";
import { langForText } from "@/lib/script";

// `/charts` is rewritten here as `/charts/latest/films-english` (next.config.ts).
type Props = { params: Promise<{ week: string; list: string }> };

export function generateStaticParams() {
  return [{ week: BUILD_PLACEHOLDER, list: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await params;
  const chart = await loadChartWeek(p.week, p.list);
  if (!chart) return { title: "Chart not found" };
  const label = listBySlug(chart.list)!.label;
  return {
    title: `Netflix Top 10 ${label}, ${formatWeek(chart.week)}`,
    description: `The ten most-watched ${label} on Netflix for the week of ${formatWeek(chart.week)}: rank, movement, views, hours and weeks in the Top 10.`,
    alternates: {
      canonical: chartHref(chart.week, chart.list),
      types: {
        "application/atom+xml": [
          { url: "/charts/feed.xml", title: "Netflix Top 10, week by week" },
        ],
      },
    },
  };
}

export default async function ChartPage({ params }: Props) {
  const p = await params;
  const chart = await loadChartWeek(p.week, p.list);
  if (!chart) notFound();
  const list = listBySlug(chart.list)!;
  const byRank = new Map(chart.rows.map((r) => [r.rank, r]));

  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">Netflix Top 10</h1>
      <p className="mt-1 text-lg">
        Week of <time dateTime={chart.week}>{formatWeek(chart.week)}</time>
      </p>

      <div className="mt-6 flex flex-wrap items-end gap-4">
        <nav aria-label="Weeks" className="flex gap-3 text-sm">
          {chart.previousWeek ? (
            <Link href={chartHref(chart.previousWeek, chart.list)} rel="prev" className="underline">
              ← Week before
            </Link>
          ) : null}
          {chart.nextWeek ? (
            <Link href={chartHref(chart.nextWeek, chart.list)} rel="next" className="underline">
              Week after →
            </Link>
          ) : null}
        </nav>
        <WeekPicker list={chart.list} week={chart.week} weeks={chart.weeks} />
      </div>

      <nav aria-label="Lists" className="mt-6 flex flex-wrap gap-2 text-sm">
        {LISTS.map((l) =>
          chart.lists.includes(l.slug) ? (
            <Link
              key={l.slug}
              href={chartHref(chart.week, l.slug)}
              aria-current={l.slug === chart.list ? "page" : undefined}
              className="rounded-full border border-zinc-300 px-3 py-1 no-underline aria-[current=page]:border-brand-600 aria-[current=page]:bg-brand-600 aria-[current=page]:text-white dark:border-zinc-700"
            >
              {l.label}
            </Link>
          ) : null,
        )}
        <Link
          href="/charts/most-popular"
          className="ml-auto rounded-full px-3 py-1 text-brand-700 underline-offset-2 hover:underline dark:text-brand-400"
        >
          Most popular of all time
        </Link>
      </nav>

      <div
        className="relative mt-6 overflow-x-auto"
        tabIndex={0}
        role="region"
        aria-label={`${list.label} table`}
      >
        <table className="data min-w-[40rem]" data-figures="4">
          <caption className="mb-2 text-left text-lg font-semibold">
            {list.label} · {formatWeek(chart.week)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Title</th>
              <ChartFigureHeaders />
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: 10 }, (_, i) => i + 1).map((rank) => {
              const r = byRank.get(rank);
              if (!r) {
                return (
                  <tr key={rank} className="muted">
                    <td className="text-left font-semibold">#{rank}</td>
                    <td className="text-left" colSpan={6}>
                      Not in Reelrank&apos;s data
                    </td>
                  </tr>
                );
              }
              const name = r.seasonTitle ?? r.showTitle;
              return (
                <tr key={rank}>
                  <td className="text-base font-bold">#{rank}</td>
                  <th scope="row" className="font-medium">
                    {r.film || r.series ? (
                      <Link
                        href={r.film ? `/films/${r.film.slug}` : `/series/${r.series!.slug}`}
                        className="no-underline hover:underline"
                        lang={langForText(name)}
                      >
                        {name}
                      </Link>
                    ) : (
                      <span lang={langForText(name)}>{name}</span>
                    )}
                  </th>
                  <ChartFigureCells row={r} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
        Source: Netflix Top 10, week of {formatWeek(chart.week)}.{" "}
        <Link href="/about" className="underline">
          About these figures
        </Link>
      </p>
    </>
  );
}
