/**
 * The efficiency-versus-insolvency frontier: the points no other point beats on both axes (lower
 * margin and lower insolvency). Ties on both axes keep every tied point.
 */
export type FrontierPoint = { id: string; margin: number; insolvency: number };

/** Ids of the non-dominated points, ordered by margin (then insolvency, then id). */
export function paretoFrontier(points: readonly FrontierPoint[]): string[] {
  const sorted = [...points].sort(
    (a, b) => a.margin - b.margin || a.insolvency - b.insolvency || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const out: string[] = [];
  let best = Number.POSITIVE_INFINITY;
  let bestMargin = Number.NaN;
  for (const p of sorted) {
    // A point is dominated by an earlier (lower or equal margin) point with strictly lower insolvency,
    // or by one with strictly lower margin and equal insolvency.
    if (p.insolvency < best || (p.insolvency === best && p.margin === bestMargin)) {
      out.push(p.id);
      if (p.insolvency < best) bestMargin = p.margin;
      best = Math.min(best, p.insolvency);
    }
  }
  return out;
}
