import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BEST_RATED_MIN, BEST_RATED_PRIOR, BUILD_PLACEHOLDER, loadHome } from "@/db/cached";
import type { ChartRow } from "@/db/queries/charts";
import type { ReviewCard } from "@/db/queries/reviews";
import { chartHref } from "@/components/chart-history";
import { Stars } from "@/components/ui/stars";
import { formatDate, plural, titleWithYear } from "@/lib/format";
import { langForText } from "@/lib/script";
import { listBySlug, type ListSlug } from "@/lib/top10/lists";
import { movementLabel, movementOf, weekHighlights, type Movement } from "@/lib/top10/movement";
import { formatWeek } from "@/lib/top10/week";
import { AuthorLink } from "@/components/author-link";

// The front page, reached through the rewrite of `/` in next.config.ts, so that it is rendered
// from the database on its first request rather than at build time.
type Props = { params: Promise<{ edition: string }> };

export function generateStaticParams() {
  return [{ edition: BUILD_PLACEHOLDER }];
}

export const metadata: Metadata = {
  title: { absolute: "Reelrank · This week's Netflix Top 10, and what viewers thought" },
  description:
    "This week's four Netflix Top 10 lists with their new entries and biggest climbers, the most liked recent reviews and the best-rated films on Reelrank.",
  alternates: { canonical: "/" },
};

function titleOf(r: ChartRow): { name: string; href: string | null } {
  // as the chart pages name it: a series by the season that charted
  const name = r.seasonTitle ?? r.showTitle;
  const href = r.film ? `/films/${r.film.slug}` : r.series ? `/series/${r.series.slug}` : null;
  return { name, href };
}

function TitleLink({ row }: { row: ChartRow }) {
  const { name, href } = titleOf(row);
  return href ? (
    <Link href={href} lang={langForText(name)} className="hover:underline">
      {name}
    </Link>
  ) : (
    <span lang={langForText(name)}>{name}</span>
  );
}

/** `up 2`, `down 1`, `same`, `new`, `back`: short enough for a compact list. */
function shortMovement(m: Movement): string {
  switch (m.kind) {
    case "up":
    case "down":
      return `${m.kind} ${m.by}`;
    case "re-entry":
      return "back";
    default:
      return m.kind;
  }
}

const ICON_PATHS: Record<Movement["kind"], string> = {
  up: "M6 1l5 8H1z",
  down: "M6 11L1 3h10z",
  same: "M1 5h10v2H1z",
  new: "M6 0.5l1.6 3.6 3.9.4-2.9 2.6.8 3.9L6 9 2.6 11l.8-3.9L.5 4.5l3.9-.4z",
  "re-entry": "M2 6a4 4 0 1 1 1.2 2.8l1.4-1.4A2 2 0 1 0 4 6h2L3 9 0 6z",
};
const ICON_COLOURS: Record<Movement["kind"], string> = {
  up: "fill-emerald-600 dark:fill-emerald-400",
  down: "fill-red-600 dark:fill-red-400",
  same: "fill-zinc-500",
  new: "fill-amber-500",
  "re-entry": "fill-sky-600 dark:fill-sky-400",
};

/** The movement as an icon named for assistive technology, with the same in short visible words. */
function MovementBadge({ row }: { row: ChartRow }) {
  const m = movementOf(row.rank, row.previousRank, row.cumulativeWeeks);
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap text-xs">
      <svg viewBox="0 0 12 12" className="h-3 w-3" role="img" aria-label={movementLabel(m)}>
        <path d={ICON_PATHS[m.kind]} className={ICON_COLOURS[m.kind]} />
      </svg>
      <span aria-hidden="true">{shortMovement(m)}</span>
    </span>
  );
}

function ListCard({ week, list, rows }: { week: string; list: ListSlug; rows: ChartRow[] }) {
  const label = listBySlug(list)!.label;
  const id = `list-${list}`;
  return (
    <section
      aria-labelledby={id}
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div className="flex items-baseline justify-between gap-2">
        <h3 id={id} className="font-semibold">
          {label}
        </h3>
        <Link href={chartHref(week, list)} className="text-sm underline">
          Full list<span className="sr-only"> of {label}</span>
        </Link>
      </div>
      <ol className="mt-2 space-y-1 text-sm">
        {rows.map((r) => (
          <li key={r.id} className="flex items-baseline gap-2">
            <span className="w-7 shrink-0 font-bold tabular-nums">#{r.rank}</span>
            <span className="min-w-0 flex-1 truncate">
              <TitleLink row={r} />
            </span>
            <MovementBadge row={r} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function Highlights({
  title,
  id,
  rows,
  empty,
}: {
  title: string;
  id: string;
  rows: ChartRow[];
  empty: string;
}) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-baseline gap-x-2">
              <TitleLink row={r} />
              <span className="text-zinc-600 dark:text-zinc-400">
                #{r.rank}, {listBySlug(r.list)!.label}
              </span>
              <MovementBadge row={r} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const EXCERPT_LENGTH = 220;

function excerpt(body: string): string {
  const text = body.replace(/\s+/g, " ").trim();
  if (text.length <= EXCERPT_LENGTH) return text;
  const cut = text.slice(0, EXCERPT_LENGTH);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : cut.length)}…`;
}

function RecentReview({ review }: { review: ReviewCard }) {
  return (
    <li
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      data-author-id={review.author.id}
    >
      <p className="font-medium">
        <Link href={`/films/${review.film.slug}`} className="hover:underline">
          {titleWithYear(review.film.title, review.film.year)}
        </Link>
      </p>
      <p className="mt-1 flex flex-wrap items-center gap-x-2 text-sm text-zinc-600 dark:text-zinc-400">
        <Stars halfStars={review.rating} />
        <span>
          by <AuthorLink author={review.author} className="hover:underline" />
        </span>
        <time dateTime={review.createdAt}>{formatDate(review.createdAt.slice(0, 10))}</time>
      </p>
      {review.containsSpoilers ? (
        <p className="mt-2 text-sm italic">This review contains spoilers.</p>
      ) : (
        <p className="mt-2 text-sm" lang={langForText(review.body)}>
          {excerpt(review.body ?? "")}
        </p>
      )}
      <p className="mt-2 flex justify-between text-sm">
        <span>{plural(review.likesCount, "like")}</span>
        <Link href={`/reviews/${review.id}`} className="underline">
          Read the review<span className="sr-only"> by {review.author.name}</span>
        </Link>
      </p>
    </li>
  );
}

export default async function HomePage({ params }: Props) {
  const { edition } = await params;
  if (edition !== "current") notFound();
  const home = await loadHome();
  const { entries, climbers } = weekHighlights(
    home.lists.flatMap((l) => l.rows),
    5,
  );
  const mean = home.bestRated.mean;

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
        <p className="mt-3 flex flex-wrap gap-x-4 text-sm">
          <Link href="/films" className="underline">
            Browse every film and series
          </Link>
          <Link href="/charts/most-popular" className="underline">
            Most popular of all time
          </Link>
        </p>
      </section>

      {home.week ? (
        <section aria-labelledby="this-week" className="mt-10">
          <h2 id="this-week" className="text-xl font-semibold">
            This week&apos;s Top 10
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Week of <time dateTime={home.week}>{formatWeek(home.week)}</time>
          </p>
          <div className="mt-4 grid gap-4 md:grid-cols-2">
            {home.lists.map((l) => (
              <ListCard key={l.list} week={home.week!} list={l.list} rows={l.rows} />
            ))}
          </div>
          <div className="mt-6 grid gap-6 md:grid-cols-2">
            <Highlights
              id="new-entries"
              title="New this week"
              rows={entries}
              empty="No title is new to the Top 10 this week."
            />
            <Highlights
              id="climbers"
              title="Biggest climbers"
              rows={climbers}
              empty="No title climbed this week."
            />
          </div>
        </section>
      ) : (
        <p className="mt-10">No Netflix Top 10 week has been imported yet.</p>
      )}

      <section aria-labelledby="recent-reviews" className="mt-10">
        <h2 id="recent-reviews" className="text-xl font-semibold">
          Recent reviews worth reading
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The most liked reviews of the last {home.reviewDays} days.
        </p>
        {home.reviews.length === 0 ? (
          <p className="mt-4">No one has written a review in the last {home.reviewDays} days.</p>
        ) : (
          <ul className="mt-4 grid gap-4 md:grid-cols-2">
            {home.reviews.map((r) => (
              <RecentReview key={r.id} review={r} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="best-rated" className="mt-10">
        <h2 id="best-rated" className="text-xl font-semibold">
          Best-rated films
        </h2>
        {mean == null || home.bestRated.films.length === 0 ? (
          <p className="mt-4">No film has {plural(BEST_RATED_MIN, "rating")} yet.</p>
        ) : (
          <>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Ranked by a weighted average that counts each film as if it also had{" "}
              {BEST_RATED_PRIOR} ratings at the site-wide mean of {mean.toFixed(1)} stars, so a few
              high ratings do not outrank many (films with at least {BEST_RATED_MIN} ratings).
            </p>
            <ol className="mt-4 space-y-1">
              {home.bestRated.films.map((f, i) => (
                <li key={f.slug} className="flex items-baseline gap-2">
                  <span className="w-6 shrink-0 font-bold tabular-nums">{i + 1}.</span>
                  <Link href={`/films/${f.slug}`} className="hover:underline">
                    {titleWithYear(f.title, f.year)}
                  </Link>
                  <span className="text-sm text-zinc-600 dark:text-zinc-400">
                    {f.score.toFixed(2)} weighted · {(f.sum / f.count / 2).toFixed(1)} average of{" "}
                    {plural(f.count, "rating")}
                  </span>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
    </>
  );
}
