import { readFilmsWatched } from "@/db/queries/diary";
import { respondWithPart } from "../diary/respond";

/** The films a user watched, for the signed-in reader, if its owner shows their diary to them. */
export function GET(request: Request, { params }: { params: Promise<{ handle: string }> }) {
  return respondWithPart(request, params, readFilmsWatched);
}
