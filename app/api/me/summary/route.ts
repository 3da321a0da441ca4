import { auth } from "@/auth";
import { getDb } from "@/db/index";
import { listBlockedIds } from "@/db/queries/follows";
import { countUnread } from "@/db/queries/notifications";

const PRIVATE = { "Cache-Control": "private, no-store" };

/**
 * What the header needs on every page, in one request: the unread count for the bell, and the
 * users the reader blocked, whose reviews and comments shared pages then hide in the browser.
 */
export async function GET() {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return Response.json({ signedIn: false }, { headers: PRIVATE });
  const db = await getDb();
  const [unread, blockedUserIds] = await Promise.all([
    countUnread(db, { userId }),
    listBlockedIds(db, { userId }),
  ]);
  return Response.json({ signedIn: true, unread, blockedUserIds }, { headers: PRIVATE });
}
