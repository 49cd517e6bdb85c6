import { computeReportHash } from "../../../simulations/report/report-hash.ts";
import type { Db, DbTx } from "../../db/connect.ts";
import { type ReportView, reportView } from "./report-view.ts";

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

/** What pages show of a report: the view their charts and tables draw, without the body it was computed from. */
export type ReportForDisplay = Omit<StoredReport, "body"> & { view: ReportView };

// Reports never change once stored (a new run makes a new report), and the report page is the most read thing in
// the app. Each report is read and verified once per process and only its view is kept: shipping the whole body
// (~200 KB of JSON) in every page and API answer held report reads to ~15 req/s (docs/security.md). The bound keeps
// memory flat however many reports are viewed (a view is ~50 KB).
const cache = new Map<string, ReportForDisplay>();
const MAX_CACHED = 64;

export async function reportForDisplay(db: Db | DbTx, id: string): Promise<ReportForDisplay | null> {
  const hit = cache.get(id);
  if (hit) {
    // Least recently used goes first: a Map iterates in insertion order, so a hit moves to the end.
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  const stored = await loadVerifiedReport(db, id);
  if (!stored) return null;
  const { body, ...identity } = stored;
  const report = { ...identity, view: reportView(body) };
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(id, report);
  return report;
}
