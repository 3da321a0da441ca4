/**
 * Letterboxd imports. The handlers run once the action pipeline has its actor and valid input (see
 * ./index.ts).
 */
import type { z } from "zod";
import type { importUploadInput, resolveUnmatchedInput } from "../../lib/validation";
import { prepareImport, resolveUnmatched } from "../import/letterboxd";
import type { LetterboxdExport } from "../../lib/letterboxd/parse";
import type { Actor } from "../queries/users";
import { reviewChangeTags, tags } from "../tags";
import type { ActionDb as Db } from "./index";

/** What an import hands to the work that runs after the response (`runImport` in the route). */
export type ImportRun = { jobId: number; userId: string; handle: string; data: LetterboxdExport };

/** Cache tags a Letterboxd import changes: the films whose aggregates moved, and the viewer. */
export function importTags(handle: string, changedFilms: string[]): string[] {
  return [
    tags.user(handle),
    tags.diary(handle),
    tags.watchlist(handle),
    ...(changedFilms.length ? [tags.reviewsFeed] : []),
    // imported reviews keep the dates they were written on
    ...changedFilms.flatMap(reviewChangeTags),
  ];
}

/**
 * Bringing history from Letterboxd: `upload` checks every file and records the job (the rows are
 * applied by `run`, after the response); `resolve` applies an unmatched film's rows, or skips it.
 */
export function importHandlers(db: Db, run: (job: ImportRun) => void) {
  return {
    upload: async (actor: Actor | null, input: z.infer<typeof importUploadInput>) => {
      const files = await Promise.all(
        input.files.map(async (f) => ({
          name: f.name,
          bytes: new Uint8Array(await f.arrayBuffer()),
        })),
      );
      const { jobId, total, data } = await prepareImport(await db(), actor, { files });
      run({ jobId, userId: actor!.id, handle: actor!.handle, data });
      return {
        data: { jobId, total },
        // nothing is written yet but the job: the run invalidates what it changes
        tags: [] as string[],
        message: `Importing ${total.toLocaleString("en-US")} rows…`,
      };
    },
    resolve: async (actor: Actor | null, input: z.infer<typeof resolveUnmatchedInput>) => {
      const result = await resolveUnmatched(await db(), actor, {
        unmatchedId: input.unmatchedId,
        filmSlug: input.decision === "apply" ? input.filmSlug : null,
      });
      return {
        data: { jobId: result.jobId, filmSlug: result.filmSlug },
        tags: importTags(
          actor!.handle,
          result.ratingChanged && result.filmSlug ? [result.filmSlug] : [],
        ),
        message: result.filmSlug ? "Imported to the film you picked." : "Skipped.",
      };
    },
  };
}
