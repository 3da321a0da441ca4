import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BUILD_PLACEHOLDER, loadLatestFilms } from "@/db/cached";
import { FilmList } from "@/components/film-list";

// The front page, reached through the rewrite of `/` in next.config.ts, so that it is rendered
// from the database on its first request rather than at build time.
type Props = { params: Promise<{ edition: string }> };

export const metadata: Metadata = {
  title: { absolute: "Reelrank — Netflix Top 10 chart runs and viewer reviews" },
  description:
    "Every film's week-by-week Netflix Top 10 history, with reviews and half-star ratings from people who watched it.",
  alternates: { canonical: "/" },
};

export function generateStaticParams() {
  return [{ edition: BUILD_PLACEHOLDER }];
}

export default async function HomePage({ params }: Props) {
  const { edition } = await params;
  if (edition !== "current") notFound();
  const films = await loadLatestFilms();
  return (
    <>
      <section className="max-w-2xl">
        <h1 className="text-4xl font-bold tracking-tight">
          Netflix chart runs, and what viewers thought
        </h1>
        <p className="mt-4 text-lg text-zinc-700 dark:text-zinc-300">
          Reelrank pairs every film&apos;s week-by-week Netflix Top 10 history with reviews and
          ratings from people who watched it.
        </p>
      </section>
      <section aria-labelledby="latest" className="mt-10">
        <div className="flex items-baseline justify-between">
          <h2 id="latest" className="text-xl font-semibold">
            Latest releases
          </h2>
          <Link href="/films" className="text-sm underline">
            All films
          </Link>
        </div>
        <div className="mt-4">
          <FilmList films={films} />
        </div>
      </section>
    </>
  );
}
