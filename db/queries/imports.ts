/** A viewer's imports from other sites: progress, report, and the films left to pick. */
import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import { filmRowCount } from "../../lib/letterboxd/plan";
import {
  emptyReport,
  emptyRows,
  STALE_AFTER_MS,
  type Candidate,
  type ImportReport,
  type UnmatchedRows,
} from "../../lib/letterboxd/report";
import type { Executor } from "../index";
import { films, importJobs, importUnmatched } from "../schema";

export type ImportJobView = {
  id: number;
  fileName: string;
  status: "running" | "done" | "failed";
  /** Running, but started long ago: the server stopped during it. */
  stalled: boolean;
  total: number;
  processed: number;
  report: ImportReport;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  unmatched: {
    id: number;
    name: string;
    year: number | null;
    status: "pending" | "matched" | "skipped";
    rows: number;
    candidates: Candidate[];
    film: { slug: string; title: string; year: number | null } | null;
  }[];
};

/** One of the user's imports with its report and the films it could not match; null if not theirs. */
export async function getImportJob(
  db: Executor,
  { userId, jobId }: { userId: string; jobId: number },
): Promise<ImportJobView | null> {
  const [job] = await db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, jobId), eq(importJobs.userId, userId)));
  if (!job) return null;
  const unmatched = await db
    .select({
      id: importUnmatched.id,
      name: importUnmatched.name,
      year: importUnmatched.year,
      status: importUnmatched.status,
      rows: importUnmatched.rows,
      candidates: importUnmatched.candidates,
      slug: films.slug,
      title: films.title,
      filmYear: films.year,
    })
    .from(importUnmatched)
    .leftJoin(films, eq(films.id, importUnmatched.filmId))
    .where(eq(importUnmatched.jobId, job.id))
    .orderBy(asc(importUnmatched.id));
  return {
    id: job.id,
    fileName: job.fileName,
    status: job.status,
    stalled: job.status === "running" && Date.now() - job.createdAt.getTime() > STALE_AFTER_MS,
    total: job.total,
    processed: job.processed,
    report: { ...emptyReport(), ...(job.report as ImportReport | null) },
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    unmatched: unmatched.map((u) => ({
      id: u.id,
      name: u.name,
      year: u.year,
      status: u.status,
      rows: filmRowCount({ ...emptyRows(), ...(u.rows as Partial<UnmatchedRows>) }),
      candidates: u.candidates as Candidate[],
      film: u.slug ? { slug: u.slug, title: u.title!, year: u.filmYear } : null,
    })),
  };
}

/** The user's latest imports, newest first. */
export async function listImportJobs(db: Executor, { userId }: { userId: string }) {
  return db
    .select({
      id: importJobs.id,
      fileName: importJobs.fileName,
      status: importJobs.status,
      total: importJobs.total,
      processed: importJobs.processed,
      createdAt: importJobs.createdAt,
    })
    .from(importJobs)
    .where(eq(importJobs.userId, userId))
    .orderBy(desc(importJobs.createdAt))
    .limit(10);
}
