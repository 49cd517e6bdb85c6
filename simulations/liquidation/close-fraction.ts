/**
 * Partial liquidation: the smallest share f in [0, 1] of every derivative position that, once closed
 * at its costs, leaves equity at or above the initial margin of what remains:
 *   equity - cost(f) >= IM(f).
 * cost grows with f and IM(f) falls with f, but not always monotonically together (a hedge closed
 * pro rata can raise the remainder's loss in one scenario group), so the solver scans a coarse grid
 * for the first feasible share and bisects the interval before it. Returns 1 (full close) when no
 * share is feasible. `solveCloseFractionReference` scans a fine grid; a test keeps the two within
 * its resolution.
 */
export type CloseProblem = {
  equity: number;
  cost: (f: number) => number;
  initialAfter: (f: number) => number;
};

const COARSE = 16;
// 1/16 x 2^-24 = 4e-9 of the book: far below any tradable size.
const BISECTIONS = 24;

function slack(p: CloseProblem, f: number): number {
  return p.equity - p.cost(f) - p.initialAfter(f);
}

export function solveCloseFraction(p: CloseProblem): number {
  if (slack(p, 0) >= 0) return 0;
  let prev = 0;
  for (let k = 1; k <= COARSE; k++) {
    const f = k / COARSE;
    if (slack(p, f) >= 0) {
      let lo = prev;
      let hi = f;
      for (let b = 0; b < BISECTIONS; b++) {
        const mid = 0.5 * (lo + hi);
        if (slack(p, mid) >= 0) hi = mid;
        else lo = mid;
      }
      return hi;
    }
    prev = f;
  }
  return 1;
}

/** Straightforward reference: the first feasible share on a grid of `steps` points. */
export function solveCloseFractionReference(p: CloseProblem, steps = 100_000): number {
  for (let k = 0; k <= steps; k++) {
    const f = k / steps;
    if (slack(p, f) >= 0) return f;
  }
  return 1;
}
