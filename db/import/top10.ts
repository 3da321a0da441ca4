/**
 * Imports parsed Netflix Top 10 files. One transaction per file: a file is imported whole or not
 * at all. Idempotent: the same file twice changes nothing; a newer file with corrected figures
 * updates them and keeps each earlier value, with the date it changed, in chart_revisions.
 */
import { between, eq, sql } from "drizzle-orm";
import type { GlobalRow, ParsedTop10File } from "../../lib/top10/parse";
import type { Database, Executor } from "../index";
import { chartEntries, chartRevisions, type NewChartEntry } from "../schema";
import { importCountries, recountCountries } from "./countries";
import { importMostPopular } from "./most-popular";
import { BATCH, chunks, TitleResolver, type Ambiguity } from "./titles";

export type { Ambiguity };

export type ImportSummary = {
  file: string;
  kind: ParsedTop10File["kind"];
  rowsRead: number;
  titlesCreated: number;
  titlesMatched: number;
  weeksAdded: number;
  weeksUpdated: number;
  rowsAdded: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  ambiguous: Ambiguity[];
  ignoredColumns: string[];
  /** Every chart week (ISO Sunday) and film slug whose pages the import changed. */
  changedWeeks: string[];
  changedFilms: string[];
};

export type Progress = (done: number, total: number) => void;

const weekYear = (week: string) => Number(week.slice(0, 4));

const COMPARED = [
  "showTitle",
  "seasonTitle",
  "hoursViewed",
  "runtimeHours",
  "views",
  "cumulativeWeeks",
] as const;

async function importGlobal(tx: Executor, file: string, rows: GlobalRow[], progress?: Progress) {
  const resolver = new TitleResolver(tx);
  await resolver.load();
  const weeks = rows.map((r) => r.week).sort();
  const existing = new Map(
    (
      await tx
        .select()
        .from(chartEntries)
        .where(between(chartEntries.week, weeks[0]!, weeks[weeks.length - 1]!))
    ).map((e) => [`${e.week}|${e.list}|${e.rank}`, e]),
  );
  const existingWeeks = new Set([...existing.values()].map((e) => `${e.week}|${e.list}`));

  // oldest first, so titles are created in the order they first charted
  const ordered = [...rows].sort(
    (a, b) => a.week.localeCompare(b.week) || a.list.localeCompare(b.list) || a.rank - b.rank,
  );
  const inserts: NewChartEntry[] = [];
  const addedWeeks = new Set<string>();
  const updatedWeeks = new Set<string>();
  const changedFilmIds = new Set<number>();
  let rowsUpdated = 0;
  let rowsUnchanged = 0;
  let done = 0;

  const resolved = ordered.map((row) => {
    const old = existing.get(`${row.week}|${row.list}|${row.rank}`);
    const keep =
      old &&
      old.showTitle === row.showTitle &&
      old.seasonTitle === row.seasonTitle &&
      (old.filmId || old.seasonId);
    return keep ? null : resolver.resolve(row, weekYear(row.week));
  });
  await resolver.flush();

  for (const [i, row] of ordered.entries()) {
    const old = existing.get(`${row.week}|${row.list}|${row.rank}`);
    const r = resolved[i];
    const { filmId, seasonId } = r
      ? { filmId: r.film?.id ?? null, seasonId: r.season?.id ?? null }
      : { filmId: old!.filmId, seasonId: old!.seasonId };
    const values = {
      week: row.week,
      list: row.list,
      rank: row.rank,
      showTitle: row.showTitle,
      seasonTitle: row.seasonTitle,
      filmId,
      seasonId,
      hoursViewed: row.hoursViewed,
      runtimeHours: row.runtimeHours,
      views: row.views,
      cumulativeWeeks: row.cumulativeWeeks,
    };
    if (!old) {
      inserts.push(values);
      if (!existingWeeks.has(`${row.week}|${row.list}`)) addedWeeks.add(`${row.week}|${row.list}`);
      if (filmId) changedFilmIds.add(filmId);
    } else {
      const changed = COMPARED.filter((f) => old[f] !== values[f]);
      const reattached = old.filmId !== filmId || old.seasonId !== seasonId;
      if (changed.length === 0 && !reattached) {
        rowsUnchanged++;
      } else {
        rowsUpdated++;
        updatedWeeks.add(`${row.week}|${row.list}`);
        await tx
          .update(chartEntries)
          .set({ ...values, updatedAt: sql`now()` })
          .where(eq(chartEntries.id, old.id));
        if (changed.length > 0) {
          await tx.insert(chartRevisions).values(
            changed.map((field) => ({
              entryId: old.id,
              field,
              oldValue: old[field] == null ? null : String(old[field]),
              newValue: values[field] == null ? null : String(values[field]),
              source: file,
            })),
          );
        }
        for (const id of [old.filmId, filmId]) if (id) changedFilmIds.add(id);
      }
    }
  }
  for (const batch of chunks(inserts, BATCH)) {
    await tx.insert(chartEntries).values(batch);
    done += batch.length;
    progress?.(done, rows.length);
  }
  progress?.(rows.length, rows.length);
  await recountCountries(tx, weeks[0]!, weeks[weeks.length - 1]!);

  return {
    titlesCreated: resolver.created,
    titlesMatched: resolver.matched.size,
    weeksAdded: addedWeeks.size,
    weeksUpdated: [...updatedWeeks].filter((w) => !addedWeeks.has(w)).length,
    rowsAdded: inserts.length,
    rowsUpdated,
    rowsUnchanged,
    ambiguous: resolver.ambiguous,
    changedWeeks: [
      ...new Set([...addedWeeks, ...updatedWeeks].map((w) => w.split("|")[0]!)),
    ].sort(),
    changedFilms: [...changedFilmIds]
      .map((id) => resolver.filmSlug(id))
      .filter((s): s is string => !!s),
  };
}
/**
 * Imports a parsed file within the caller's transaction, so the caller can record what it imported
 * (db/import/sync.ts) in the same one. `file` names the source in chart_revisions.
 */
export async function importTop10InTx(
  tx: Executor,
  file: string,
  parsed: ParsedTop10File,
  progress?: Progress,
): Promise<ImportSummary> {
  let result;
  switch (parsed.kind) {
    case "global":
      result = await importGlobal(tx, file, parsed.rows, progress);
      break;
    case "countries":
      result = await importCountries(tx, parsed.rows, progress);
      break;
    case "most-popular":
      result = await importMostPopular(tx, parsed.rows);
      break;
  }
  return {
    file,
    kind: parsed.kind,
    rowsRead: parsed.rows.length,
    ignoredColumns: parsed.ignoredColumns,
    ...result,
  };
}

export async function importTop10(
  db: Database,
  file: string,
  parsed: ParsedTop10File,
  progress?: Progress,
): Promise<ImportSummary> {
  return db.transaction((tx) => importTop10InTx(tx, file, parsed, progress));
}
