import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { BUILD_PLACEHOLDER, loadFilm, loadFilmExtras, loadRedirect } from "@/db/cached";
import { ChartHistory } from "@/components/chart-history";
import { FilmCredits } from "@/components/film-credits";
import { RatingSummary } from "@/components/rating-summary";
import { ReviewsSection } from "@/components/reviews-section";
import { EngagementFigures } from "@/components/engagement-figures";
import { FactSources } from "@/components/fact-sources";
import { FilmEditLinks } from "@/components/film-edit-links";
import { FilmViewerActions } from "@/components/film-viewer-actions";
import { countryName, formatDate, formatRuntime, languageName, titleWithYear } from "@/lib/format";
import { movieJsonLd } from "@/lib/seo/movie-json-ld";
import { siteUrl } from "@/lib/seo/site-url";
import { langForText } from "@/lib/script";
import { ChartReceptionTimeline } from "@/components/chart-reception-timeline";
import { AlsoOnTheList, MoreWithThesePeople, WhereItCharted } from "@/components/film-extras";

type Props = { params: Promise<{ slug: string }> };

export function generateStaticParams() {
  return [{ slug: BUILD_PLACEHOLDER }];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const film = await loadFilm((await params).slug);
  if (!film) return { title: "Film not found" };
  const director = film.credits.find((c) => c.role === "director")?.person.name;
  const facts = [
    film.year,
    director ? `directed by ${director}` : null,
    formatRuntime(film.runtimeMinutes),
  ]
    .filter(Boolean)
    .join(", ");
  const title = titleWithYear(film.title, film.year);
  const description = `${film.title}${facts ? ` (${facts})` : ""}: Netflix Top 10 chart history, cast and viewer reviews.`;
  const url = `/films/${film.slug}`;
  return {
    title,
    description,
    alternates: {
      canonical: url,
      types: {
        "application/atom+xml": [{ url: `${url}/reviews.xml`, title: `Reviews of ${title}` }],
      },
    },
    // the share image comes from opengraph-image.tsx beside this page
    openGraph: { type: "video.movie", title, description, url, siteName: "Reelrank" },
    twitter: { card: "summary_large_image", title, description },
  };
}

export default async function FilmPage({ params }: Props) {
  const { slug } = await params;
  const film = await loadFilm(slug);
  if (!film) {
    const moved = await loadRedirect("film", slug);
    if (moved) permanentRedirect(`/films/${moved}`);
    notFound();
  }
  const extras = await loadFilmExtras(slug);

  const runtime = formatRuntime(film.runtimeMinutes);
  // Netflix's runtimes are its own count (credits included), rounded: say so when no one else gave one
  const runtimeByNetflix = film.factSources.runtimeMinutes?.startsWith("netflix") ?? false;
  const onNetflixSince = formatDate(film.netflixReleaseDate);
  const heading = titleWithYear(film.title, film.year);
  const language = languageName(film.originalLanguage);
  const countries = film.countries.map((c) => countryName(c) ?? c);
  const released = formatDate(film.releaseDate);
  const showOriginal = film.originalTitle && film.originalTitle !== film.title;
  const jsonLd = movieJsonLd({ ...film, reviews: film.reviews.reviews }, siteUrl());

  return (
    <div>
      <header>
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">
          {film.title}
          {film.year != null ? (
            <span className="font-normal text-zinc-600 dark:text-zinc-400"> ({film.year})</span>
          ) : null}
        </h1>
        {showOriginal ? (
          <p className="mt-1 text-lg">
            <span className="sr-only">Original title: </span>
            <span lang={film.originalLanguage ?? langForText(film.originalTitle)}>
              {film.originalTitle}
            </span>
          </p>
        ) : null}
        <dl className="mt-4 flex flex-wrap gap-x-6 gap-y-2 text-sm">
          <Fact label="Year">
            {film.year ?? <span title="No source gives it yet">Unknown</span>}
          </Fact>
          {runtime ? (
            <Fact label={runtimeByNetflix ? "Runtime (Netflix, rounded)" : "Runtime"}>
              {runtime}
            </Fact>
          ) : null}
          {language ? <Fact label="Language">{language}</Fact> : null}
          {countries.length ? (
            <Fact label={countries.length > 1 ? "Countries" : "Country"}>
              {countries.join(", ")}
            </Fact>
          ) : null}
          {released ? <Fact label="Released">{released}</Fact> : null}
          {onNetflixSince ? <Fact label="On Netflix since">{onNetflixSince}</Fact> : null}
        </dl>
      </header>
      <FactSources sources={film.factSources} />
      <FilmEditLinks slug={film.slug} />
      <FilmViewerActions film={{ id: film.id, slug: film.slug, title: film.title }} />
      {film.synopsis ? (
        <p className="mt-6 max-w-prose text-lg leading-relaxed">{film.synopsis}</p>
      ) : null}
      <div className="mt-6">
        <FilmCredits credits={film.credits} />
      </div>
      <ChartHistory
        rows={film.chart}
        revisions={film.revisions}
        title={heading}
        allWeeksHref={`/films/${film.slug}/chart`}
      />
      {extras?.timeline ? (
        <ChartReceptionTimeline
          timeline={extras.timeline}
          title={heading}
          tableHref={`/films/${film.slug}/ratings`}
        />
      ) : null}
      {extras ? <WhereItCharted weeks={extras.countryWeeks} filmSlug={film.slug} /> : null}
      {extras?.peakWeek ? <AlsoOnTheList peak={extras.peakWeek} filmSlug={film.slug} /> : null}
      <EngagementFigures figures={film.engagement} />
      <RatingSummary stats={film.ratings} title={heading} />
      <ReviewsSection
        film={{ id: film.id, slug: film.slug, title: film.title }}
        initial={film.reviews}
      />
      {extras ? <MoreWithThesePeople films={extras.related} /> : null}
      <script
        type="application/ld+json"
        // JSON-LD must be inline; `<` is escaped so no text can close the script element.
        dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, "\\u003c") }}
      />
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}
