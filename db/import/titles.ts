/**
 * Resolving Netflix's titles to Reelrank's films and TV seasons: the matcher's candidates, the
 * titles an import creates (written in bulk) and the rows that fit several titles (reported).
 */
import { sql } from "drizzle-orm";
import { NETFLIX_TOP10, sourcesOf } from "../../lib/sources";
import { uniqueFilmSlug } from "../../lib/slug";
import { listBySlug } from "../../lib/top10/lists";
import { matchTitle, normalizeTitle, type TitleCandidate } from "../../lib/top10/match";
import type { GlobalRow } from "../../lib/top10/parse";
import type { Executor } from "../index";
import { chartEntries, films, seasons, series } from "../schema";

export type Ambiguity = { line: number; title: string; candidates: string[] };

export const BATCH = 500;

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const minutesOf = (hours: number | null) => (hours == null ? null : Math.round(hours * 60));

type TitleRow = Pick<GlobalRow, "line" | "list" | "showTitle" | "seasonTitle" | "runtimeHours">;

/** A film or season id, known at once for existing titles and after `flush()` for new ones. */
type Ref = { id: number };
export type Resolved = { film: Ref | null; season: Ref | null };
type Candidate = TitleCandidate & { slug: string; ref: Ref };

/**
 * Resolves chart rows to films and TV seasons, creating those that match nothing (flagged for an
 * editor to enrich) and reporting those that match several. New titles are written in bulk by
 * `flush()`, so a first import of thousands of titles stays fast.
 */
export class TitleResolver {
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

  /** The films or series whose title or original title normalises to `key`. */
  candidates(kind: "film" | "tv", key: string): readonly TitleCandidate[] {
    return this.byKey[kind].get(key) ?? [];
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

  private uniqueSlug(title: string, taken: Set<string>): string {
    // a created title has no known year, so its slug has none
    const slug = uniqueFilmSlug(title, null, taken);
    taken.add(slug);
    return slug;
  }

  /** `weekYear`: the chart week's year, null for lists without weeks (most popular). */
  resolve(row: TitleRow, weekYear: number | null): Resolved {
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
        slug: this.uniqueSlug(row.showTitle, this.slugs[kind]),
        title: row.showTitle,
        originalTitle: null,
        year: null,
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
            runtimeMinutes: f.runtimeMinutes,
            factSources: sourcesOf({ runtimeMinutes: f.runtimeMinutes }, NETFLIX_TOP10),
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
        .values(batch.map((s) => ({ slug: s.slug, title: s.title, needsReview: true })))
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
