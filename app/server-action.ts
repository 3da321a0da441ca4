/** Server actions' binding of the action pipeline (lib/action.ts) to Auth.js, the database and Next's cache. */
import "server-only";
import { revalidateTag, updateTag } from "next/cache";
import { redirect } from "next/navigation";

import type { z } from "zod";
import { auth } from "@/auth";
import { getDb } from "@/db/index";
import { getActor, type Actor } from "@/db/queries/users";
import { createAction, formToObject, type ActionHandler } from "@/lib/action";

export function serverAction<S extends z.ZodType, T>(
  schema: S,
  handler: ActionHandler<Actor, z.infer<S>, T>,
) {
  return createAction<Actor, S, T>(
    {
      sessionUserId: async () => (await auth())?.user?.id ?? null,
      resolveActor: async (userId) => getActor(await getDb(), { userId }),
      invalidate: (tags) => tags.forEach((tag) => updateTag(tag)),
    },
    schema,
    handler,
  );
}

/**
 * The same pipeline as a route handler taking a form POST and answering JSON: for a change that
 * replaces the session cookie (a new password, a deleted account). A server action would have
 * Next re-render the page in its response with the request's old cookie, which the new session
 * version refuses, so the page would read as signed out. (Cross-site posts to /api are refused
 * in proxy.ts.)
 */
export function routeAction<S extends z.ZodType, T>(
  schema: S,
  handler: ActionHandler<Actor, z.infer<S>, T>,
) {
  const action = createAction<Actor, S, T>(
    {
      sessionUserId: async () => (await auth())?.user?.id ?? null,
      resolveActor: async (userId) => getActor(await getDb(), { userId }),
      // outside a server action: expire at once, so the next request renders afresh
      invalidate: (tags) => tags.forEach((tag) => revalidateTag(tag, { expire: 0 })),
    },
    schema,
    handler,
  );
  return async function POST(request: Request): Promise<Response> {
    const form = await request.formData().catch(() => null);
    const result = form
      ? await action(null, formToObject(form))
      : { ok: false as const, error: "Send the form's fields.", fieldErrors: {} };
    return Response.json(result, {
      status: result.ok ? 200 : 400,
      headers: { "Cache-Control": "private, no-store" },
    });
  };
}

/**
 * The reader of a per-reader page (/mod, /admin): signed-in users are re-read from the database.
 * Anonymous readers are sent to sign in; others without the role see a refusal.
 */
export async function pageActor(path: string): Promise<Actor> {
  const session = await auth();
  const actor = session?.user?.id
    ? await getActor(await getDb(), { userId: session.user.id })
    : null;
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  return actor;
}
