import { connection } from "next/server";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/index";

/** Liveness and database reachability, for load balancers and the test harness. */
export async function GET() {
  await connection();
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("health check failed:", error);
    return Response.json(
      { ok: false, error: "database unavailable" },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
