import { readDiary } from "@/db/queries/diary";
import { respondWithPart } from "./respond";

/** A diary page (dated entries, newest first) for the signed-in reader, if its owner shows it to them. */
export function GET(request: Request, { params }: { params: Promise<{ handle: string }> }) {
  return respondWithPart(request, params, readDiary);
}
