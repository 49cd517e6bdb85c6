import type { Db } from "../../db/connect.ts";

export type StoredReport = { id: string; reportHash: string; engineVersion: string; body: unknown };

// Reports never change once stored (a new run makes a new report), so a parsed copy can be kept: the report page
// is the most read thing in the app and its body is a few hundred kilobytes of JSON.
const cache = new Map<string, StoredReport>();
const MAX_CACHED = 64;

export async function reportById(db: Db, id: string): Promise<StoredReport | null> {
  const hit = cache.get(id);
  if (hit) return hit;
  const report = await db.report.findUnique({
    where: { id },
    select: { id: true, reportHash: true, engineVersion: true, body: true },
  });
  if (!report) return null;
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(id, report);
  return report;
}
