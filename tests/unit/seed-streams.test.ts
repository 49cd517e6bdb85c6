import { describe, expect, it } from "vitest";
import { createStream, streamState } from "../../simulations/random/seed-streams.ts";
import { correlation } from "../../simulations/stats/descriptive.ts";

describe("seed streams", () => {
  it("are a pure function of (seed, stream)", () => {
    const a = createStream({ seed: 42, stream: 7 });
    // Draw other streams in between: they must not disturb stream 7.
    createStream({ seed: 42, stream: 6 }).nextUint32();
    const b = createStream({ seed: 42, stream: 7 });
    for (let i = 0; i < 100; i++) expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it("differ across streams and seeds", () => {
    const states = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      for (let stream = 0; stream < 500; stream++) states.add(streamState({ seed, stream }).join(","));
    }
    expect(states.size).toBe(20 * 500);
  });

  it("are uncorrelated between neighbouring streams", () => {
    const n = 20_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const a = createStream({ seed: 1, stream: 0 });
    const b = createStream({ seed: 1, stream: 1 });
    for (let i = 0; i < n; i++) {
      x[i] = a.nextDouble();
      y[i] = b.nextDouble();
    }
    // Sample correlation of independent samples has sd 1/sqrt(n) = 0.007; 5 sd tolerance.
    expect(Math.abs(correlation(x, y))).toBeLessThan(5 / Math.sqrt(n));
  });

  it("rejects seeds that are not non-negative safe integers", () => {
    expect(() => createStream({ seed: -1 })).toThrow(/seed/);
    expect(() => createStream({ seed: 1.5 })).toThrow(/seed/);
    expect(() => createStream({ seed: 1, stream: 2 ** 60 })).toThrow(/stream/);
  });
});
