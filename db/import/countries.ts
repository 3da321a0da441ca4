/** Imports Netflix's per-country weekly lists and counts each global entry's countries from them. */
import { sql } from "drizzle-orm";
import type { CountryRow } from "../../lib/top10/parse";
import type { Executor } from "../index";
import { countryChartEntries } from "../schema";
import { chunks } from "./titles";
import type { Progress } from "./top10";

/**
 * Sets each global entry's number of countries from the per-country lists of its week: the
 * distinct countries whose Films (or TV) list had the same title and season.
 */
export async function recountCountries(tx: Executor, from: string, to: string) {
  await tx.execute(sql`
    update chart_entries ce set countries = c.n, updated_at = now()
    from (
      select week, category, show_title, coalesce(season_title, '') as season_title, count(distinct country_iso2)::int as n
      from country_chart_entries
      where week between ${from} and ${to}
      group by 1, 2, 3, 4
    ) c
    where ce.week = c.week
      and ce.show_title = c.show_title
      and coalesce(ce.season_title, '') = c.season_title
      and c.category = (case when ce.list in ('films-english', 'films-non-english') then 'films' else 'tv' end)::country_category
      and ce.countries is distinct from c.n`);
}

/** Rows per insert statement: 8 parameters a row, well under PostgreSQL's 65,535. */
const INSERT_ROWS = 1000;

/**
 * Upserts per-country rows batch by batch as they come (the live file is about 600,000 rows) and
 * recounts the weeks they cover at the end. Idempotent: a row whose values are unchanged is not
 * written. Run it in a transaction: a batch source that throws part-way (a bad line) then leaves
 * nothing behind.
 */
export async function importCountriesStream(
  tx: Executor,
  batches: AsyncIterable<CountryRow[]> | Iterable<CountryRow[]>,
  progress?: (rowsDone: number) => void,
) {
  let rowsRead = 0;
  let added = 0;
  let updated = 0;
  const weeksBefore = new Set(
    (await tx.selectDistinct({ week: countryChartEntries.week }).from(countryChartEntries)).map(
      (w) => w.week,
    ),
  );
  const weeks = new Set<string>();
  const changedWeeks = new Set<string>();
  for await (const rows of batches) {
    for (const batch of chunks(rows, INSERT_ROWS)) {
      const result = await tx
        .insert(countryChartEntries)
        .values(
          batch.map((r) => ({
            week: r.week,
            countryIso2: r.countryIso2,
            countryName: r.countryName,
            category: r.category,
            rank: r.rank,
            showTitle: r.showTitle,
            seasonTitle: r.seasonTitle,
            cumulativeWeeks: r.cumulativeWeeks,
          })),
        )
        .onConflictDoUpdate({
          target: [
            countryChartEntries.week,
            countryChartEntries.countryIso2,
            countryChartEntries.category,
            countryChartEntries.rank,
          ],
          set: {
            countryName: sql`excluded.country_name`,
            showTitle: sql`excluded.show_title`,
            seasonTitle: sql`excluded.season_title`,
            cumulativeWeeks: sql`excluded.cumulative_weeks`,
            updatedAt: sql`now()`,
          },
          // only rows whose values differ are written, so a re-import changes nothing
          setWhere: sql`(country_chart_entries.country_name, country_chart_entries.show_title, country_chart_entries.season_title, country_chart_entries.cumulative_weeks)
          is distinct from (excluded.country_name, excluded.show_title, excluded.season_title, excluded.cumulative_weeks)`,
        })
        .returning({ inserted: sql<boolean>`xmax = 0`, week: countryChartEntries.week });
      for (const r of result) {
        if (r.inserted) added++;
        else updated++;
        changedWeeks.add(r.week);
      }
      for (const r of batch) weeks.add(r.week);
      rowsRead += batch.length;
      progress?.(rowsRead);
    }
  }
  const sorted = [...weeks].sort();
  if (sorted.length) await recountCountries(tx, sorted[0]!, sorted[sorted.length - 1]!);
  return {
    rowsRead,
    titlesCreated: 0,
    titlesMatched: 0,
    weeksAdded: sorted.filter((w) => !weeksBefore.has(w)).length,
    weeksUpdated: [...changedWeeks].filter((w) => weeksBefore.has(w)).length,
    rowsAdded: added,
    rowsUpdated: updated,
    rowsUnchanged: rowsRead - added - updated,
    ambiguous: [],
    changedWeeks: [...changedWeeks].sort(),
    changedFilms: [],
  };
}

/** The same import for rows already in memory. */
export async function importCountries(tx: Executor, rows: CountryRow[], progress?: Progress) {
  const { rowsRead: _, ...summary } = await importCountriesStream(
    tx,
    chunks(rows, INSERT_ROWS),
    progress && ((done) => progress(done, rows.length)),
  );
  return summary;
}
