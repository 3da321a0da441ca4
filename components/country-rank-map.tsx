import Link from "next/link";
import type { CountryRank, CountryWeek } from "@/db/queries/film-extras";
import { plural } from "@/lib/format";
import {
  MAP_HEIGHT,
  MAP_WIDTH,
  numericCode,
  RANK_BANDS,
  rankBand,
  worldShapes,
} from "@/lib/film-extras/world-map";
import { formatWeek } from "@/lib/top10/week";

const NOT_IN_TOP_10 = "#d4d4d8";
const HATCH = "url(#no-list-hatch)";

/**
 * A film's rank in each country's Films Top 10 of one week, as a world map shaded by rank, the
 * same countries as a table, and links to its other weeks (plain links: no script needed).
 */
export function FilmCountries({
  film,
  week,
  weeks,
  countries,
}: {
  film: { slug: string; title: string };
  week: string;
  weeks: CountryWeek[];
  countries: CountryRank[];
}) {
  const byNumeric = new Map<string, CountryRank>();
  for (const c of countries) {
    const code = numericCode(c.iso2);
    if (code) byNumeric.set(code, c);
  }
  const shapes = worldShapes();
  const drawn = new Set(shapes.map((s) => s.id));
  const notDrawn = countries.filter((c) => !drawn.has(numericCode(c.iso2) ?? ""));
  const ranked = countries.filter((c) => c.rank != null);
  const weekLabel = formatWeek(week);

  return (
    <div className="mt-6 grid gap-8 lg:grid-cols-[1fr_18rem]">
      <div>
        <figure>
          <svg
            viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
            className="h-auto w-full"
            role="img"
            aria-labelledby="country-map-title"
            aria-describedby="country-map-desc"
          >
            <title id="country-map-title">{`${film.title}: rank in each country's Top 10 films, ${weekLabel}`}</title>
            <desc id="country-map-desc">
              {`In the Top 10 of ${plural(ranked.length, "country", "countries")} of the ${countries.length} with a Netflix list that week; the table beside the map lists them.`}
            </desc>
            <defs>
              <pattern
                id="no-list-hatch"
                width="4"
                height="4"
                patternUnits="userSpaceOnUse"
                patternTransform="rotate(45)"
              >
                <rect width="4" height="4" fill="#ffffff" />
                <line x1="0" y1="0" x2="0" y2="4" stroke="#a1a1aa" strokeWidth="1.5" />
              </pattern>
            </defs>
            <g stroke="#71717a" strokeWidth={0.4}>
              {shapes.map((s) => {
                const c = byNumeric.get(s.id);
                const band = c?.rank != null ? rankBand(c.rank) : null;
                const fill = band ? band.fill : c ? NOT_IN_TOP_10 : HATCH;
                const label = c
                  ? c.rank != null
                    ? `${c.name}: #${c.rank}`
                    : `${c.name}: not in the Top 10`
                  : `${s.name}: no Netflix list`;
                return (
                  <path
                    key={s.id}
                    d={s.d}
                    fill={fill}
                    data-country={c?.iso2}
                    data-rank={c?.rank ?? undefined}
                  >
                    <title>{label}</title>
                  </path>
                );
              })}
            </g>
          </svg>
          <figcaption className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
            Source: Netflix Top 10 by country, Films, week of {weekLabel}. Map: Natural Earth
            (1:110m).
            {notDrawn.length
              ? ` Too small to draw at this scale: ${notDrawn.map((c) => c.name).join(", ")}.`
              : ""}
          </figcaption>
        </figure>
        <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Map legend">
          {RANK_BANDS.map((b) => (
            <LegendItem key={b.label} fill={b.fill} label={b.label} />
          ))}
          <LegendItem fill={NOT_IN_TOP_10} label="Not in the Top 10" />
          <LegendItem fill={HATCH} label="No Netflix list" />
        </ul>
        <nav aria-labelledby="country-weeks" className="mt-6">
          <h2 id="country-weeks" className="text-lg font-semibold">
            Other weeks
          </h2>
          <ul className="mt-2 flex flex-wrap gap-2 text-sm">
            {weeks.map((w) => (
              <li key={w.week}>
                <Link
                  href={`/films/${film.slug}/countries/${w.week}`}
                  aria-current={w.week === week ? "page" : undefined}
                  className="inline-block rounded border border-zinc-300 px-2 py-1 hover:underline aria-[current=page]:border-zinc-900 aria-[current=page]:font-semibold dark:border-zinc-700 dark:aria-[current=page]:border-zinc-100"
                >
                  {formatWeek(w.week)} ({plural(w.countries, "country", "countries")})
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <div
        className="relative max-h-[36rem] overflow-y-auto"
        tabIndex={0}
        role="region"
        aria-labelledby="country-table-caption"
      >
        <table className="w-full text-left text-sm tabular-nums">
          <caption id="country-table-caption" className="text-left font-semibold">
            Countries where it charted, {weekLabel}
          </caption>
          <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Country
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Rank
              </th>
              <th scope="col" className="py-2 font-medium">
                Weeks in its Top 10
              </th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((c) => (
              <tr key={c.iso2} className="border-b border-zinc-100 dark:border-zinc-900">
                <th scope="row" className="py-1.5 pr-3 font-normal">
                  {c.name}
                </th>
                <td className="py-1.5 pr-3 font-semibold">#{c.rank}</td>
                <td className="py-1.5">{c.cumulativeWeeks}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {countries.length > ranked.length ? (
          <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
            Not in the Top 10 of the other{" "}
            {plural(countries.length - ranked.length, "country", "countries")} with a list that
            week.
          </p>
        ) : null}
      </div>
    </div>
  );
}

function LegendItem({ fill, label }: { fill: string; label: string }) {
  return (
    <li className="flex items-center gap-1.5">
      <svg width="14" height="14" aria-hidden="true">
        {fill === HATCH ? (
          <>
            <rect width="14" height="14" fill="#ffffff" stroke="#71717a" />
            <path
              d="M0 14L14 0M-4 4L4 -4M10 18L18 10M0 7L7 0M7 14L14 7"
              stroke="#a1a1aa"
              strokeWidth="1.5"
            />
          </>
        ) : (
          <rect width="14" height="14" fill={fill} stroke="#71717a" />
        )}
      </svg>
      {label}
    </li>
  );
}
