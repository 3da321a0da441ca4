import Link from "next/link";
import type { CountryWeek, PeakWeekList, RelatedFilm } from "@/db/queries/film-extras";
import { plural } from "@/lib/format";
import { langForText } from "@/lib/script";
import { listBySlug } from "@/lib/top10/lists";
import { formatWeek } from "@/lib/top10/week";
import { chartHref } from "./chart-history";

/** The other titles on the list of the film's peak week (the first week at its best rank). */
export function AlsoOnTheList({ peak, filmSlug }: { peak: PeakWeekList; filmSlug: string }) {
  const list = listBySlug(peak.list)!.label;
  const week = formatWeek(peak.week);
  const others = peak.rows.filter((r) => r.film?.slug !== filmSlug);
  return (
    <section aria-labelledby="also-on-the-list" className="mt-10">
      <h2 id="also-on-the-list" className="text-xl font-semibold">
        Also on the list that week
      </h2>
      <p className="mt-2 text-zinc-700 dark:text-zinc-300">
        Its best week: #{peak.rank} on {list}, <time dateTime={peak.week}>{week}</time>.
      </p>
      <ol className="mt-3 space-y-1 text-sm">
        {others.map((r) => {
          const href = r.film
            ? `/films/${r.film.slug}`
            : r.series
              ? `/series/${r.series.slug}`
              : null;
          const name = r.seasonTitle ?? r.showTitle;
          return (
            <li key={r.id} className="flex gap-3">
              <span className="w-8 text-right font-semibold tabular-nums">#{r.rank}</span>
              {href ? (
                <Link href={href} className="hover:underline" lang={langForText(name)}>
                  {name}
                </Link>
              ) : (
                <span lang={langForText(name)}>{name}</span>
              )}
            </li>
          );
        })}
      </ol>
      <p className="mt-3 text-sm">
        <Link href={chartHref(peak.week, peak.list)} className="underline">
          The full {list} list for {week}
        </Link>
      </p>
    </section>
  );
}

/** Other films sharing a director or cast member, with who links them. */
export function MoreWithThesePeople({ films }: { films: RelatedFilm[] }) {
  if (films.length === 0) return null;
  return (
    <section aria-labelledby="more-with-these-people" className="mt-10">
      <h2 id="more-with-these-people" className="text-xl font-semibold">
        More with these people
      </h2>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2">
        {films.map((f) => (
          <li key={f.slug} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <Link href={`/films/${f.slug}`} className="font-semibold hover:underline">
              {f.title}
            </Link>
            {f.year != null ? (
              <span className="text-zinc-600 dark:text-zinc-400"> ({f.year})</span>
            ) : null}
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              with{" "}
              {f.people.map((p, i) => (
                <span key={p.slug}>
                  {i === 0 ? "" : i === f.people.length - 1 ? " and " : ", "}
                  {p.name}
                </span>
              ))}
            </p>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {f.bestRank != null
                ? `Best rank #${f.bestRank}, ${plural(f.weeks, "week")} in the Top 10`
                : "Not on Netflix's Top 10"}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A line on the film page when per-country lists have the film, with a link to its map. */
export function WhereItCharted({ weeks, filmSlug }: { weeks: CountryWeek[]; filmSlug: string }) {
  const latest = weeks.at(-1);
  if (!latest) return null;
  const widest = weeks.reduce((a, b) => (b.countries > a.countries ? b : a));
  return (
    <section aria-labelledby="where-it-charted" className="mt-10">
      <h2 id="where-it-charted" className="text-xl font-semibold">
        Where it charted
      </h2>
      <p className="mt-2 text-zinc-700 dark:text-zinc-300">
        Netflix&apos;s per-country lists have it in {plural(weeks.length, "week")}. At its widest,
        in the week of {formatWeek(widest.week)}, it was in the Top 10 of{" "}
        {plural(widest.countries, "country", "countries")}
        {widest.numberOne > 0 ? `, #1 in ${plural(widest.numberOne, "country", "countries")}` : ""}.
      </p>
      <p className="mt-2 text-sm">
        <Link href={`/films/${filmSlug}/countries/${latest.week}`} className="underline">
          Map of where it charted, week by week
        </Link>
      </p>
    </section>
  );
}
