/**
 * Imports a Netflix "What We Watched" engagement report: each title's half-year hours and views,
 * and the facts the report states (original title, Netflix premiere date, runtime, whether it is
 * available worldwide). One transaction; idempotent. A row is attached to a film or season only
 * when the match is confident, and a fact is written only where no higher-ranked source set it.
 */
import { and, eq, sql } from "drizzle-orm";
import { titleKeys, type EngagementReport, type EngagementRow } from "../../lib/engagement/parse";
import {
  engagementSource,
  mayOverwrite,
  NETFLIX_TOP10,
  sourceRank,
  type SourceId,
} from "../../lib/sources";
import { matchTitle, normalizeTitle, runtimesAgree } from "../../lib/top10/match";
import type { Database, Executor } from "../index";
import { engagementEntries, films, seasons, series } from "../schema";
import { applyFilmChange, type FactPatch } from "../queries/editing";
import { BATCH, chunks, TitleResolver } from "./titles";

/**
 * - high: one candidate, and its runtime or year agrees with the report's;
 * - medium: one candidate, nothing to compare, but the title is unique in the report and in
 *   Reelrank and the language does not disagree;
 * - low: one candidate but the report has namesakes and nothing tells which is meant;
 * - ambiguous: several candidates; none: no candidate.
 * High and medium are applied; the others are listed and left unattached.
 */
export type MatchConfidence = "high" | "medium" | "low" | "ambiguous" | "none";

export type EngagementIssue = {
  line: number;
  kind: EngagementRow["kind"];
  title: string;
  confidence: Exclude<MatchConfidence, "high" | "medium" | "none">;
  candidates: string[];
};

export type EngagementSummary = {
  file: string;
  period: string;
  rowsRead: number;
  attached: { high: number; medium: number };
  unmatched: number;
  /** Low-confidence and ambiguous rows, left unattached. */
  issues: EngagementIssue[];
  filmsUpdated: number;
  seasonsUpdated: number;
  rowsAdded: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  /** Slugs of films whose pages changed (old and new slug when the year gave a new one). */
  changedFilms: string[];
  changedSeries: string[];
};

type FilmFactsRow = {
  slug: string;
  year: number | null;
  originalTitle: string | null;
  originalLanguage: string | null;
  runtimeMinutes: number | null;
  netflixReleaseDate: string | null;
  availableGlobally: boolean | null;
  factSources: Record<string, string>;
  lockedAt: Date | null;
};

const FILM_FACTS = {
  id: films.id,
  slug: films.slug,
  title: films.title,
  year: films.year,
  originalTitle: films.originalTitle,
  originalLanguage: films.originalLanguage,
  runtimeMinutes: films.runtimeMinutes,
  netflixReleaseDate: films.netflixReleaseDate,
  availableGlobally: films.availableGlobally,
  factSources: films.factSources,
  lockedAt: films.lockedAt,
};

/**
 * The year a report states for a title: only in its title (`Ballerina (2016)`, which Netflix adds
 * to tell namesakes apart). Its Release Date is the Netflix premiere: the film's own release only
 * for Netflix's films, which the report does not mark (Society of the Snow premiered at Venice in
 * 2023 and on Netflix in 2024), so it is kept as "On Netflix since" and gives no year.
 */
export function yearFromReport(row: EngagementRow): number | null {
  return row.yearInTitle;
}

/** The facts a report row states, by film field. */
function reportedFacts(row: EngagementRow) {
  return {
    year: yearFromReport(row),
    originalTitle: row.originalTitle,
    originalLanguage: row.originalLanguage,
    runtimeMinutes: row.runtimeMinutes,
    netflixReleaseDate: row.releaseDate,
    availableGlobally: row.availableGlobally,
  };
}

/** Writes the facts a source states over those it may overwrite; returns the fields that changed. */
function merge<T extends Record<string, unknown>>(
  current: T & { factSources: Record<string, string> },
  facts: Partial<T>,
  source: SourceId,
): { changes: Partial<T>; factSources: Record<string, string>; resourced: boolean } {
  const changes: Partial<T> = {};
  const factSources = { ...current.factSources };
  for (const [field, value] of Object.entries(facts) as [keyof T & string, T[keyof T & string]][]) {
    if (value == null) continue;
    const known = current.factSources[field];
    if (current[field] === value) {
      // the same value from a better source: cite that one
      if (sourceRank(source) > sourceRank(known)) factSources[field] = source;
      continue;
    }
    if (!mayOverwrite(known, source)) continue;
    changes[field] = value;
    factSources[field] = source;
  }
  const resourced = Object.entries(factSources).some(([k, v]) => current.factSources[k] !== v);
  return { changes, factSources, resourced };
}

class EngagementImport {
  private readonly resolver: TitleResolver;
  private filmFacts = new Map<number, FilmFactsRow>();
  private seasonsByKey = new Map<string, { id: number; seriesId: number }[]>();
  /** How many rows of the report share each normalised title, per kind. */
  private namesakes = new Map<string, number>();
  readonly summary: Omit<EngagementSummary, "file" | "period" | "rowsRead">;

  constructor(
    private readonly tx: Executor,
    private readonly source: SourceId,
  ) {
    this.resolver = new TitleResolver(tx);
    this.summary = {
      attached: { high: 0, medium: 0 },
      unmatched: 0,
      issues: [],
      filmsUpdated: 0,
      seasonsUpdated: 0,
      rowsAdded: 0,
      rowsUpdated: 0,
      rowsUnchanged: 0,
      changedFilms: [],
      changedSeries: [],
    };
  }

  async load(rows: EngagementRow[]) {
    await this.resolver.load();
    const filmRows = await this.tx.select(FILM_FACTS).from(films);
    for (const f of filmRows) {
      this.filmFacts.set(f.id, f);
    }
    const seasonRows = await this.tx
      .select({
        id: seasons.id,
        seriesId: seasons.seriesId,
        title: seasons.title,
        seriesTitle: series.title,
      })
      .from(seasons)
      .innerJoin(series, eq(series.id, seasons.seriesId));
    for (const s of seasonRows) {
      const key = normalizeTitle(s.title ?? s.seriesTitle);
      const list = this.seasonsByKey.get(key);
      if (list) list.push(s);
      else this.seasonsByKey.set(key, [s]);
    }
    for (const row of rows) {
      const key = `${row.kind}\u0000${normalizeTitle(row.englishTitle)}`;
      this.namesakes.set(key, (this.namesakes.get(key) ?? 0) + 1);
    }
  }

  private issue(
    row: EngagementRow,
    confidence: EngagementIssue["confidence"],
    candidates: string[],
  ) {
    this.summary.issues.push({
      line: row.line,
      kind: row.kind,
      title: row.title,
      confidence,
      candidates,
    });
  }

  /** The film a report row is about, with the match's confidence. */
  matchFilm(row: EngagementRow): { filmId: number | null; confidence: MatchConfidence } {
    const keys = new Set(titleKeys(row));
    if (row.originalTitle) keys.add(normalizeTitle(row.originalTitle));
    const pool = [...new Set([...keys].flatMap((k) => this.resolver.candidates("film", k)))];
    const result = matchTitle(pool, {
      title: row.englishTitle,
      alsoKnownAs: [...keys],
      // only non-English titles carry an original title; its absence says nothing
      english: row.originalTitle ? false : null,
      runtimeMinutes: row.runtimeMinutes,
      weekYear: null,
      year: row.yearInTitle,
    });
    if (result.kind === "none") return { filmId: null, confidence: "none" };
    if (result.kind === "ambiguous") {
      this.issue(
        row,
        "ambiguous",
        result.candidates.map((c) => this.filmFacts.get(c.id)?.slug ?? String(c.id)),
      );
      return { filmId: null, confidence: "ambiguous" };
    }
    const c = result.candidate;
    const corroborated =
      (c.runtimeMinutes != null &&
        row.runtimeMinutes != null &&
        this.runtimeAgrees(c.id, c.runtimeMinutes, row.runtimeMinutes)) ||
      (c.year != null && row.yearInTitle != null);
    if (corroborated) return { filmId: c.id, confidence: "high" };
    const namesakes = this.namesakes.get(`film\u0000${normalizeTitle(row.englishTitle)}`) ?? 0;
    if (namesakes <= 1 && pool.length === 1) return { filmId: c.id, confidence: "medium" };
    this.issue(row, "low", [this.filmFacts.get(c.id)?.slug ?? String(c.id)]);
    return { filmId: null, confidence: "low" };
  }

  /**
   * Netflix's own runtimes (Top 10 files, earlier reports) agree to the minute with the report's;
   * another source's may differ by a few minutes (Netflix counts Ballerina's credits: 94 vs 92).
   */
  private runtimeAgrees(filmId: number, ours: number, reported: number): boolean {
    const source = this.filmFacts.get(filmId)?.factSources.runtimeMinutes;
    const netflix = source === NETFLIX_TOP10 || source?.startsWith("netflix-engagement:");
    return netflix ? Math.abs(ours - reported) <= 1 : runtimesAgree(ours, reported);
  }

  /** The season a TV row is about: Netflix names seasons the same way in both kinds of file. */
  matchSeason(row: EngagementRow): { seasonId: number | null; confidence: MatchConfidence } {
    const found = [...new Set(titleKeys(row).flatMap((key) => this.seasonsByKey.get(key) ?? []))];
    if (found.length === 0) return { seasonId: null, confidence: "none" };
    if (found.length > 1) {
      this.issue(
        row,
        "ambiguous",
        found.map((s) => String(s.id)),
      );
      return { seasonId: null, confidence: "ambiguous" };
    }
    const namesakes = this.namesakes.get(`tv\u0000${normalizeTitle(row.englishTitle)}`) ?? 0;
    if (namesakes > 1) {
      this.issue(row, "low", [String(found[0]!.id)]);
      return { seasonId: null, confidence: "low" };
    }
    return { seasonId: found[0]!.id, confidence: "high" };
  }

  /**
   * Writes what the report states about a film through the one path every fact change takes
   * (sources ranked, a revision recorded); a film a moderator locked is left alone.
   */
  async applyToFilm(filmId: number, row: EngagementRow) {
    const film = this.filmFacts.get(filmId)!;
    if (film.lockedAt) return;
    const patch = Object.fromEntries(
      Object.entries(reportedFacts(row)).filter(([, v]) => v != null),
    ) as FactPatch;
    // nothing new for what this import already read: no database work (most rows, on a rerun)
    const { changes, resourced } = merge<Record<string, unknown>>(film, patch, this.source);
    if (Object.keys(changes).length === 0 && !resourced) return;
    const result = await applyFilmChange(this.tx, {
      filmId,
      source: this.source,
      userId: null,
      patch,
      respectSources: true,
    });
    const [after] = await this.tx.select(FILM_FACTS).from(films).where(eq(films.id, filmId));
    if (after) this.filmFacts.set(filmId, after);
    if (result.changed.length === 0) return;
    this.summary.filmsUpdated++;
    this.summary.changedFilms.push(result.oldSlug);
    if (result.slug !== result.oldSlug) this.summary.changedFilms.push(result.slug);
  }

  async applyToSeason(seasonId: number, row: EngagementRow) {
    const [season] = await this.tx
      .select({
        originalTitle: seasons.originalTitle,
        netflixReleaseDate: seasons.netflixReleaseDate,
        title: seasons.title,
        seriesId: seasons.seriesId,
      })
      .from(seasons)
      .where(eq(seasons.id, seasonId));
    if (!season) return;
    const seasonChanges: { originalTitle?: string; netflixReleaseDate?: string } = {};
    // a season's facts are filled, never replaced: the reports repeat them
    if (row.originalTitle && season.originalTitle == null)
      seasonChanges.originalTitle = row.originalTitle;
    if (row.releaseDate && season.netflixReleaseDate == null)
      seasonChanges.netflixReleaseDate = row.releaseDate;
    if (Object.keys(seasonChanges).length > 0) {
      await this.tx.update(seasons).set(seasonChanges).where(eq(seasons.id, seasonId));
      this.summary.seasonsUpdated++;
    }
    const [show] = await this.tx.select().from(series).where(eq(series.id, season.seriesId));
    if (!show || !row.originalTitle) return;
    const { changes, factSources, resourced } = merge(
      show,
      {
        originalTitle: seriesOriginalTitle(show.title, row.englishTitle, row.originalTitle),
        originalLanguage: row.originalLanguage,
      },
      this.source,
    );
    if (Object.keys(changes).length === 0 && !resourced) return;
    await this.tx
      .update(series)
      .set({ ...changes, factSources, updatedAt: sql`now()` })
      .where(eq(series.id, show.id));
    if (Object.keys(seasonChanges).length === 0) this.summary.seasonsUpdated++;
    this.summary.changedSeries.push(show.slug);
  }

  async writeEntries(
    period: EngagementReport["period"],
    file: string,
    rows: {
      row: EngagementRow;
      filmId: number | null;
      seasonId: number | null;
      confidence: MatchConfidence;
    }[],
  ) {
    for (const batch of chunks(rows, BATCH)) {
      const result = await this.tx
        .insert(engagementEntries)
        .values(
          batch.map(({ row, filmId, seasonId, confidence }) => ({
            period: period.id,
            periodStart: period.start,
            periodEnd: period.end,
            kind: row.kind === "film" ? ("films" as const) : ("tv" as const),
            title: row.title,
            filmId,
            seasonId,
            matchConfidence: confidence,
            availableGlobally: row.availableGlobally,
            releaseDate: row.releaseDate,
            hoursViewed: row.hoursViewed,
            runtimeMinutes: row.runtimeMinutes,
            views: row.views,
            source: file,
          })),
        )
        .onConflictDoUpdate({
          target: [engagementEntries.period, engagementEntries.kind, engagementEntries.title],
          set: {
            filmId: sql`excluded.film_id`,
            seasonId: sql`excluded.season_id`,
            matchConfidence: sql`excluded.match_confidence`,
            availableGlobally: sql`excluded.available_globally`,
            releaseDate: sql`excluded.release_date`,
            hoursViewed: sql`excluded.hours_viewed`,
            runtimeMinutes: sql`excluded.runtime_minutes`,
            views: sql`excluded.views`,
            source: sql`excluded.source`,
            updatedAt: sql`now()`,
          },
          // a row whose figures and match are as before is left alone, so a re-import writes nothing
          setWhere: sql`(engagement_entries.film_id, engagement_entries.season_id, engagement_entries.match_confidence,
              engagement_entries.available_globally, engagement_entries.release_date, engagement_entries.hours_viewed,
              engagement_entries.runtime_minutes, engagement_entries.views)
            is distinct from (excluded.film_id, excluded.season_id, excluded.match_confidence,
              excluded.available_globally, excluded.release_date, excluded.hours_viewed,
              excluded.runtime_minutes, excluded.views)`,
        })
        .returning({ inserted: sql<boolean>`xmax = 0` });
      for (const r of result) {
        if (r.inserted) this.summary.rowsAdded++;
        else this.summary.rowsUpdated++;
      }
    }
    this.summary.rowsUnchanged = rows.length - this.summary.rowsAdded - this.summary.rowsUpdated;
  }
}

/**
 * The series' own original title from a season's: `오징어 게임: 시즌 1` is season 1 of `오징어 게임`
 * when the English title splits the same way (`Squid Game` + `: Season 1`). Null when it doesn't.
 */
export function seriesOriginalTitle(
  seriesTitle: string,
  seasonEnglish: string,
  seasonOriginal: string,
): string | null {
  if (normalizeTitle(seasonEnglish) === normalizeTitle(seriesTitle)) return seasonOriginal;
  if (!seasonEnglish.startsWith(`${seriesTitle}: `)) return null;
  const cut = seasonOriginal.lastIndexOf(": ");
  return cut > 0 ? seasonOriginal.slice(0, cut) : null;
}

/** Several rows (the same title in one sheet twice) keep the first: the key is period, kind and title. */
function firstOfEachTitle(rows: EngagementRow[]): EngagementRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.kind}\u0000${r.title}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type Matched = {
  row: EngagementRow;
  filmId: number | null;
  seasonId: number | null;
  confidence: MatchConfidence;
};

/** One pass over the report: match what is not attached yet, attach, apply its facts. */
async function importPass(
  tx: Executor,
  file: string,
  report: EngagementReport,
  rows: EngagementRow[],
): Promise<{ job: EngagementImport; newlyAttached: number }> {
  const job = new EngagementImport(tx, engagementSource(report.period.id));
  await job.load(rows);
  // A row attached by an earlier import stays with its title: the facts that import wrote would
  // otherwise change the match it is judged by (a runtime added makes a title-only match "high").
  const attached = new Map(
    (
      await tx
        .select({
          kind: engagementEntries.kind,
          title: engagementEntries.title,
          filmId: engagementEntries.filmId,
          seasonId: engagementEntries.seasonId,
          confidence: engagementEntries.matchConfidence,
        })
        .from(engagementEntries)
        .where(
          and(
            eq(engagementEntries.period, report.period.id),
            sql`(${engagementEntries.filmId} is not null or ${engagementEntries.seasonId} is not null)`,
          ),
        )
    ).map((e) => [`${e.kind === "films" ? "film" : "tv"}\u0000${e.title}`, e]),
  );
  let newlyAttached = 0;
  const matched = rows.map((row): Matched => {
    const known = attached.get(`${row.kind}\u0000${row.title}`);
    if (known) {
      return {
        row,
        filmId: known.filmId,
        seasonId: known.seasonId,
        confidence: known.confidence as MatchConfidence,
      };
    }
    if (row.kind === "film") return { row, seasonId: null, ...job.matchFilm(row) };
    return { row, filmId: null, ...job.matchSeason(row) };
  });
  // Several rows fitting one title (`Hellboy (2004)` and `Hellboy (2019)` for a Hellboy with no
  // known year) cannot all be it, and nothing says which is: none is attached.
  const claims = new Map<string, Matched[]>();
  for (const m of matched) {
    const key = m.filmId != null ? `f${m.filmId}` : m.seasonId != null ? `s${m.seasonId}` : null;
    if (key) claims.set(key, [...(claims.get(key) ?? []), m]);
  }
  for (const rivals of claims.values()) {
    if (rivals.length < 2) continue;
    const names = rivals.map((r) => r.row.title);
    for (const m of rivals) {
      m.filmId = m.seasonId = null;
      m.confidence = "ambiguous";
      job.summary.issues.push({
        line: m.row.line,
        kind: m.row.kind,
        title: m.row.title,
        confidence: "ambiguous",
        candidates: names.filter((n) => n !== m.row.title),
      });
    }
  }
  for (const m of matched) {
    if (m.confidence === "high" || m.confidence === "medium") job.summary.attached[m.confidence]++;
    else if (m.confidence === "none") job.summary.unmatched++;
    const isNew = !attached.has(`${m.row.kind}\u0000${m.row.title}`);
    if (isNew && (m.filmId != null || m.seasonId != null)) newlyAttached++;
    if (m.filmId != null) await job.applyToFilm(m.filmId, m.row);
    if (m.seasonId != null) await job.applyToSeason(m.seasonId, m.row);
  }
  await job.writeEntries(report.period, file, matched);
  return { job, newlyAttached };
}

/**
 * Imports a report in passes until nothing new attaches: a fact one row brings (the year in
 * `The Mule (2018)`) can make another row's match certain. So importing it again changes nothing.
 */
export async function importEngagementInTx(
  tx: Executor,
  file: string,
  report: EngagementReport,
): Promise<EngagementSummary> {
  const rows = firstOfEachTitle(report.rows);
  const total = { filmsUpdated: 0, seasonsUpdated: 0, rowsAdded: 0, rowsUpdated: 0 };
  const changedFilms = new Set<string>();
  const changedSeries = new Set<string>();
  let last: EngagementImport;
  for (let pass = 1; ; pass++) {
    const { job, newlyAttached } = await importPass(tx, file, report, rows);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += job.summary[k];
    job.summary.changedFilms.forEach((s) => changedFilms.add(s));
    job.summary.changedSeries.forEach((s) => changedSeries.add(s));
    last = job;
    if (newlyAttached === 0 || pass === 4) break;
  }
  return {
    file,
    period: report.period.id,
    rowsRead: report.rows.length,
    ...last.summary,
    ...total,
    rowsUnchanged: Math.max(0, rows.length - total.rowsAdded - total.rowsUpdated),
    changedFilms: [...changedFilms],
    changedSeries: [...changedSeries],
  };
}

export async function importEngagement(
  db: Database,
  file: string,
  report: EngagementReport,
): Promise<EngagementSummary> {
  return db.transaction((tx) => importEngagementInTx(tx, file, report));
}
