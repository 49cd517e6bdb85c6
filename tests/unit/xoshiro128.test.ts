import { describe, expect, it } from "vitest";
import { Xoshiro128StarStar } from "../../simulations/random/xoshiro128.ts";

// Reference outputs from the authors' C code (prng.di.unimi.it/xoshiro128starstar.c), compiled with
// gcc and seeded with s = {1, 2, 3, 4}.
describe("Xoshiro128StarStar", () => {
  it("reproduces the reference C implementation", () => {
    const g = new Xoshiro128StarStar([1, 2, 3, 4]);
    expect([1, 2, 3, 4, 5].map(() => g.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883]);
  });

  it("jump() matches the reference 2^64-step jump", () => {
    const g = new Xoshiro128StarStar([1, 2, 3, 4]);
    for (let i = 0; i < 5; i++) g.nextUint32();
    g.jump();
    expect([1, 2, 3].map(() => g.nextUint32())).toEqual([3130903476, 2327035934, 1140626159]);
  });

  it("produces doubles strictly inside (0, 1) with the right mean", () => {
    const g = new Xoshiro128StarStar([9, 8, 7, 6]);
    let s = 0;
    let outside = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = g.nextDouble();
      if (!(u > 0 && u < 1)) outside++;
      s += u;
    }
    expect(outside).toBe(0);
    // Mean of U(0,1) has sd sqrt(1/12 / n) = 6.5e-4; 5 sd tolerance.
    expect(Math.abs(s / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
  });

  it("clone and state round-trip; the all-zero state is refused", () => {
    const g = new Xoshiro128StarStar([5, 6, 7, 8]);
    g.nextUint32();
    const c = g.clone();
    expect(c.nextUint32()).toBe(g.nextUint32());
    expect(() => new Xoshiro128StarStar([0, 0, 0, 0])).toThrow(/all zero/);
  });
});
