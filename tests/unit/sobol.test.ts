import { describe, expect, it } from "vitest";
import { SOBOL_MAX_DIMENSIONS, sobolPoints } from "../../simulations/recommend/sobol.ts";

describe("sobolPoints", () => {
  it("gives the published first points of Joe and Kuo's sequence in two dimensions", () => {
    // The unshifted sequence (point 0 is the origin), as listed with the direction numbers.
    const pts = sobolPoints({ count: 8, dimensions: 2 }).map((p) => [...p]);
    expect(pts).toEqual([
      [0, 0],
      [0.5, 0.5],
      [0.75, 0.25],
      [0.25, 0.75],
      [0.375, 0.375],
      [0.875, 0.875],
      [0.625, 0.125],
      [0.125, 0.625],
    ]);
  });

  it("puts exactly one of the first 2^m points in each elementary interval of volume 2^-m (a (0, m, 2)-net), shifted or not", () => {
    for (const seed of [undefined, 7]) {
      const m = 6;
      const pts = sobolPoints({ count: 2 ** m, dimensions: 2, ...(seed === undefined ? {} : { seed }) });
      for (let a = 0; a <= m; a++) {
        const cells = new Map<string, number>();
        for (const p of pts) {
          const key = `${Math.floor(p[0]! * 2 ** a)},${Math.floor(p[1]! * 2 ** (m - a))}`;
          cells.set(key, (cells.get(key) ?? 0) + 1);
        }
        expect(cells.size).toBe(2 ** m);
      }
    }
  });

  it("stratifies every one of the 21 coordinates: 2^k points fill 2^k equal intervals once each", () => {
    const pts = sobolPoints({ count: 256, dimensions: SOBOL_MAX_DIMENSIONS, seed: 3 });
    for (let d = 0; d < SOBOL_MAX_DIMENSIONS; d++) {
      const bins = new Set(pts.map((p) => Math.floor(p[d]! * 256)));
      expect(bins.size).toBe(256);
    }
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const a = sobolPoints({ count: 4, dimensions: 3, seed: 1 });
    expect(sobolPoints({ count: 4, dimensions: 3, seed: 1 })).toEqual(a);
    expect(sobolPoints({ count: 4, dimensions: 3, seed: 2 })).not.toEqual(a);
  });

  it("refuses dimensions it has no direction numbers for", () => {
    expect(() => sobolPoints({ count: 1, dimensions: SOBOL_MAX_DIMENSIONS + 1 })).toThrow(
      /dimensions must be in/,
    );
  });
});
