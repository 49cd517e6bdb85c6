import { describe, expect, it } from "vitest";
import { canonicalJson, hashCanonical } from "../../simulations/hashing/canonical-json.ts";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined properties", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: "x" }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}',
    );
  });

  it("gives the same hash for the same value written in another key order", () => {
    expect(hashCanonical({ x: 1, y: [2, 3] })).toBe(hashCanonical({ y: [2, 3], x: 1 }));
    expect(hashCanonical({ x: 1 })).not.toBe(hashCanonical({ x: 1.0000001 }));
    // sha256 of the 2-byte string "{}" (checked with `printf '{}' | sha256sum`).
    expect(hashCanonical({})).toBe("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  });

  it("refuses values JSON cannot carry", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson([1, undefined])).toThrow(/undefined/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
  });

  it("writes typed arrays as plain arrays", () => {
    expect(canonicalJson({ v: new Float64Array([1.5, -2]) })).toBe('{"v":[1.5,-2]}');
  });
});
