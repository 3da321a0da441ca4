import { revalidateTag } from "next/cache";
import { after } from "next/server";
import { auth } from "@/auth";
import { importHandlers, importTags, type ImportRun } from "@/db/actions";
import { getDb } from "@/db/index";
import { runImport } from "@/db/import/letterboxd";
import { getActor } from "@/db/queries/users";
import { createAction } from "@/lib/action";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FORM_BYTES } from "@/lib/limits";
import { importUploadInput } from "@/lib/validation";

const PRIVATE = { "Cache-Control": "private, no-store" };

const refuse = (status: number, error: string) =>
  Response.json({ ok: false, error, fieldErrors: {} }, { status, headers: PRIVATE });

/** The request's body, refused past the limit as it arrives (a missing or false length is not trusted). */
async function readLimited(
  request: Request,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.length;
  }
  return body;
}

function runAfterResponse(job: ImportRun) {
  after(async () => {
    try {
      const { changedFilms } = await runImport(await getDb(), job);
      for (const tag of importTags(job.handle, changedFilms)) revalidateTag(tag, { expire: 0 });
    } catch {
      // runImport marked the job failed and logged why; the page shows it
    }
  });
}

const upload = createAction(
  {
    sessionUserId: async () => (await auth())?.user?.id ?? null,
    resolveActor: async (userId) => getActor(await getDb(), { userId }),
    invalidate: (tags) => tags.forEach((tag) => revalidateTag(tag, { expire: 0 })),
  },
  importUploadInput,
  importHandlers(getDb, runAfterResponse).upload,
);

/**
 * Uploads a Letterboxd export (multipart, field `files`). Every file is checked before anything
 * is written; a refused upload writes nothing, not even a job. The rows are applied after the
 * response, and `GET /api/me/imports/<id>` follows them. A client asking for JSON gets the
 * result; a plain form post is sent back to /settings/import with the job (or the refusal).
 */
export async function POST(request: Request) {
  const session = await auth();
  if (!session?.user?.id) return refuse(401, "Sign in to import your history.");
  // a form on another site cannot post here with the reader's cookies
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && host && new URL(origin).host !== host)
    return refuse(403, "That upload did not come from Reelrank.");
  const tooBig = `The upload is over the ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB limit. A Letterboxd export is usually well under 5 MB.`;
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_UPLOAD_FORM_BYTES) return refuse(413, tooBig);
  const body = await readLimited(request, MAX_UPLOAD_FORM_BYTES);
  if (!body) return refuse(413, tooBig);
  let form: FormData;
  try {
    form = await new Response(body, {
      headers: { "Content-Type": request.headers.get("content-type") ?? "" },
    }).formData();
  } catch {
    return refuse(400, "Send the files as a form upload.");
  }
  const result = await upload(null, form);
  // the form posted by a browser without JavaScript: back to the page, which shows the job
  if (!request.headers.get("accept")?.includes("application/json")) {
    const to = result.ok ? `?job=${result.data.jobId}` : "?refused=1";
    return new Response(null, {
      status: 303,
      headers: { ...PRIVATE, Location: `/settings/import${to}` },
    });
  }
  return Response.json(result, { status: result.ok ? 201 : 400, headers: PRIVATE });
}
