/** Server actions' binding of the action pipeline (lib/action.ts) to Auth.js, the database and Next's cache. */
import "server-only";
import { updateTag } from "next/cache";
import { redirect } from "next/navigation";

import type { z } from "zod";
import { auth } from "@/auth";
import { getDb } from "@/db/index";
import { getActor, type Actor } from "@/db/queries/users";
import { createAction, type ActionHandler } from "@/lib/action";

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
