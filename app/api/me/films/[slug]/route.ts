import { auth } from "@/auth";
import { loadFilm } from "@/db/cached";
import { getDb } from "@/db/index";
import { getReaderFilmState } from "@/db/queries/reviews";

const PRIVATE = { "Cache-Control": "private, no-store" };

/** The signed-in reader's own review of a film and the reviews they liked there. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const session = await auth();
  if (!session?.user?.id) return Response.json({ signedIn: false }, { headers: PRIVATE });
  const film = await loadFilm((await params).slug);
  if (!film) return Response.json({ error: "No such film." }, { status: 404, headers: PRIVATE });
  const state = await getReaderFilmState(await getDb(), {
    userId: session.user.id,
    filmId: film.id,
  });
  return Response.json(
    { signedIn: true, handle: session.user.handle, ...state },
    { headers: PRIVATE },
  );
}
