import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { BUILD_PLACEHOLDER, loadRedirect, loadSeries } from "@/db/cached";
import { ChartHistory } from "@/components/chart-history";
import { langForText } from "@/lib/script";

type Props = { params: Promise<{ slug: string }> };

export function generateStaticParams() {
  return [{ slug: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const s = await loadSeries((await params).slug);
  if (!s) return { title: "Series not found" };
  return {
    title: s.title,
    description: `${s.title}: every season's run on Netflix's weekly Top 10.`,
    alternates: { canonical: `/series/${s.slug}` },
  };
}

export default async function SeriesPage({ params }: Props) {
  const { slug } = await params;
  const s = await loadSeries(slug);
  if (!s) {
    const moved = await loadRedirect("series", slug);
    if (moved) permanentRedirect(`/series/${moved}`);
    notFound();
  }
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl" lang={langForText(s.title)}>
        {s.title}
      </h1>
      {s.originalTitle && s.originalTitle !== s.title ? (
        <p className="mt-1 text-lg" lang={s.originalLanguage ?? langForText(s.originalTitle)}>
          {s.originalTitle}
        </p>
      ) : null}
      <p className="mt-2 text-zinc-700 dark:text-zinc-300">
        TV series
        {s.seasons.length ? ` · on the charts: ${s.seasons.join(", ")}` : ""}
      </p>
      <ChartHistory rows={s.chart} revisions={s.revisions} title={s.title} />
    </div>
  );
}
