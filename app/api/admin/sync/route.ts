import { currentSyncJob } from "@/app/admin/data/sync-job";
import { auth } from "@/auth";
import { getDb } from "@/db/index";
import { assertAdmin } from "@/db/queries/moderation/permissions";
import { getActor } from "@/db/queries/users";
import { AppError } from "@/lib/errors";

/** The running (or last) Netflix sync's progress, for the admin page to follow. Admins only. */
export async function GET() {
  const session = await auth();
  const actor = session?.user?.id
    ? await getActor(await getDb(), { userId: session.user.id })
    : null;
  try {
    assertAdmin(actor);
  } catch (error) {
    const message = error instanceof AppError ? error.message : "Only admins can do that.";
    return Response.json(
      { error: message },
      { status: actor ? 403 : 401, headers: { "Cache-Control": "no-store" } },
    );
  }
  return Response.json({ job: currentSyncJob() }, { headers: { "Cache-Control": "no-store" } });
}
