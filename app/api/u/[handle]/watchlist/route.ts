import { readWatchlist } from "@/db/queries/watchlist";
import { respondWithPart } from "../diary/respond";

/** A user's watchlist for the signed-in reader, if its owner shows it to them. */
export function GET(request: Request, { params }: { params: Promise<{ handle: string }> }) {
  return respondWithPart(request, params, readWatchlist);
}
