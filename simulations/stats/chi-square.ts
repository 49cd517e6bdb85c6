/**
 * Chi-square survival function P(X > x) for X ~ chi2(k), through the regularized upper incomplete
 * gamma function Q(k/2, x/2). Q is evaluated by its power series when x < a + 1 and by Lentz's
 * continued fraction otherwise (Numerical Recipes, 3rd ed., section 6.2), to ~1e-15 relative.
 * For k = 1 and k = 2 the closed forms erfc(sqrt(x/2)) and exp(-x/2) are used (exact to rounding).
 */
import { erfc } from "./normal-distribution.ts";

const EPS = 1e-16;
const FPMIN = 1e-300;

/** ln Gamma(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const g = 7;
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
    12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0]!;
  const t = z + g + 0.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized upper incomplete gamma Q(a, x) = Gamma(a, x) / Gamma(a), a > 0, x >= 0. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return Number.NaN;
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let ap = a;
    let sum = 1 / a;
    let del = sum;
    for (let n = 0; n < 10_000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return 1 - sum * Math.exp(logPrefix);
  }
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(logPrefix) * h;
}

/** P(X > x) for X ~ chi-square with `dof` degrees of freedom. */
export function chiSquareSurvival({ x, dof }: { x: number; dof: number }): number {
  if (!(dof > 0)) throw new Error(`chi-square degrees of freedom must be positive, got ${dof}`);
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (dof === 1) return erfc(Math.sqrt(x / 2));
  if (dof === 2) return Math.exp(-x / 2);
  return regularizedGammaQ(dof / 2, x / 2);
}
