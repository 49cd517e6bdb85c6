/**
 * Standard normal variates by inversion: z = Phi^-1(u) with Wichura's AS241 (accurate to ~1e-16).
 * Inversion uses exactly one uniform per normal, so the k-th normal of a stream is always produced
 * from the same random bits (no rejection loops, no cached second Box-Muller value): a path's
 * variates do not depend on how many were drawn before in another path or thread.
 */
import { normalQuantile } from "../stats/normal-distribution.ts";
import type { Xoshiro128StarStar } from "./xoshiro128.ts";

export function nextNormal(rng: Xoshiro128StarStar): number {
  return normalQuantile(rng.nextDouble());
}

/** Fills `out` with independent standard normals. */
export function fillNormals(rng: Xoshiro128StarStar, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = normalQuantile(rng.nextDouble());
  return out;
}
