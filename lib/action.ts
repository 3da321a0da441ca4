/**
 * The pipeline every server action runs: who is it, may they, is the input valid, then the
 * write (the handler runs it in one transaction) and the cache tags it changed. Framework-free:
 * the session, the database and cache invalidation are passed in, so tests can forge requests.
 */
import type { z } from "zod";
import { AppError } from "./errors";
import { fieldErrors } from "./validation";

export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors: Record<string, string> };

export type ActionDeps<Actor> = {
  /** The signed-in user's id from the session, or null. */
  sessionUserId: () => Promise<string | null>;
  /** The user as the database has them now (role, sanctions), or null. */
  resolveActor: (userId: string) => Promise<Actor | null>;
  /** Invalidates cache tags after a successful write. */
  invalidate: (tags: string[]) => void;
};

export type ActionHandler<Actor, I, T> = (
  actor: Actor | null,
  input: I,
) => Promise<{ data: T; tags: string[]; message?: string }>;

export function formToObject(form: FormData | Record<string, unknown>): Record<string, unknown> {
  if (!(form instanceof FormData)) return form;
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    // a repeated field (checked boxes) becomes a list
    const prev = out[key] as FormDataEntryValue | FormDataEntryValue[] | undefined;
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export function createAction<Actor, S extends z.ZodType, T>(
  deps: ActionDeps<Actor>,
  schema: S,
  handler: ActionHandler<Actor, z.infer<S>, T>,
): (
  previous: ActionResult<T> | null,
  form: FormData | Record<string, unknown>,
) => Promise<ActionResult<T>> {
  return async (_previous, form) => {
    try {
      const userId = await deps.sessionUserId();
      const actor = userId ? await deps.resolveActor(userId) : null;
      const parsed = schema.safeParse(formToObject(form));
      if (!parsed.success) {
        const errors = fieldErrors(parsed.error);
        return {
          ok: false,
          error: Object.values(errors)[0] ?? "Check the form.",
          fieldErrors: errors,
        };
      }
      const { data, tags, message } = await handler(actor, parsed.data);
      deps.invalidate(tags);
      return { ok: true, data, message };
    } catch (error) {
      if (error instanceof AppError)
        return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
      console.error("action failed:", error);
      return {
        ok: false,
        error: "Something went wrong on our side. Nothing was saved; please try again.",
        fieldErrors: {},
      };
    }
  };
}
