import { getConnection } from "@/server/db.ts";
import { databaseHealth } from "@/server/services/system/database-health.ts";

export const dynamic = "force-dynamic";

/** Liveness and database state for operators and the test suite. */
export async function GET() {
  try {
    const { db, target } = await getConnection();
    const database = await databaseHealth(db, target);
    return Response.json({ status: database.migrations.upToDate ? "ok" : "degraded", database });
  } catch (e) {
    return Response.json({ status: "error", error: (e as Error).message }, { status: 503 });
  }
}
