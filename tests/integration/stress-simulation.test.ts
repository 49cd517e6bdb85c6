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

/** Fields of every side's totals and every scenario group (the report contract, methodology §10). */
const CONTRACT = [
  "totalInitialMargin",
  "totalStandardMargin",
  "accountsLiquidated",
  "accountsLiquidatedShare",
  "accountsInsolvent",
  "accountsInsolventShare",
  "accountsBreached",
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
    expect(t.backtest.accountStepsBreached).toBeGreaterThan(0);
    expect(t.badDebtMeanPerPath).toBeGreaterThan(0);
    expect(t.accountsInsolvent).toBeGreaterThan(0);
    expect(t.coverage).toBeLessThan(0.99);
    expect(t.backtest.trafficLight?.zone).toBe("red");
    expect(w.backtest.accountStepsBreached).toBe(0);
    expect(w.badDebtMeanPerPath).toBe(0);
    expect(w.coverage).toBe(1);
    // No breach at all where 1% are expected: green (the traffic light is one-sided) but over-conservative.
    expect(w.backtest.trafficLight?.zone).toBe("green");
    expect(w.backtest.overConservative).toBe(true);
    // The price of safety: the wide set demands far more margin.
    expect(w.totalInitialMargin).toBeGreaterThan(5 * t.totalInitialMargin);
  }, 60_000);

  it("wider shocks never lower margin (frontier over a shock multiplier, and proposed vs live)", async () => {
    const values = [0.5, 0.75, 1, 1.5, 2, 3];
    const report = await runSimulation({ ...small, frontier: { values, base: "live" } }, { threads: 1 });
    const frontier = report.frontier as {
      points: { value: number; totalInitialMargin: number; badDebtMeanPerWindow: number }[];
      live: { totalInitialMargin: number; badDebtMeanPerWindow: number };
    };
    expect(frontier.points.map((p) => p.value)).toEqual(values);
    for (let k = 1; k < values.length; k++) {
      expect(frontier.points[k]!.totalInitialMargin).toBeGreaterThanOrEqual(
        frontier.points[k - 1]!.totalInitialMargin,
      );
    }
    // The point at multiplier 1 is the live set itself, on the same paths and population.
    expect(frontier.points[2]!.totalInitialMargin).toBeCloseTo(frontier.live.totalInitialMargin, 6);
    expect(frontier.points[2]!.badDebtMeanPerWindow).toBeCloseTo(frontier.live.badDebtMeanPerWindow, 6);
    expect(frontier.points[0]!.badDebtMeanPerWindow).toBeGreaterThanOrEqual(
      frontier.points[values.length - 1]!.badDebtMeanPerWindow,
    );
    // The frontier's margin is the headline's: the population on the last day of data, one moment.
    expect(frontier.live.totalInitialMargin).toBe(report.results.live.totalInitialMargin);
    expect(frontier.live.totalInitialMargin).toBe(report.capitalEfficiency.live.totalInitialMargin);
    const live = report.results.live.windows[BLACK_THURSDAY]!;
    const proposed = report.results.proposed.windows[BLACK_THURSDAY]!;
    expect(proposed.totalInitialMargin).toBeGreaterThan(live.totalInitialMargin);
  }, 60_000);

  it("reports the contract: distinct accounts, margin at one moment, per-path bad debt, the backtest by hand", async () => {
    const progress: number[] = [];
    const report: SimulationReport = await runSimulation(
      {
        ...small,
        paths: 6,
        horizonDays: 5,
        windows: [BLACK_THURSDAY, "2022-05-luna"],
        shockPaths: [{ name: "crash", steps: [{ day: 1, spotShock: -0.4, volShock: 1 }] }],
      },
      { threads: 1, onProgress: (p) => progress.push(p.fraction) },
    );
    expect(report.reportHash).toMatch(/^[0-9a-f]{64}$/);
    const { reportHash, ...body } = report;
    expect(hashCanonical(body)).toBe(reportHash);
    const accounts = report.population.accounts;
    for (const side of ["live", "proposed"] as const) {
      const r = report.results[side];
      expect(Object.keys(r.windows)).toEqual([BLACK_THURSDAY, "2022-05-luna", "monte-carlo", "user-shocks"]);
      for (const f of CONTRACT) {
        expect(typeof r[f]).toBe("number");
        for (const w of Object.values(r.windows)) expect(typeof w[f]).toBe("number");
        expect(report.descriptions[f]).toMatch(/base: .{10,}\): .{20,}/);
      }
      // Distinct accounts: never more than the population, in total or per group; the total is at
      // least every group's (a union) and at most their sum.
      const groups = Object.values(r.windows);
      for (const f of ["accountsLiquidated", "accountsInsolvent", "accountsBreached"] as const) {
        expect(r[f]).toBeLessThanOrEqual(accounts);
        expect(r[f]).toBeGreaterThanOrEqual(Math.max(...groups.map((g) => g[f])));
        expect(r[f]).toBeLessThanOrEqual(groups.reduce((s, g) => s + g[f], 0));
        for (const g of groups) expect(g[f]).toBeLessThanOrEqual(accounts);
      }
      expect(r.accountsInsolventShare).toBeCloseTo(r.accountsInsolvent / accounts, 12);
      // Margin at one moment: the capital-efficiency snapshot, not a sum over windows.
      expect(r.totalInitialMargin).toBe(report.capitalEfficiency[side].totalInitialMargin);
      expect(r.initialMarginAsOf).toBe(report.capitalEfficiency.asOf);
      // Monte Carlo: per-path mean and the path-level ES come from the same group.
      const mc = r.windows["monte-carlo"]!;
      expect(mc.paths).toBe(6);
      expect(r.badDebtMonteCarloMeanPerPath).toBe(mc.badDebtMeanPerPath);
      expect(mc.badDebtMeanPerPath).toBeCloseTo(mc.badDebtSumOverPaths / 6, 6);
      expect(mc.badDebtEs99AcrossPaths!).toBeGreaterThanOrEqual(mc.badDebtMeanPerPath - 1e-6);
      expect(mc.badDebtEs99AcrossPaths!).toBeLessThanOrEqual(mc.badDebtMaxPerPath + 1e-6);
      expect(r.badDebtWorstWindow).toBe(
        Math.max(...[BLACK_THURSDAY, "2022-05-luna"].map((id) => r.windows[id]!.badDebtMeanPerPath)),
      );
      // The backtest pools every group's account-steps; Kupiec LR by hand.
      const n = r.backtest.accountStepsObserved;
      const x = r.backtest.accountStepsBreached;
      expect(n).toBe(groups.reduce((s, g) => s + g.backtest.accountStepsObserved, 0));
      expect(x).toBe(groups.reduce((s, g) => s + g.backtest.accountStepsBreached, 0));
      const p = 0.01;
      const lr =
        -2 *
        ((n - x) * Math.log(1 - p) +
          x * Math.log(p) -
          (n - x) * Math.log(1 - x / n) -
          (x > 0 ? x * Math.log(x / n) : 0));
      expect(r.backtest.kupiec!.lr).toBeCloseTo(lr, 8);
      expect(r.coverage).toBeCloseTo(1 - x / n, 12);
      const light = r.backtest.trafficLight!;
      expect(light.zone).toBe(
        x <= light.greenMaxBreaches ? "green" : x <= light.yellowMaxBreaches ? "yellow" : "red",
      );
      // Christoffersen transitions: one per pair of consecutive observations of an account, so fewer than observations.
      const c = r.backtest.christoffersen!;
      expect(c.n00 + c.n01 + c.n10 + c.n11).toBeLessThan(n);
      expect(c.n01 + c.n11).toBeLessThanOrEqual(x);
    }
    expect(report.difference.total.badDebtWorstWindow).toBeCloseTo(
      report.results.proposed.badDebtWorstWindow! - report.results.live.badDebtWorstWindow!,
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
