/**
 * Gamma and chi-square variates by Marsaglia & Tsang, "A simple method for generating gamma
 * variables" (ACM TOMS 26, 2000). Used for the chi-square mixing variable of Student-t innovations.
 * The method rejects, so it consumes a variable number of uniforms; callers that need a fixed
 * consumption per path step draw it from a stream of its own.
 */
import { nextNormal } from "./normal.ts";
import type { Xoshiro128StarStar } from "./xoshiro128.ts";

export function nextGamma(rng: Xoshiro128StarStar, shape: number): number {
  if (!(shape > 0)) throw new Error(`gamma shape must be positive, got ${shape}`);
  if (shape < 1) {
    // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a) (Marsaglia & Tsang, section 6).
    return nextGamma(rng, shape + 1) * rng.nextDouble() ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = nextNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.nextDouble();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Chi-square with `dof` degrees of freedom = 2 * Gamma(dof / 2). */
export function nextChiSquare(rng: Xoshiro128StarStar, dof: number): number {
  return 2 * nextGamma(rng, dof / 2);
}
