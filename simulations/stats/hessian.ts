/**
 * Numerical Hessian (central differences) and its inverse, for asymptotic standard errors of
 * maximum-likelihood estimates: Cov(theta_hat) ~= H^-1 where H is the Hessian of the negative
 * log-likelihood at the optimum (the observed Fisher information).
 */

/** Hessian of f at x by central differences with relative steps h_i = step * max(|x_i|, floor_i). */
export function numericalHessian({
  f,
  x,
  step = 1e-4,
  floor,
}: {
  f: (x: Float64Array) => number;
  x: ArrayLike<number>;
  step?: number;
  /** Smallest absolute step per coordinate (for parameters that may sit near zero). */
  floor?: ArrayLike<number>;
}): Float64Array[] {
  const n = x.length;
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++)
    h[i] = step * Math.max(Math.abs(x[i] as number), floor ? (floor[i] as number) : 1e-8);
  const p = Float64Array.from(x);
  const at = (i: number, di: number, j: number, dj: number) => {
    p.set(x as ArrayLike<number>);
    p[i] = p[i]! + di * h[i]!;
    p[j] = p[j]! + dj * h[j]!;
    return f(p);
  };
  const f0 = f(Float64Array.from(x));
  const H = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    // Diagonal: (f(x+h) - 2 f(x) + f(x-h)) / h^2
    p.set(x as ArrayLike<number>);
    p[i] = p[i]! + h[i]!;
    const fp = f(p);
    p[i] = p[i]! - 2 * h[i]!;
    const fm = f(p);
    H[i]![i] = (fp - 2 * f0 + fm) / (h[i]! * h[i]!);
    for (let j = 0; j < i; j++) {
      const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h[i]! * h[j]!);
      H[i]![j] = v;
      H[j]![i] = v;
    }
  }
  return H;
}

/** Inverse of a small dense matrix by Gauss-Jordan elimination with partial pivoting; null if singular. */
export function invertMatrix(m: Float64Array[]): Float64Array[] | null {
  const n = m.length;
  const a = m.map((row) => Float64Array.from(row));
  const inv = Array.from({ length: n }, (_, i) => {
    const r = new Float64Array(n);
    r[i] = 1;
    return r;
  });
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[piv]![c]!)) piv = r;
    if (!(Math.abs(a[piv]![c]!) > 1e-300)) return null;
    [a[c], a[piv]] = [a[piv]!, a[c]!];
    [inv[c], inv[piv]] = [inv[piv]!, inv[c]!];
    const d = a[c]![c]!;
    for (let k = 0; k < n; k++) {
      a[c]![k] = a[c]![k]! / d;
      inv[c]![k] = inv[c]![k]! / d;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const fac = a[r]![c]!;
      if (fac === 0) continue;
      for (let k = 0; k < n; k++) {
        a[r]![k] = a[r]![k]! - fac * a[c]![k]!;
        inv[r]![k] = inv[r]![k]! - fac * inv[c]![k]!;
      }
    }
  }
  return inv;
}

/** Standard errors sqrt(diag(H^-1)); NaN where the information matrix is not positive definite. */
export function standardErrorsFromHessian(H: Float64Array[]): Float64Array {
  const inv = invertMatrix(H);
  const out = new Float64Array(H.length).fill(Number.NaN);
  if (!inv) return out;
  for (let i = 0; i < H.length; i++) {
    const v = inv[i]![i]!;
    if (v > 0) out[i] = Math.sqrt(v);
  }
  return out;
}
