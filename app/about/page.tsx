import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = {
  title: "About Reelrank and its figures",
  description:
    "Where Reelrank's Netflix Top 10 figures come from and how to read them: views, hours, weeks and countries.",
  alternates: { canonical: "/about" },
};

export default function AboutPage() {
  return (
    <article className="max-w-prose space-y-4 leading-relaxed">
      <h1 className="text-3xl font-bold tracking-tight">About Reelrank</h1>
      <p>
        Reelrank pairs each film&apos;s Netflix Top 10 chart run with reviews and ratings from the
        people who watched it. It is built for fans of non-English hits and for the journalists who
        write about the weekly charts: every figure is Netflix&apos;s own, shown as Netflix
        published it, with the week it belongs to and a link to that week&apos;s full list.
      </p>

      <h2 className="pt-4 text-xl font-semibold">Where the figures come from</h2>
      <p>
        Every Tuesday Netflix publishes its global Top 10 lists for the week before, in four lists:
        Films (English), Films (Non-English), TV (English) and TV (Non-English), together with a Top
        10 for each country it serves. Reelrank imports Netflix&apos;s published files unchanged.
        Source: Netflix Top 10 (netflix.com/tudum/top10).
      </p>

      <h2 className="pt-4 text-xl font-semibold">How to read them</h2>
      <dl className="space-y-3">
        <div>
          <dt className="font-semibold">Week</dt>
          <dd>
            Netflix&apos;s weeks run from Monday to Sunday and are named by their Sunday: the week
            ending 15 October 2023 is shown as <em>Oct 9–15, 2023</em>.
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Hours viewed</dt>
          <dd>
            The total hours members spent watching the title that week. Netflix rounds them: to the
            nearest 10,000 until mid-2023 and to the nearest 100,000 since.
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Views</dt>
          <dd>
            Hours viewed divided by the title&apos;s runtime, rounded to the nearest 100,000.
            Netflix has ranked its lists by views since June 2023; earlier weeks have hours only, so
            Reelrank shows no views for them and totals only the weeks that have views.
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Rank and movement</dt>
          <dd>
            The position on that week&apos;s list. Movement compares it with the week before on the
            same list: ▲2 means up two places, ▼3 down three; <em>new</em> is a title&apos;s first
            week on the list and <em>re-entry</em> a return after weeks away.
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Weeks in Top 10</dt>
          <dd>
            Netflix&apos;s count of the weeks the title has spent on that list so far, this week
            included.
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Countries</dt>
          <dd>
            The number of countries whose own Top 10 had the title that week, counted from
            Netflix&apos;s per-country lists (which rank Films and TV without an English/Non-English
            split).
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Corrections</dt>
          <dd>
            When Netflix republishes a figure, Reelrank shows the new value and keeps the old one,
            with the date it changed, under the chart history.
          </dd>
        </div>
      </dl>

      <h2 className="pt-4 text-xl font-semibold">Films with the same title</h2>
      <p>
        Titles are not unique: Netflix&apos;s lists had two different films called{" "}
        <em>Ballerina</em>, the Korean film of 2023 and an animated film of 2016. Reelrank tells
        them apart by the list&apos;s language, the year and the runtime, and addresses films by
        title and year, as in{" "}
        <Link href="/films/ballerina-2023" className="underline">
          /films/ballerina-2023
        </Link>
        . A title whose year no source gives yet has none in its address (
        <Link href="/films/1917" className="underline">
          /films/1917
        </Link>
        ); when a year becomes known the address gains it, and the old one keeps working.
      </p>

      <h2 className="pt-4 text-xl font-semibold">Nothing guessed</h2>
      <p>
        Netflix&apos;s weekly files name titles only. Every other fact on a film&apos;s page comes
        from a named source, listed under <em>Sources</em> on the page, or is shown as unknown:
      </p>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          A film&apos;s <strong>year</strong> comes from Reelrank&apos;s editors or from Netflix
          itself where Netflix states it (its engagement report prints <em>Ballerina (2016)</em> to
          tell namesakes apart), never from the week the film charted.
        </li>
        <li>
          <strong>On Netflix since</strong> is Netflix&apos;s premiere date from its engagement
          report. It is a film&apos;s release only for Netflix&apos;s own films, which the report
          does not mark, so it never stands in for the year.
        </li>
        <li>
          A <strong>runtime</strong> from Netflix is Netflix&apos;s own count, credits included and
          rounded, and is labelled so; it can differ by a few minutes from the film&apos;s.
        </li>
      </ul>

      <h2 className="pt-4 text-xl font-semibold">Half-year figures and the all-time lists</h2>
      <p>
        Twice a year Netflix publishes <em>What We Watched</em>, an engagement report with the hours
        and views of nearly every title over six months. Film pages show them apart from the weekly
        figures, which they do not add up to. The{" "}
        <Link href="/charts/most-popular" className="underline">
          most popular lists
        </Link>{" "}
        rank titles by their views in their first 91 days on Netflix (by hours over 28 days before
        June 2023).
      </p>

      <h2 className="pt-4 text-xl font-semibold">Data for your own work</h2>
      <p>
        The same figures are available as JSON: <code>/api/films/ballerina-2023</code> for a film
        and <code>/api/charts/2023-10-15/films-non-english</code> for a week&apos;s list.
      </p>
    </article>
  );
}
