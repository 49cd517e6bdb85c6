import { hashCanonical } from "../hashing/canonical-json.ts";

/** A report's hash: sha256 of its canonical JSON without the `reportHash` field itself. */
export function computeReportHash(report: Record<string, unknown>): string {
  const { reportHash: _h, ...body } = report;
  return hashCanonical(body);
}
