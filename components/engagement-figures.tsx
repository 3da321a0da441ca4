import type { EngagementFigure } from "@/db/queries/engagement";
import { formatInteger } from "@/lib/format";
import { periodLabel } from "@/lib/sources";
import { formatCompact } from "@/lib/top10/summary";

/**
 * Netflix's half-year engagement figures for a title: their own measure (views and hours over six
 * months, all countries), shown apart from the weekly charts and cited to the report.
 */
export function EngagementFigures({ figures }: { figures: EngagementFigure[] }) {
  if (figures.length === 0) return null;
  return (
    <section aria-labelledby="engagement" className="mt-10">
      <h2 id="engagement" className="text-xl font-semibold">
        Half-year viewing
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        From Netflix&apos;s twice-yearly engagement report: views (hours viewed ÷ runtime) and hours
        over six months, worldwide. Not comparable with one week&apos;s Top 10 figures.
      </p>
      <ul className="mt-3 space-y-1">
        {figures.map((f) => {
          const period = periodLabel(f.period) ?? f.period;
          return (
            <li key={f.period} data-testid="engagement-figure">
              <cite className="not-italic font-medium">What We Watched, {period}</cite>:{" "}
              {f.views != null ? (
                <>
                  <data value={f.views}>{formatCompact(f.views)} views</data>
                  {" · "}
                </>
              ) : null}
              <data value={f.hoursViewed}>{formatCompact(f.hoursViewed)} hours</data>
              <span className="sr-only">
                {" "}
                ({f.views != null ? `${formatInteger(f.views)} views, ` : ""}
                {formatInteger(f.hoursViewed)} hours)
              </span>
            </li>
          );
        })}
      </ul>
      <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
        Source: Netflix, What We Watched: A Netflix Engagement Report.
      </p>
    </section>
  );
}
