import { auth } from "@/auth";
import { loadFilm } from "@/db/cached";
import { getDb } from "@/db/index";
import { getReaderDiaryState } from "@/db/queries/diary";
import { getReaderFilmState } from "@/db/queries/reviews";

const PRIVATE = { "Cache-Control": "private, no-store" };

/**
 * The signed-in reader's own review of a film, the reviews they liked there, and their diary and
 * watchlist state for it.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const session = await auth();
  if (!session?.user?.id) return Response.json({ signedIn: false }, { headers: PRIVATE });
  const film = await loadFilm((await params).slug);
  if (!film) return Response.json({ error: "No such film." }, { status: 404, headers: PRIVATE });
  const db = await getDb();
  const reader = { userId: session.user.id, filmId: film.id };
  const [state, diary] = await Promise.all([
    getReaderFilmState(db, reader),
    getReaderDiaryState(db, reader),
  ]);
  return Response.json(
    { signedIn: true, handle: session.user.handle, ...state, diary },
    { headers: PRIVATE },
  );
}
