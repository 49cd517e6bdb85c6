import { computeReportHash } from "../../../simulations/report/report-hash.ts";
import type { Db, DbTx } from "../../db/connect.ts";

export type StoredReport = {
  id: string;
  reportHash: string;
  engineVersion: string;
  body: unknown;
  /** The stored body still hashes to the stored report hash (what endorsements signed). */
  intact: boolean;
};

/** Reads a report and recomputes its hash from the stored body, so an edited row shows as not intact. */
export async function loadVerifiedReport(db: Db | DbTx, id: string): Promise<StoredReport | null> {
  const report = await db.report.findUnique({
    where: { id },
    select: { id: true, reportHash: true, engineVersion: true, body: true },
  });
  if (!report) return null;
  const body = report.body as Record<string, unknown> | null;
  const intact =
    body !== null && body.reportHash === report.reportHash && computeReportHash(body) === report.reportHash;
  return { ...report, intact };
}

// Reports never change once stored (a new run makes a new report), so a verified, parsed copy is kept: the report
// page is the most read thing in the app and a body is a few hundred kilobytes of JSON. The check runs once per
// process for each report.
const cache = new Map<string, StoredReport>();
const MAX_CACHED = 64;

export async function reportById(db: Db | DbTx, id: string): Promise<StoredReport | null> {
  const hit = cache.get(id);
  if (hit) return hit;
  const report = await loadVerifiedReport(db, id);
  if (!report) return null;
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(id, report);
  return report;
}
