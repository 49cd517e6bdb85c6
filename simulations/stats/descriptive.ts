/** Sample moments and co-moments over Float64Array (single pass where it is numerically safe). */

export type Moments = {
  n: number;
  mean: number;
  /** Unbiased sample variance (divides by n - 1). */
  variance: number;
  sd: number;
  /** Sample skewness g1 = m3 / m2^1.5 (moment estimator). */
  skewness: number;
  /** Sample excess kurtosis g2 = m4 / m2^2 - 3 (moment estimator; 0 for a normal). */
  excessKurtosis: number;
};

export function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

/** Two-pass central moments (stable for data far from zero, e.g. prices). */
export function moments(x: Float64Array): Moments {
  const n = x.length;
  if (n < 2) throw new Error(`moments: need at least 2 observations, got ${n}`);
  const m = mean(x);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const variance = m2 / (n - 1);
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return {
    n,
    mean: m,
    variance,
    sd: Math.sqrt(variance),
    skewness: m3 / m2 ** 1.5,
    excessKurtosis: m4 / (m2 * m2) - 3,
  };
}

/** Centred cross and square sums of two equally long samples. */
function centredSums(x: Float64Array, y: Float64Array) {
  const n = x.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return { mx, my, sxy, sxx, syy };
}

/** Pearson correlation of two equally long samples. */
export function correlation(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  if (n !== y.length || n < 2) throw new Error(`correlation: need two samples of equal length >= 2`);
  const { sxy, sxx, syy } = centredSums(x, y);
  return sxy / Math.sqrt(sxx * syy);
}

export type LinearFit = {
  intercept: number;
  slope: number;
  /** Coefficient of determination. */
  r2: number;
  /** Root mean squared residual (in units of y). */
  rmse: number;
  n: number;
};

/** Ordinary least squares y = intercept + slope * x. */
export function linearRegression(x: Float64Array, y: Float64Array): LinearFit {
  const n = x.length;
  if (n !== y.length || n < 3) throw new Error(`linearRegression: need two samples of equal length >= 3`);
  const { mx, my, sxy, sxx, syy } = centredSums(x, y);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const sse = syy - slope * sxy;
  return { intercept, slope, r2: 1 - sse / syy, rmse: Math.sqrt(Math.max(0, sse) / n), n };
}
