import { auth } from "@/auth";
import { getDb } from "@/db/index";
import { getExportData } from "@/db/import/letterboxd-export";
import { exportFileName, exportZip } from "@/lib/letterboxd/export";

/** The signed-in reader's own data as a .zip (Letterboxd-shaped CSVs and reelrank.json). */
export async function GET() {
  const session = await auth();
  if (!session?.user?.id)
    return Response.json(
      { error: "Sign in to download your data." },
      { status: 401, headers: { "Cache-Control": "private, no-store" } },
    );
  const data = await getExportData(await getDb(), { userId: session.user.id });
  if (!data)
    return Response.json(
      { error: "Sign in to download your data." },
      { status: 401, headers: { "Cache-Control": "private, no-store" } },
    );
  const zip = exportZip(data);
  const name = exportFileName(data.profile.handle, new Date().toISOString().slice(0, 10));
  return new Response(zip.slice().buffer, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Content-Length": String(zip.length),
      "Cache-Control": "private, no-store",
    },
  });
}
