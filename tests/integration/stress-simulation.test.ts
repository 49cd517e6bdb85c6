import { describe, expect, it } from "vitest";
import { hashCanonical } from "../../simulations/hashing/canonical-json.ts";
import {
  computeReportHash,
  runSimulation,
  type SimulationReport,
  simulationInputsHash,
  simulationInputsSchema,
} from "../../simulations/simulation/run-simulation.ts";
import { parseSimulationInputs } from "../../simulations/simulation/simulation-inputs.ts";

const BLACK_THURSDAY = "2020-03-black-thursday";
/** A small run: one window, no Monte Carlo, no vol spikes, no frontier (about a second). */
const small = {
  live: {},
  proposed: { priceScanRange: 0.2 },
  accounts: 150,
  paths: 0,
  windows: [BLACK_THURSDAY],
  seed: 42,
  volSpikes: null,
  frontier: { values: [] },
};

const CONTRACT = [
  "totalInitialMargin",
  "totalStandardMargin",
  "accountsLiquidated",
  "accountsInsolvent",
  "badDebt",
  "breaches",
  "coverage",
] as const;

describe("runSimulation", () => {
  it("is deterministic: same seed same hash, on 1 or 2 worker threads; another seed differs", async () => {
    const inputs = { ...small, paths: 4, horizonDays: 5, windows: [BLACK_THURSDAY, "2022-11-ftx"] };
    const one = await runSimulation(inputs, { threads: 1 });
    const again = await runSimulation(inputs, { threads: 1 });
    const two = await runSimulation(inputs, { threads: 2 });
    expect(again.reportHash).toBe(one.reportHash);
    expect(two.reportHash).toBe(one.reportHash);
    expect(computeReportHash(one as unknown as Record<string, unknown>)).toBe(one.reportHash);
    const other = await runSimulation({ ...inputs, seed: 43 }, { threads: 1 });
    expect(other.reportHash).not.toBe(one.reportHash);
  }, 120_000);

  it("a scan range far below the 2020-03-12 move breaches and leaves bad debt; a very wide one does not", async () => {
    const tight = { priceScanRange: 0.02, volShockUp: 0.05, volShockDown: 0.05, extremeMoveMultiple: 0 };
    // Every move up to +-100%, vol x6, and scenarios one day ahead (a horizon of 0 leaves a day's time
    // decay of long options uncovered: cents of "breach" on options worth almost nothing).
    const wide = { priceScanRange: 1, volShockUp: 5, volShockDown: 1, horizonDays: 1 };
    const report = await runSimulation({ ...small, live: tight, proposed: wide }, { threads: 1 });
    const t = report.results.live.windows[BLACK_THURSDAY]!;
    const w = report.results.proposed.windows[BLACK_THURSDAY]!;
    expect(t.breaches).toBeGreaterThan(0);
    expect(t.badDebt).toBeGreaterThan(0);
    expect(t.accountsInsolvent).toBeGreaterThan(0);
    expect(t.coverage).toBeLessThan(0.99);
    expect(w.breaches).toBe(0);
    expect(w.badDebt).toBe(0);
    expect(w.coverage).toBe(1);
    // The price of safety: the wide set demands far more margin.
    expect(w.totalInitialMargin).toBeGreaterThan(5 * t.totalInitialMargin);
  }, 60_000);

  it("wider shocks never lower margin (frontier over a shock multiplier, and proposed vs live)", async () => {
    const values = [0.5, 0.75, 1, 1.5, 2, 3];
    const report = await runSimulation({ ...small, frontier: { values, base: "live" } }, { threads: 1 });
    const frontier = report.frontier as {
      points: { value: number; totalInitialMargin: number; badDebt: number }[];
      live: { totalInitialMargin: number; badDebt: number };
    };
    expect(frontier.points.map((p) => p.value)).toEqual(values);
    for (let k = 1; k < values.length; k++) {
      expect(frontier.points[k]!.totalInitialMargin).toBeGreaterThanOrEqual(
        frontier.points[k - 1]!.totalInitialMargin,
      );
    }
    // The point at multiplier 1 is the live set itself, on the same paths and population.
    expect(frontier.points[2]!.totalInitialMargin).toBeCloseTo(frontier.live.totalInitialMargin, 6);
    expect(frontier.points[2]!.badDebt).toBeCloseTo(frontier.live.badDebt, 6);
    expect(frontier.points[0]!.badDebt).toBeGreaterThanOrEqual(frontier.points[values.length - 1]!.badDebt);
    const live = report.results.live.windows[BLACK_THURSDAY]!;
    const proposed = report.results.proposed.windows[BLACK_THURSDAY]!;
    expect(proposed.totalInitialMargin).toBeGreaterThan(live.totalInitialMargin);
  }, 60_000);

  it("reports the contract: totals over windows, per-window fields, Kupiec by hand, words for every number", async () => {
    const progress: number[] = [];
    const report: SimulationReport = await runSimulation(
      {
        ...small,
        windows: [BLACK_THURSDAY, "2022-05-luna"],
        shockPaths: [{ name: "crash", steps: [{ day: 1, spotShock: -0.4, volShock: 1 }] }],
      },
      { threads: 1, onProgress: (p) => progress.push(p.fraction) },
    );
    expect(report.reportHash).toMatch(/^[0-9a-f]{64}$/);
    const { reportHash, ...body } = report;
    expect(hashCanonical(body)).toBe(reportHash);
    for (const side of ["live", "proposed"] as const) {
      const r = report.results[side];
      expect(Object.keys(r.windows)).toEqual([BLACK_THURSDAY, "2022-05-luna", "user-shocks"]);
      for (const f of CONTRACT) {
        expect(typeof r[f]).toBe("number");
        for (const w of Object.values(r.windows)) expect(typeof w[f]).toBe("number");
        expect(report.descriptions[f]).toMatch(/\w{10}/);
      }
      const sum = (f: "badDebt" | "breaches" | "accountsLiquidated" | "totalInitialMargin") =>
        Object.values(r.windows).reduce((s, w) => s + w[f], 0);
      expect(r.badDebt).toBeCloseTo(sum("badDebt"), 6);
      expect(r.breaches).toBe(sum("breaches"));
      expect(r.accountsLiquidated).toBe(sum("accountsLiquidated"));
      expect(r.totalInitialMargin).toBeCloseTo(sum("totalInitialMargin"), 6);
      // Kupiec LR by hand: -2 ln[(1-p)^(n-x) p^x / ((1-x/n)^(n-x) (x/n)^x)].
      const n = r.observations;
      const x = r.breaches;
      const p = 0.01;
      const lr =
        -2 *
        ((n - x) * Math.log(1 - p) +
          x * Math.log(p) -
          (n - x) * Math.log(1 - x / n) -
          (x > 0 ? x * Math.log(x / n) : 0));
      expect(r.kupiec!.lr).toBeCloseTo(lr, 8);
      expect(r.coverage).toBeCloseTo(1 - x / n, 12);
    }
    expect(report.difference.total.badDebt).toBeCloseTo(
      report.results.proposed.badDebt - report.results.live.badDebt,
      6,
    );
    expect(report.capitalEfficiency.representativeAccounts.length).toBeGreaterThanOrEqual(4);
    expect(
      report.capitalEfficiency.representativeAccounts[0]!.bySet.live.scenarioLosses.length,
    ).toBeGreaterThan(10);
    expect(Object.keys(report.dataFiles)).toContain("btc-usd-daily.csv");
    expect(report.inputsHash).toBe(simulationInputsHash(report.inputs));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((f, k) => k === 0 || f >= progress[k - 1]!)).toBe(true);
    expect(progress[progress.length - 1]).toBe(1);
  }, 60_000);

  it("procyclicality: a set that scales shocks with the vol regime asks for more margin at the stress peak", async () => {
    const report = await runSimulation(
      { ...small, live: {}, proposed: { volRegimePower: 1, volRegimeStressBuffer: 0 } },
      { threads: 1 },
    );
    const live = report.results.live.windows[BLACK_THURSDAY]!.procyclicality!;
    const proposed = report.results.proposed.windows[BLACK_THURSDAY]!.procyclicality!;
    expect(live.calmInitialMargin).toBeGreaterThan(0);
    expect(proposed.peakToCalm!).toBeGreaterThan(live.peakToCalm! + 0.2);
    expect(report.procyclicality.proposed[BLACK_THURSDAY]).toEqual(proposed);
    const series = (
      report.series.windows as Record<string, { live: { initialMarginNoLiquidation: number[] } }>
    )[BLACK_THURSDAY]!;
    expect(series.live.initialMarginNoLiquidation[0]).toBeCloseTo(live.calmInitialMargin, 6);
  }, 60_000);

  it("aborts when the signal fires", async () => {
    const controller = new AbortController();
    const run = runSimulation(
      { ...small, windows: ["all"] },
      { threads: 1, signal: controller.signal, onProgress: (p) => p.fraction > 0.06 && controller.abort() },
    );
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
  }, 60_000);

  it("aborts on worker threads, while they simulate and while they are still starting", async () => {
    for (const stage of ["simulating 20", "calibrating", "opening the population"]) {
      const controller = new AbortController();
      const seen: string[] = [];
      const run = runSimulation(
        { ...small, windows: ["all"], paths: 4 },
        {
          threads: 2,
          signal: controller.signal,
          onProgress: (p) => {
            seen.push(p.stage);
            if (p.stage.startsWith(stage)) controller.abort();
          },
        },
      );
      await expect(run).rejects.toMatchObject({ name: "AbortError" });
      expect(seen.some((s) => s.startsWith(stage))).toBe(true);
      // ("simulating 20..." comes after a first window finished on a worker.) Nothing reached the end.
      expect(seen).not.toContain("done");
    }
  }, 60_000);

  it("rejects bad inputs naming the field", () => {
    const bad = (patch: Record<string, unknown>) => () => parseSimulationInputs({ ...small, ...patch });
    expect(bad({ live: { priceScanRange: 2 } })).toThrow(
      "live.priceScanRange: must be greater than 0, at most 1",
    );
    expect(bad({ proposed: { noSuchField: 1 } })).toThrow("proposed.noSuchField: unknown field");
    expect(bad({ accounts: 0 })).toThrow("accounts: must be at least 1");
    expect(bad({ paths: 1e9 })).toThrow("paths: must be at most");
    expect(bad({ windows: ["2020-03-black-thursday", "nope"] })).toThrow('windows[1]: unknown window "nope"');
    expect(bad({ population: { accounts: [{ buffer: 0.5, positions: [] }] } })).toThrow(
      "population: accounts[0].buffer: must be >= 1",
    );
    expect(bad({ shockPaths: [{ steps: [{ day: 1, spotShock: -1.5 }] }] })).toThrow(
      "shockPaths[0]: steps[0].spotShock",
    );
    expect(simulationInputsSchema.safeParse({ live: {}, proposed: {} }).success).toBe(true);
  });
});
