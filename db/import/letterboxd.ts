/**
 * Imports a Letterboxd export into a viewer's diary, ratings, reviews and watchlist. Films are
 * matched by title (case, accents and punctuation aside) and year; a film that fits none or
 * several is kept with its rows until the viewer picks it. Each batch of films is one
 * transaction, and every write is keyed (diary import keys, one review per film, the watchlist's
 * primary key), so an import stopped half-way completes when run again, without duplicates.
 */
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { AppError, notSignedIn } from "../../lib/errors";
import { parseExport, rowCount, type LetterboxdExport } from "../../lib/letterboxd/parse";
import { LetterboxdError, readUpload, type UploadedFile } from "../../lib/letterboxd/read";
import {
  filmKey,
  filmRowCount,
  groupByFilm,
  planReview,
  type FilmRows,
  type NotImported,
} from "../../lib/letterboxd/plan";
import {
  emptyReport,
  emptyRows,
  type ImportReport,
  type UnmatchedRows,
} from "../../lib/letterboxd/report";
import type { Executor } from "../index";
import { matchFilms } from "./letterboxd-match";
import { assertCanParticipate } from "../queries/moderation/permissions";
import { consumeLimit } from "../queries/rate-limits";
import { changeStats } from "../queries/rating-stats";
import type { Actor } from "../queries/users";
import {
  diaryEntries,
  films,
  importJobs,
  importUnmatched,
  reviewRevisions,
  reviews,
  watchlistEntries,
} from "../schema";

/** Films applied per transaction: small enough that progress moves, large enough to be quick. */
export const FILMS_PER_BATCH = 25;
/** "not imported" rows kept in a report; the count beyond is not listed. */
const MAX_LISTED = 200;

/** A day of the export as a moment (midday UTC, so it reads as that day everywhere). */
const at = (day: string) => new Date(`${day}T12:00:00Z`);

// ─── Applying a film's rows ──────────────────────────────────────────────────

/**
 * Writes one film's rows for a user, in the caller's transaction, and counts what it did. A
 * review or rating already there is never overwritten; diary entries and the watchlist are keyed.
 * Returns whether the film's aggregates changed.
 */
export async function applyFilmRows(
  tx: Executor,
  userId: string,
  filmId: number,
  rows: FilmRows,
  report: ImportReport,
): Promise<{ ratingChanged: boolean }> {
  const plan = planReview(rows);
  listNotImported(report, plan.notImported);
  let ratingChanged = false;
  const [existing] = await tx
    .select({ id: reviews.id, deletedAt: reviews.deletedAt })
    .from(reviews)
    .where(and(eq(reviews.filmId, filmId), eq(reviews.userId, userId)));
  let reviewId = existing && !existing.deletedAt ? existing.id : null;
  if (plan.review) {
    const created = existing
      ? undefined
      : (
          await tx
            .insert(reviews)
            .values({
              filmId,
              userId,
              rating: plan.review.rating,
              body: plan.review.body,
              containsSpoilers: false,
              watchedOn: plan.review.watchedOn,
              createdAt: at(plan.review.createdAt),
              updatedAt: at(plan.review.createdAt),
            })
            .onConflictDoNothing()
            .returning({ id: reviews.id })
        )[0];
    const kind = created ? "created" : "existing";
    report.ratings[kind] += plan.used.ratings;
    report.reviews[kind] += plan.used.reviews;
    if (created) {
      reviewId = created.id;
      await changeStats(tx, filmId, null, plan.review.rating);
      ratingChanged = true;
      if (plan.versions.length)
        await tx.insert(reviewRevisions).values(
          plan.versions.map((v) => ({
            reviewId: created.id,
            rating: v.rating,
            body: v.body,
            containsSpoilers: false,
            watchedOn: v.watchedOn,
            replacedAt: at(v.replacedAt),
          })),
        );
    }
  }

  const reviewUris = new Set(rows.reviews.map((r) => r.uri).filter(Boolean));
  if (rows.diary.length) {
    const inserted = await tx
      .insert(diaryEntries)
      .values(
        rows.diary.map((d) => ({
          userId,
          filmId,
          watchedOn: d.watchedDate,
          rating: d.rating,
          rewatch: d.rewatch,
          tags: d.tags,
          importKey: d.importKey,
          reviewId: reviewUris.has(d.uri) ? reviewId : null,
          createdAt: at(d.date),
          updatedAt: at(d.date),
        })),
      )
      .onConflictDoNothing()
      .returning({ id: diaryEntries.id });
    report.diary.created += inserted.length;
    report.diary.existing += rows.diary.length - inserted.length;
  }

  if (rows.watched.length) {
    const [logged] = await tx
      .select({ id: diaryEntries.id })
      .from(diaryEntries)
      .where(and(eq(diaryEntries.userId, userId), eq(diaryEntries.filmId, filmId)))
      .limit(1);
    const first = rows.watched[0]!;
    const inserted = logged
      ? []
      : await tx
          .insert(diaryEntries)
          .values({
            userId,
            filmId,
            watchedOn: null,
            importKey: `watched:${first.uri || filmKey(rows.name, rows.year)}`,
            createdAt: at(first.date),
            updatedAt: at(first.date),
          })
          .onConflictDoNothing()
          .returning({ id: diaryEntries.id });
    report.watched.created += inserted.length;
    report.watched.existing += rows.watched.length - inserted.length;
  }

  for (const w of rows.watchlist) {
    const inserted = await tx
      .insert(watchlistEntries)
      .values({ userId, filmId, addedAt: at(w.date) })
      .onConflictDoNothing()
      .returning({ filmId: watchlistEntries.filmId });
    report.watchlist[inserted.length ? "created" : "existing"] += 1;
  }
  return { ratingChanged };
}

function listNotImported(report: ImportReport, rows: NotImported[]) {
  for (const r of rows) if (report.notImported.length < MAX_LISTED) report.notImported.push(r);
}

// ─── Jobs ────────────────────────────────────────────────────────────────────

/** Imports per user per hour: an import writes many rows. */
const importLimit = (actor: Actor) => ({
  key: `import:${actor.id}`,
  max: 10,
  windowSeconds: 3600,
  message: "You have started many imports this hour.",
});

/**
 * Records a new import of a validated export (nothing is written for a refused one) and returns
 * its job; `runImport` then applies it.
 */
export async function startImport(
  db: Executor,
  actorOrNull: Actor | null,
  { fileName, data }: { fileName: string; data: LetterboxdExport },
): Promise<{ jobId: number; total: number }> {
  // ratings and reviews are posts: a silenced or suspended account cannot import them either
  const actor = assertCanParticipate(actorOrNull);
  const total = rowCount(data);
  if (total === 0)
    throw new AppError("invalid", "The export has no films in it: nothing to import.");
  return db.transaction(async (tx) => {
    await consumeLimit(tx, importLimit(actor));
    const [job] = await tx
      .insert(importJobs)
      .values({
        userId: actor.id,
        source: "letterboxd",
        fileName: fileName.slice(0, 200),
        total,
        report: emptyReport(),
      })
      .returning({ id: importJobs.id });
    return { jobId: job!.id, total };
  });
}

/**
 * Checks every uploaded file first (a refused upload writes nothing, not even a job), then
 * records the import. The caller runs `runImport` with the parsed export.
 */
export async function prepareImport(
  db: Executor,
  actorOrNull: Actor | null,
  { files }: { files: UploadedFile[] },
): Promise<{ jobId: number; total: number; data: LetterboxdExport }> {
  const actor = assertCanParticipate(actorOrNull);
  let data: LetterboxdExport;
  try {
    data = parseExport(readUpload(files));
  } catch (error) {
    if (error instanceof LetterboxdError)
      throw new AppError("invalid", `Nothing was imported. ${error.problems.join("\n")}`, {
        files: error.problems[0] ?? "",
      });
    throw error;
  }
  const fileName = files.map((f) => f.name).join(", ");
  const { jobId, total } = await startImport(db, actor, { fileName, data });
  return { jobId, total, data };
}

export type RunResult = { report: ImportReport; changedFilms: string[] };

/**
 * Applies an export to the job's user, a batch of films per transaction, moving the job's
 * progress after each. A failure marks the job failed; what was applied stays, and importing the
 * same export again completes it without duplicates.
 */
export async function runImport(
  db: Executor,
  { jobId, userId, data }: { jobId: number; userId: string; data: LetterboxdExport },
  { filmsPerBatch = FILMS_PER_BATCH }: { filmsPerBatch?: number } = {},
): Promise<RunResult> {
  const report = emptyReport();
  const changed = new Set<string>();
  try {
    const groups = groupByFilm(data);
    const matches = await matchFilms(db, groups);
    const remembered = await earlierChoices(db, userId, groups);
    let processed = 0;
    for (let start = 0; start < groups.length; start += filmsPerBatch) {
      await db.transaction(async (tx) => {
        for (let i = start; i < Math.min(groups.length, start + filmsPerBatch); i++) {
          const rows = groups[i]!;
          const match = matches[i]!;
          const choice = remembered.get(filmKey(rows.name, rows.year));
          const filmId = match.filmId ?? choice?.filmId ?? null;
          processed += filmRowCount(rows);
          if (filmId != null) {
            report.films.matched++;
            const { ratingChanged } = await applyFilmRows(tx, userId, filmId, rows, report);
            if (ratingChanged) changed.add(match.slug ?? choice!.slug!);
          } else if (choice?.skipped) {
            report.films.skipped++;
          } else {
            report.films.unmatched++;
            const { diary, ratings, reviews: reviewRows, watched, watchlist } = rows;
            await tx.insert(importUnmatched).values({
              jobId,
              userId,
              name: rows.name,
              year: rows.year,
              uri: rows.uri || null,
              rows: { diary, ratings, reviews: reviewRows, watched, watchlist },
              candidates: match.candidates ?? [],
            });
          }
        }
        await tx
          .update(importJobs)
          .set({ processed, report })
          .where(and(eq(importJobs.id, jobId), eq(importJobs.userId, userId)));
      });
    }
    await db
      .update(importJobs)
      .set({ status: "done", processed, report, finishedAt: sql`now()` })
      .where(and(eq(importJobs.id, jobId), eq(importJobs.userId, userId)));
  } catch (error) {
    console.error("letterboxd import failed:", error);
    await db
      .update(importJobs)
      .set({
        status: "failed",
        error:
          "The import stopped part-way. What was imported is kept; upload the same export again to finish it (nothing is added twice).",
        finishedAt: sql`now()`,
      })
      .where(and(eq(importJobs.id, jobId), eq(importJobs.userId, userId)));
    throw error;
  }
  return { report, changedFilms: [...changed] };
}

/** The user's earlier picks for films an import could not match: the same pick applies again. */
async function earlierChoices(db: Executor, userId: string, groups: FilmRows[]) {
  const out = new Map<string, { filmId: number | null; slug: string | null; skipped: boolean }>();
  const names = [...new Set(groups.map((g) => g.name))];
  const rows = [];
  for (let start = 0; start < names.length; start += 1000) {
    rows.push(
      ...(await db
        .select({
          name: importUnmatched.name,
          year: importUnmatched.year,
          status: importUnmatched.status,
          filmId: importUnmatched.filmId,
          slug: films.slug,
          resolvedAt: importUnmatched.resolvedAt,
        })
        .from(importUnmatched)
        .leftJoin(films, eq(films.id, importUnmatched.filmId))
        .where(
          and(
            eq(importUnmatched.userId, userId),
            inArray(importUnmatched.status, ["matched", "skipped"]),
            inArray(importUnmatched.name, names.slice(start, start + 1000)),
          ),
        )),
    );
  }
  // the latest pick wins
  rows.sort((a, b) => (a.resolvedAt?.getTime() ?? 0) - (b.resolvedAt?.getTime() ?? 0));
  for (const r of rows) {
    if (r.status === "matched" && r.filmId == null) continue;
    out.set(filmKey(r.name, r.year), {
      filmId: r.status === "matched" ? r.filmId : null,
      slug: r.slug,
      skipped: r.status === "skipped",
    });
  }
  return out;
}

// ─── Resolving what did not match ────────────────────────────────────────────

export type Resolution = {
  jobId: number;
  filmSlug: string | null;
  ratingChanged: boolean;
  report: ImportReport;
};

/**
 * The viewer picks the film an unmatched row meant (its rows are applied, in one transaction) or
 * skips it. Only their own; picking again changes nothing.
 */
export async function resolveUnmatched(
  db: Executor,
  actorOrNull: Actor | null,
  input: { unmatchedId: number; filmSlug: string | null },
): Promise<Resolution> {
  if (!actorOrNull) throw notSignedIn();
  const actor = input.filmSlug ? assertCanParticipate(actorOrNull) : actorOrNull;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(importUnmatched)
      .where(eq(importUnmatched.id, input.unmatchedId))
      .for("update");
    if (!row || row.userId !== actor.id)
      throw new AppError("not_found", "That film of your import was not found.");
    if (row.status !== "pending")
      throw new AppError(
        "conflict",
        `You already ${row.status === "matched" ? "picked a film" : "skipped"} for “${row.name}”.`,
      );
    const [job] = await tx
      .select({ report: importJobs.report })
      .from(importJobs)
      .where(eq(importJobs.id, row.jobId))
      .for("update");
    const report = { ...emptyReport(), ...(job?.report as ImportReport | null) };
    let film: { id: number; slug: string } | undefined;
    let ratingChanged = false;
    if (input.filmSlug) {
      [film] = await tx
        .select({ id: films.id, slug: films.slug })
        .from(films)
        .where(eq(films.slug, input.filmSlug));
      if (!film)
        throw new AppError("not_found", "No film has that address.", {
          filmSlug: "No film has that address.",
        });
      const rows = {
        name: row.name,
        year: row.year,
        uri: row.uri ?? "",
        ...emptyRows(),
        ...(row.rows as Partial<UnmatchedRows>),
      };
      ({ ratingChanged } = await applyFilmRows(tx, actor.id, film.id, rows, report));
      report.films.resolved++;
    } else {
      report.films.skipped++;
    }
    await tx
      .update(importUnmatched)
      .set({
        status: film ? "matched" : "skipped",
        filmId: film?.id ?? null,
        resolvedAt: sql`now()`,
      })
      .where(eq(importUnmatched.id, row.id));
    await tx.update(importJobs).set({ report }).where(eq(importJobs.id, row.jobId));
    return { jobId: row.jobId, filmSlug: film?.slug ?? null, ratingChanged, report };
  });
}
