import Link from "next/link";
import type { YearCount } from "@/db/queries/diary";
import { plural } from "@/lib/format";

/** How many different films a user watched each year (a rewatch counts once), latest first. */
export function LogsByYear({ handle, years }: { handle: string; years: YearCount[] }) {
  if (years.length === 0) return null;
  return (
    <section aria-labelledby="logs-by-year" className="mt-4">
      <h2 id="logs-by-year" className="text-sm font-medium">
        Films watched per year
      </h2>
      <dl className="mt-1 flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="logs-by-year">
        {years.map((y) => (
          <div key={y.year} className="flex gap-2">
            <dt>{y.year}</dt>
            <dd className="font-semibold">{plural(y.count, "film")}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-1 text-sm">
        <Link href={`/u/${handle}/diary`}>See the diary</Link>
      </p>
    </section>
  );
}
