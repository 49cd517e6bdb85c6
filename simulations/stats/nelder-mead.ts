/**
 * Derivative-free minimisation (Nelder & Mead 1965, with the standard coefficients
 * reflection 1, expansion 2, contraction 1/2, shrink 1/2 and the ordering rules of Lagarias et al.,
 * "Convergence properties of the Nelder-Mead simplex method in low dimensions", SIAM J. Optim. 1998).
 * Used for the maximum-likelihood fits, whose objectives are smooth and low-dimensional (<= 6).
 * Non-finite objective values are treated as +Infinity, which keeps the simplex inside the
 * admissible region.
 */

export type MinimizeResult = { x: Float64Array; fx: number; iterations: number; converged: boolean };

export function nelderMead({
  f,
  start,
  step = 0.5,
  maxIterations = 5000,
  fTolerance = 1e-10,
  xTolerance = 1e-8,
}: {
  f: (x: Float64Array) => number;
  start: ArrayLike<number>;
  /** Initial simplex edge per coordinate (one number for all, or one per coordinate). */
  step?: number | ArrayLike<number>;
  maxIterations?: number;
  fTolerance?: number;
  xTolerance?: number;
}): MinimizeResult {
  const dim = start.length;
  const value = (x: Float64Array) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const pts: Float64Array[] = [];
  const fs = new Float64Array(dim + 1);
  pts.push(Float64Array.from(start));
  for (let i = 0; i < dim; i++) {
    const p = Float64Array.from(start);
    const h = typeof step === "number" ? step : (step[i] as number);
    p[i] = (p[i] as number) + h;
    pts.push(p);
  }
  for (let i = 0; i <= dim; i++) fs[i] = value(pts[i]!);
  const order = Array.from({ length: dim + 1 }, (_, i) => i);
  const centroid = new Float64Array(dim);
  const xr = new Float64Array(dim);
  const xe = new Float64Array(dim);
  const xc = new Float64Array(dim);
  const along = (out: Float64Array, from: Float64Array, coef: number) => {
    // out = centroid + coef * (centroid - from)
    for (let j = 0; j < dim; j++) out[j] = centroid[j]! + coef * (centroid[j]! - from[j]!);
  };

  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    order.sort((a, b) => fs[a]! - fs[b]!);
    const best = order[0]!;
    const worst = order[dim]!;
    const second = order[dim - 1]!;
    // Convergence: function values and simplex both small.
    let xSpread = 0;
    for (let i = 1; i <= dim; i++) {
      const p = pts[order[i]!]!;
      for (let j = 0; j < dim; j++) xSpread = Math.max(xSpread, Math.abs(p[j]! - pts[best]![j]!));
    }
    const fSpread = Math.abs(fs[worst]! - fs[best]!);
    if (fSpread <= fTolerance * (1 + Math.abs(fs[best]!)) && xSpread <= xTolerance) {
      converged = true;
      break;
    }
    iterations++;
    centroid.fill(0);
    for (let i = 0; i < dim; i++) {
      const p = pts[order[i]!]!;
      for (let j = 0; j < dim; j++) centroid[j] = centroid[j]! + p[j]! / dim;
    }
    const pw = pts[worst]!;
    along(xr, pw, 1);
    const fr = value(xr);
    if (fr < fs[best]!) {
      along(xe, pw, 2);
      const fe = value(xe);
      if (fe < fr) {
        pw.set(xe);
        fs[worst] = fe;
      } else {
        pw.set(xr);
        fs[worst] = fr;
      }
      continue;
    }
    if (fr < fs[second]!) {
      pw.set(xr);
      fs[worst] = fr;
      continue;
    }
    // Contraction: outside if the reflection improved on the worst point, inside otherwise.
    const outside = fr < fs[worst]!;
    if (outside) along(xc, pw, 0.5);
    else along(xc, pw, -0.5);
    const fc = value(xc);
    if (fc < (outside ? fr : fs[worst]!)) {
      pw.set(xc);
      fs[worst] = fc;
      continue;
    }
    // Shrink towards the best point.
    const pb = pts[best]!;
    for (let i = 1; i <= dim; i++) {
      const p = pts[order[i]!]!;
      for (let j = 0; j < dim; j++) p[j] = pb[j]! + 0.5 * (p[j]! - pb[j]!);
      fs[order[i]!] = value(p);
    }
  }
  order.sort((a, b) => fs[a]! - fs[b]!);
  const b = order[0]!;
  return { x: Float64Array.from(pts[b]!), fx: fs[b]!, iterations, converged };
}
