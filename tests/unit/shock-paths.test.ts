import { describe, expect, it } from "vitest";
import {
  buildShockPaths,
  parseShockPath,
  ShockPathError,
  volSpikeScenarios,
} from "../../simulations/scenarios/shock-paths.ts";

const start = { BTC: { spot: 60_000, iv: 0.5 }, ETH: { spot: 3_000, iv: 0.7 } };

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

describe("parseShockPath", () => {
  it("accepts the bare array form and defaults volShock to 0", () => {
    const p = parseShockPath([
      { day: 1, spotShock: -0.4, volShock: 1.0 },
      { day: 3, spotShock: 0.1 },
    ]);
    expect(p.steps).toEqual([
      { day: 1, spotShock: -0.4, volShock: 1.0 },
      { day: 3, spotShock: 0.1, volShock: 0 },
    ]);
  });

  it("names the field and the reason for each problem", () => {
    const cases: Array<[unknown, RegExp]> = [
      [[{ day: 1, spotShock: -1 }], /\[0\]\.spotShock: must be greater than -1/],
      [[{ day: 1, spotShock: -1.5 }], /\[0\]\.spotShock: must be greater than -1/],
      [[{ day: 0, spotShock: -0.1 }], /\[0\]\.day: must be at least 1/],
      [[{ day: 1.5, spotShock: -0.1 }], /\[0\]\.day: must be a whole number of days/],
      [[{ day: 1, spotShock: "-0.4" }], /\[0\]\.spotShock: must be a finite number/],
      [[{ day: 1, spotShock: Number.NaN }], /\[0\]\.spotShock: must be a finite number/],
      [[{ day: 1, spotShock: Number.POSITIVE_INFINITY }], /\[0\]\.spotShock/],
      [[{ day: 1, spotShock: -0.1, volShock: -1 }], /\[0\]\.volShock: must be greater than -1/],
      [[{ day: 1, spotShock: -0.1, vol: 2 }], /\[0\]: Unrecognized key: "vol"/],
      [[], /steps: must contain at least one step/],
      [
        { steps: [{ day: 5, spotShock: -0.1 }], horizonDays: 3 },
        /horizonDays: must be at least the last shocked day \(5\)/,
      ],
      [
        [
          { day: 2, spotShock: -0.1 },
          { day: 2, spotShock: -0.2 },
        ],
        /\[1\]\.day: day 2 is already shocked by steps\[0\]/,
      ],
      [{ name: "x", steps: [{ day: 1, spotShock: 0 }], extra: true }, /\(root\): Unrecognized key: "extra"/],
    ];
    for (const [input, re] of cases) expect(messageOf(() => parseShockPath(input))).toMatch(re);
  });

  it("reports every problem at once and the source file", () => {
    try {
      parseShockPath([{ day: 0, spotShock: -2 }], { source: "crash.json" });
      throw new Error("expected an error");
    } catch (e) {
      expect(e).toBeInstanceOf(ShockPathError);
      const err = e as ShockPathError;
      expect(err.message).toMatch(/^invalid shock path in crash\.json: /);
      expect(err.issues.map((i) => i.path)).toEqual(["[0].day", "[0].spotShock"]);
    }
  });
});

describe("buildShockPaths", () => {
  it("compounds daily moves and holds the level after the last step", () => {
    const p = parseShockPath({
      name: "two-day crash",
      horizonDays: 5,
      steps: [
        { day: 1, spotShock: -0.4, volShock: 1.0 },
        { day: 2, spotShock: -0.1, volShock: 0.2, symbols: ["ETH"] },
      ],
    });
    const s = buildShockPaths({ scenarios: [p], start });
    expect(s.kind).toBe("shock");
    expect(s.labels).toEqual(["two-day crash"]);
    expect(s.horizonDays).toBe(5);
    // 1e-9 relative: a product of two doubles.
    expect(Array.from(s.spot.BTC!)).toEqual([60_000, 36_000, 36_000, 36_000, 36_000, 36_000]);
    expect(s.spot.ETH![2]).toBeCloseTo(3_000 * 0.6 * 0.9, 9);
    expect(s.spot.ETH![5]).toBeCloseTo(3_000 * 0.6 * 0.9, 9);
    expect(s.iv.BTC![1]).toBeCloseTo(1.0, 12);
    expect(s.iv.ETH![2]).toBeCloseTo(0.7 * 2 * 1.2, 12);
  });

  it("rejects symbols not in the start state", () => {
    const p = parseShockPath([{ day: 1, spotShock: -0.2, symbols: ["SOL"] }]);
    expect(() => buildShockPaths({ scenarios: [p], start })).toThrow(
      /scenarios\[0\]\.steps\[0\]\.symbols: unknown symbol SOL/,
    );
  });
});

describe("volSpikeScenarios", () => {
  it("builds the cross product of spot drops and vol multipliers", () => {
    const sc = volSpikeScenarios({ spotShocks: [-0.2, -0.4], volMultipliers: [1.5, 3], horizonDays: 2 });
    expect(sc.map((s) => s.name)).toEqual([
      "spot -20%, vol x1.5",
      "spot -20%, vol x3",
      "spot -40%, vol x1.5",
      "spot -40%, vol x3",
    ]);
    const paths = buildShockPaths({ scenarios: sc, start });
    expect(paths.paths).toBe(4);
    const last = paths.stride * 3 + 1; // 4th scenario, day 1
    expect(paths.spot.BTC![last]).toBeCloseTo(36_000, 9);
    expect(paths.iv.BTC![last]).toBeCloseTo(1.5, 12);
    expect(() => volSpikeScenarios({ spotShocks: [-1.2], volMultipliers: [2] })).toThrow(/spotShock/);
    expect(() => volSpikeScenarios({ spotShocks: [-0.1], volMultipliers: [0] })).toThrow(
      /volMultipliers\[0\]/,
    );
  });
});
