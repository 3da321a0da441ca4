import { z } from "zod";
import { auth } from "@/auth";
import { getDb } from "@/db/index";
import { getImportJob } from "@/db/queries/imports";

const PRIVATE = { "Cache-Control": "private, no-store" };
const Params = z.object({ id: z.coerce.number().int().positive() });

/** One of the signed-in reader's imports: its progress, report and unmatched films. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await auth();
  if (!session?.user?.id)
    return Response.json(
      { error: "Sign in to see your imports." },
      { status: 401, headers: PRIVATE },
    );
  const parsed = Params.safeParse(await params);
  if (!parsed.success)
    return Response.json({ error: "No such import." }, { status: 404, headers: PRIVATE });
  const job = await getImportJob(await getDb(), { userId: session.user.id, jobId: parsed.data.id });
  if (!job) return Response.json({ error: "No such import." }, { status: 404, headers: PRIVATE });
  return Response.json({ job }, { headers: PRIVATE });
}
