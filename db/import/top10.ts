/**
 * Imports parsed Netflix Top 10 files. One transaction per file: a file is imported whole or not
 * at all. Idempotent: the same file twice changes nothing; a newer file with corrected figures
 * updates them and keeps each earlier value, with the date it changed, in chart_revisions.
 */
import { between, eq, sql } from "drizzle-orm";
import { filmSlug, slugify } from "../../lib/slug";
import { listBySlug } from "../../lib/top10/lists";
import { matchTitle, normalizeTitle, type TitleCandidate } from "../../lib/top10/match";
import type { CountryRow, GlobalRow, MostPopularRow, ParsedTop10File } from "../../lib/top10/parse";
import type { Database, Executor } from "../index";
import {
  chartEntries,
  chartRevisions,
  countryChartEntries,
  films,
  mostPopularEntries,
  seasons,
  series,
  type NewChartEntry,
} from "../schema";

export type Ambiguity = { line: number; title: string; candidates: string[] };

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

const BATCH = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const minutesOf = (hours: number | null) => (hours == null ? null : Math.round(hours * 60));

type TitleRow = Pick<GlobalRow, "line" | "list" | "showTitle" | "seasonTitle" | "runtimeHours">;

/** A film or season id, known at once for existing titles and after `flush()` for new ones. */
type Ref = { id: number };
type Resolved = { film: Ref | null; season: Ref | null };
type Candidate = TitleCandidate & { slug: string; ref: Ref };

/**
 * Resolves chart rows to films and TV seasons, creating those that match nothing (flagged for an
 * editor to enrich) and reporting those that match several. New titles are written in bulk by
 * `flush()`, so a first import of thousands of titles stays fast.
 */
class TitleResolver {
  private films: Candidate[] = [];
  private series: Candidate[] = [];
  /** Candidates by normalised title and original title, so each row compares a handful, not thousands. */
  private byKey = { film: new Map<string, Candidate[]>(), tv: new Map<string, Candidate[]>() };
  private seasonRefs = new Map<string, Ref>();
  private slugs = { film: new Set<string>(), tv: new Set<string>() };
  private memo = new Map<string, Resolved>();
  private pendingFilms: (Candidate & { runtimeMinutes: number | null })[] = [];
  private pendingSeries: Candidate[] = [];
  private pendingSeasons: { series: Ref; title: string | null; ref: Ref }[] = [];
  readonly ambiguous: Ambiguity[] = [];
  readonly matched = new Set<Ref>();

  constructor(private readonly tx: Executor) {}

  get created() {
    return this.pendingFilms.length + this.pendingSeries.length;
  }

  async load() {
    const charted = await this.tx
      .select({
        filmId: chartEntries.filmId,
        seasonId: chartEntries.seasonId,
        list: chartEntries.list,
      })
      .from(chartEntries)
      .where(sql`${chartEntries.filmId} is not null or ${chartEntries.seasonId} is not null`)
      .groupBy(chartEntries.filmId, chartEntries.seasonId, chartEntries.list);
    const filmLists = new Map<number, boolean>();
    const seasonLists = new Map<number, boolean>();
    for (const c of charted) {
      const english = listBySlug(c.list)!.english;
      if (c.filmId) filmLists.set(c.filmId, english);
      if (c.seasonId) seasonLists.set(c.seasonId, english);
    }
    const filmRows = await this.tx
      .select({
        id: films.id,
        slug: films.slug,
        title: films.title,
        originalTitle: films.originalTitle,
        year: films.year,
        runtimeMinutes: films.runtimeMinutes,
        originalLanguage: films.originalLanguage,
      })
      .from(films);
    this.films = filmRows.map((f) => ({
      ...f,
      ref: { id: f.id },
      chartedEnglish: filmLists.get(f.id) ?? null,
    }));
    for (const f of filmRows) this.slugs.film.add(f.slug);

    const seasonRows = await this.tx
      .select({ id: seasons.id, seriesId: seasons.seriesId, title: seasons.title })
      .from(seasons);
    const seriesEnglish = new Map<number, boolean>();
    for (const s of seasonRows) {
      this.seasonRefs.set(`${s.seriesId}\u0000${s.title ?? ""}`, { id: s.id });
      const english = seasonLists.get(s.id);
      if (english !== undefined) seriesEnglish.set(s.seriesId, english);
    }
    const seriesRows = await this.tx
      .select({
        id: series.id,
        slug: series.slug,
        title: series.title,
        originalTitle: series.originalTitle,
        year: series.year,
        originalLanguage: series.originalLanguage,
      })
      .from(series);
    this.series = seriesRows.map((s) => ({
      ...s,
      ref: { id: s.id },
      runtimeMinutes: null,
      chartedEnglish: seriesEnglish.get(s.id) ?? null,
    }));
    for (const s of seriesRows) this.slugs.tv.add(s.slug);
    for (const f of this.films) this.index("film", f);
    for (const s of this.series) this.index("tv", s);
  }

  private index(kind: "film" | "tv", c: Candidate) {
    const keys = new Set([
      normalizeTitle(c.title),
      ...(c.originalTitle ? [normalizeTitle(c.originalTitle)] : []),
    ]);
    for (const key of keys) {
      const list = this.byKey[kind].get(key);
      if (list) list.push(c);
      else this.byKey[kind].set(key, [c]);
    }
  }

  private uniqueSlug(base: string, year: number, taken: Set<string>): string {
    let slug = filmSlug(base, year);
    for (let n = 2; taken.has(slug); n++) slug = `${slugify(base) || "title"}-${n}-${year}`;
    taken.add(slug);
    return slug;
  }

  resolve(row: TitleRow, weekYear: number): Resolved {
    const list = listBySlug(row.list)!;
    const runtime = minutesOf(row.runtimeHours);
    const key = normalizeTitle(row.showTitle);
    const memoKey = [list.kind, list.english, key, row.seasonTitle ?? "", runtime ?? ""].join(
      "\u0000",
    );
    const known = this.memo.get(memoKey);
    if (known) return known;

    const kind = list.kind === "film" ? "film" : "tv";
    const pool = this.byKey[kind].get(key) ?? [];
    const query = {
      title: row.showTitle,
      english: list.english,
      runtimeMinutes: list.kind === "film" ? runtime : null,
      weekYear,
    };
    const result = matchTitle(pool, query);
    if (result.kind === "ambiguous") {
      // not memoised: each ambiguous row is reported with its line
      this.ambiguous.push({
        line: row.line,
        title: row.showTitle,
        candidates: result.candidates.map((c) => c.slug),
      });
      return { film: null, season: null };
    }
    let title: Candidate;
    if (result.kind === "match") {
      title = result.candidate;
      if (title.ref.id > 0) this.matched.add(title.ref);
    } else {
      title = {
        id: 0,
        ref: { id: 0 },
        slug: this.uniqueSlug(row.showTitle, weekYear, this.slugs[kind]),
        title: row.showTitle,
        originalTitle: null,
        year: weekYear,
        runtimeMinutes: list.kind === "film" ? runtime : null,
        originalLanguage: null,
        chartedEnglish: list.english,
      };
      (kind === "film" ? this.films : this.series).push(title);
      this.index(kind, title);
      (kind === "film" ? this.pendingFilms : this.pendingSeries).push(title);
    }
    const resolved: Resolved =
      list.kind === "film"
        ? { film: title.ref, season: null }
        : { film: null, season: this.season(title.ref, row.seasonTitle) };
    this.memo.set(memoKey, resolved);
    return resolved;
  }

  private season(seriesRef: Ref, title: string | null): Ref {
    const key = seriesRef.id > 0 ? `${seriesRef.id}\u0000${title ?? ""}` : null;
    const known = key
      ? this.seasonRefs.get(key)
      : this.pendingSeasons.find((s) => s.series === seriesRef && s.title === title)?.ref;
    if (known) return known;
    const ref = { id: 0 };
    this.pendingSeasons.push({ series: seriesRef, title, ref });
    if (key) this.seasonRefs.set(key, ref);
    return ref;
  }

  /** Writes the titles created so far and fills in their ids. */
  async flush() {
    for (const batch of chunks(
      this.pendingFilms.filter((f) => f.ref.id === 0),
      BATCH,
    )) {
      const rows = await this.tx
        .insert(films)
        .values(
          batch.map((f) => ({
            slug: f.slug,
            title: f.title,
            year: f.year,
            runtimeMinutes: f.runtimeMinutes,
            needsReview: true,
          })),
        )
        .returning({ id: films.id, slug: films.slug });
      const ids = new Map(rows.map((r) => [r.slug, r.id]));
      for (const f of batch) f.ref.id = f.id = ids.get(f.slug)!;
    }
    for (const batch of chunks(
      this.pendingSeries.filter((s) => s.ref.id === 0),
      BATCH,
    )) {
      const rows = await this.tx
        .insert(series)
        .values(
          batch.map((s) => ({ slug: s.slug, title: s.title, year: s.year, needsReview: true })),
        )
        .returning({ id: series.id, slug: series.slug });
      const ids = new Map(rows.map((r) => [r.slug, r.id]));
      for (const s of batch) s.ref.id = s.id = ids.get(s.slug)!;
    }
    for (const batch of chunks(
      this.pendingSeasons.filter((s) => s.ref.id === 0),
      BATCH,
    )) {
      const rows = await this.tx
        .insert(seasons)
        .values(batch.map((s) => ({ seriesId: s.series.id, title: s.title })))
        .returning({ id: seasons.id });
      batch.forEach((s, i) => (s.ref.id = rows[i]!.id));
    }
  }

  filmSlug(id: number): string | undefined {
    return this.films.find((f) => f.ref.id === id)?.slug;
  }
}

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

  // oldest first, so a title the import creates takes the year it first charted
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
 * Sets each global entry's number of countries from the per-country lists of its week: the
 * distinct countries whose Films (or TV) list had the same title and season.
 */
async function recountCountries(tx: Executor, from: string, to: string) {
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

async function importCountries(tx: Executor, rows: CountryRow[], progress?: Progress) {
  let added = 0;
  let updated = 0;
  const weeksBefore = new Set(
    (await tx.selectDistinct({ week: countryChartEntries.week }).from(countryChartEntries)).map(
      (w) => w.week,
    ),
  );
  const changedWeeks = new Set<string>();
  let done = 0;
  for (const batch of chunks(rows, 1000)) {
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
    done += batch.length;
    progress?.(done, rows.length);
  }
  const weeks = rows.map((r) => r.week).sort();
  if (weeks.length) await recountCountries(tx, weeks[0]!, weeks[weeks.length - 1]!);
  const weekSet = new Set(rows.map((r) => r.week));
  return {
    titlesCreated: 0,
    titlesMatched: 0,
    weeksAdded: [...weekSet].filter((w) => !weeksBefore.has(w)).length,
    weeksUpdated: [...changedWeeks].filter((w) => weeksBefore.has(w)).length,
    rowsAdded: added,
    rowsUpdated: updated,
    rowsUnchanged: rows.length - added - updated,
    ambiguous: [],
    changedWeeks: [...changedWeeks].sort(),
    changedFilms: [],
  };
}

async function importMostPopular(tx: Executor, rows: MostPopularRow[]) {
  const resolver = new TitleResolver(tx);
  await resolver.load();
  const existing = new Map(
    (await tx.select().from(mostPopularEntries)).map((e) => [`${e.list}|${e.rank}`, e]),
  );
  let added = 0;
  let updated = 0;
  const resolved = rows.map((row) => {
    const old = existing.get(`${row.list}|${row.rank}`);
    const same =
      old &&
      old.showTitle === row.showTitle &&
      old.seasonTitle === row.seasonTitle &&
      (old.filmId || old.seasonId);
    // The all-time lists have no week: any film out by now fits, and one created from them takes
    // this year (flagged for an editor, like every created title).
    return same ? null : resolver.resolve(row, new Date().getUTCFullYear());
  });
  await resolver.flush();
  for (const [i, row] of rows.entries()) {
    const old = existing.get(`${row.list}|${row.rank}`);
    const r = resolved[i];
    const ids = r
      ? { filmId: r.film?.id ?? null, seasonId: r.season?.id ?? null }
      : { filmId: old!.filmId, seasonId: old!.seasonId };
    const values = {
      list: row.list,
      rank: row.rank,
      showTitle: row.showTitle,
      seasonTitle: row.seasonTitle,
      ...ids,
      hoursViewed: row.hoursViewed,
      runtimeHours: row.runtimeHours,
      views: row.views,
      windowDays: row.windowDays,
    };
    if (!old) {
      await tx.insert(mostPopularEntries).values(values);
      added++;
    } else if ((Object.keys(values) as (keyof typeof values)[]).some((k) => old[k] !== values[k])) {
      await tx
        .update(mostPopularEntries)
        .set({ ...values, updatedAt: sql`now()` })
        .where(eq(mostPopularEntries.id, old.id));
      updated++;
    }
  }
  return {
    titlesCreated: resolver.created,
    titlesMatched: resolver.matched.size,
    weeksAdded: 0,
    weeksUpdated: 0,
    rowsAdded: added,
    rowsUpdated: updated,
    rowsUnchanged: rows.length - added - updated,
    ambiguous: resolver.ambiguous,
    changedWeeks: [],
    changedFilms: [],
  };
}

export async function importTop10(
  db: Database,
  file: string,
  parsed: ParsedTop10File,
  progress?: Progress,
): Promise<ImportSummary> {
  const result = await db.transaction(async (tx) => {
    switch (parsed.kind) {
      case "global":
        return importGlobal(tx, file, parsed.rows, progress);
      case "countries":
        return importCountries(tx, parsed.rows, progress);
      case "most-popular":
        return importMostPopular(tx, parsed.rows);
    }
  });
  return {
    file,
    kind: parsed.kind,
    rowsRead: parsed.rows.length,
    ignoredColumns: parsed.ignoredColumns,
    ...result,
  };
}
