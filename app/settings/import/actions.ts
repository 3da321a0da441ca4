"use server";
import { serverAction } from "@/app/server-action";
import { importHandlers } from "@/db/actions";
import { getDb } from "@/db/index";
import { resolveUnmatchedInput } from "@/lib/validation";

/** The viewer picks the film an unmatched row of their import meant, or skips it. */
export const resolveUnmatchedAction = serverAction(
  resolveUnmatchedInput,
  // uploads go through /api/me/imports; this binding only resolves
  importHandlers(getDb, () => {}).resolve,
);
