/**
 * The stress simulation's public entry point (the CLI and the server's job worker call it):
 *   runSimulation(inputs, { threads, onProgress, signal }) -> SimulationReport
 * Both parameter sets run on the same paths and the same population: named crash windows (daily, with
 * intraday sub-steps on crash days), weekly cohorts of the history since 2018, Monte Carlo paths,
 * vol spikes and user shock paths; then the frontier sweep on the named windows. Work is split into
 * tasks run on worker threads and merged in task order: the same inputs give the same report, and the
 * same `reportHash`, for any number of threads.
 */
import { availableParallelism } from "node:os";
import { hashCanonical } from "../hashing/canonical-json.ts";
import { liquidationSettings } from "../liquidation/liquidation-settings.ts";
import { impliedVolHistory } from "../market/implied-vol-proxy.ts";
import { type AccountTemplate, ARCHETYPES } from "../population/account-template.ts";
import { generatePopulation } from "../population/generate-population.ts";
import { parsePopulationCsv, parsePopulationJson } from "../population/import-population.ts";
import { populationConfigSchema } from "../population/population-config.ts";
import { dataFileHashes } from "../report/data-files.ts";
import { REPORT_NOTES } from "../report/descriptions.ts";
import { ENGINE_VERSION } from "../report/engine-version.ts";
import {
  type GroupMetrics,
  type GroupOutcome,
  type GroupPath,
  groupMetrics,
  metricDifference,
  type TotalMetrics,
  totalMetrics,
} from "../report/group-metrics.ts";
import { jsonSafe } from "../report/json-safe.ts";
import { METRIC_CATALOGUE, metricDescriptions, metricValue } from "../report/metric-catalogue.ts";
import { marginsOnLastDay, type ReferenceSnapshot, referenceSnapshot } from "../report/reference-snapshot.ts";
import { monteCarloSeries, rollingSeries, shockSeries, windowSeries } from "../report/series.ts";
import { type SyntheticCalibration, summarizeCalibration } from "../scenarios/synthetic-calibration.ts";
import { STRESS_WINDOWS } from "../scenarios/windows.ts";
import { monteCarloPaths, rollingCohorts, SYMBOLS, shockPaths, windowPath } from "./build-paths.ts";
import { frontierSet, type ResolvedSetJson, resolveSet } from "./param-sets.ts";
import type { PathSetResult } from "./path-result.ts";
import type { SimPath } from "./sim-path.ts";
import { type SimTask, taskWork } from "./sim-task.ts";
import {
  NAMED_WINDOW_IDS,
  parseSimulationInputs,
  type SimulationInputs,
  type SimulationInputsInput,
  selectedWindows,
  simulationInputsSchema,
} from "./simulation-inputs.ts";
import { SimulationAbortedError, startTaskPool } from "./worker-pool.ts";

export { computeReportHash } from "../report/report-hash.ts";
export { SimulationInputError, simulationInputsHash } from "./simulation-inputs.ts";
export type { SimulationInputs, SimulationInputsInput };
export { ENGINE_VERSION, SimulationAbortedError, simulationInputsSchema };

export type SimulationProgress = { fraction: number; stage: string };

export type SimulationOptions = {
  /** Worker threads (default: the machine's cores, up to 4; 1 runs in this thread). */
  threads?: number | undefined;
  onProgress?: (p: SimulationProgress) => void;
  signal?: AbortSignal;
  /** Filled with wall-clock seconds per stage (kept out of the report so its hash stays reproducible). */
  timings?: Record<string, number>;
};

/** A side's totals, and its metrics per scenario group (`windows`, keyed by group id). */
export type ScenarioGroupResults = TotalMetrics & { windows: Record<string, GroupMetrics> };

export type SimulationReport = {
  reportHash: string;
  kind: "marginlab-stress-report";
  engineVersion: string;
  inputsHash: string;
  inputs: SimulationInputs;
  methodology: string;
  notes: Readonly<Record<string, string>>;
  descriptions: Readonly<Record<string, string>>;
  parameterSets: { live: ResolvedSetJson; proposed: ResolvedSetJson };
  liquidationSettings: {
    live: ReturnType<typeof liquidationSettings>;
    proposed: ReturnType<typeof liquidationSettings>;
  };
  dataFiles: Record<string, string>;
  population: {
    source: "generated" | "imported";
    accounts: number;
    byArchetype: Record<string, number>;
    config: unknown;
  };
  scenarios: Record<string, unknown>;
  results: { live: ScenarioGroupResults; proposed: ScenarioGroupResults };
  difference: {
    total: Record<string, number | null>;
    windows: Record<string, Record<string, number | null>>;
  };
  capitalEfficiency: ReferenceSnapshot;
  procyclicality: { description: string; live: Record<string, unknown>; proposed: Record<string, unknown> };
  frontier: unknown;
  series: Record<string, unknown>;
};

function population(inputs: SimulationInputs): {
  templates: AccountTemplate[];
  source: "generated" | "imported";
} {
  const pop = inputs.population;
  if (pop?.accounts)
    return { templates: parsePopulationJson({ accounts: pop.accounts }), source: "imported" };
  if (pop?.csv !== undefined) return { templates: parsePopulationCsv(pop.csv), source: "imported" };
  const { accounts: _a, csv: _c, ...config } = pop ?? {};
  return {
    templates: generatePopulation({
      accounts: inputs.accounts,
      seed: inputs.seed,
      config: populationConfigSchema.parse(config),
    }),
    source: "generated",
  };
}

function chunk<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < xs.length; k += size) out.push(xs.slice(k, k + size));
  return out;
}

type Group = { id: string; paths: SimPath[]; main: boolean };

const isNamed = (id: string) => (NAMED_WINDOW_IDS as readonly string[]).includes(id);

export async function runSimulation(
  raw: SimulationInputs | SimulationInputsInput,
  opts: SimulationOptions = {},
): Promise<SimulationReport> {
  const clock = { t: performance.now() };
  const lap = (stage: string) => {
    const now = performance.now();
    if (opts.timings) opts.timings[stage] = (opts.timings[stage] ?? 0) + (now - clock.t) / 1000;
    clock.t = now;
  };
  const progress = (fraction: number, stage: string) =>
    opts.onProgress?.({ fraction: Math.min(1, Math.max(0, fraction)), stage });
  const checkAbort = () => {
    if (opts.signal?.aborted) throw new SimulationAbortedError();
  };

  progress(0, "validating inputs");
  const inputs = parseSimulationInputs(raw);
  const live = resolveSet(inputs.live);
  const proposed = resolveSet(inputs.proposed);
  const { templates, source } = population(inputs);
  checkAbort();

  // Frontier: derived parameter sets, run on the frontier's windows (by default the named windows simulated).
  const windows = selectedWindows(inputs);
  const named = windows.filter((w) => w !== "rolling-2018");
  const frontierWindows = inputs.frontier.windows ?? named;
  const sets: ResolvedSetJson[] = [live, proposed];
  let frontierError: string | null = null;
  const frontierIndex: number[] = [];
  if (inputs.frontier.values.length > 0 && frontierWindows.length > 0) {
    try {
      const base = inputs.frontier.base === "live" ? live : proposed;
      for (const v of inputs.frontier.values) {
        frontierIndex.push(sets.length);
        sets.push(frontierSet(base, inputs.frontier.parameter, v));
      }
    } catch (e) {
      frontierError = e instanceof Error ? e.message : String(e);
      sets.length = 2;
      frontierIndex.length = 0;
    }
  }

  progress(0.01, "building scenario paths");
  // Historical and shock paths now; Monte Carlo paths (which need the model calibration, seconds of
  // work) while the workers simulate these.
  const groups: Group[] = [];
  const windowPaths = new Map<string, SimPath>();
  for (const id of named) {
    const p = windowPath({ id, intraday: inputs.intraday });
    windowPaths.set(id, p);
    groups.push({ id, paths: [p], main: true });
  }
  if (windows.includes("rolling-2018")) {
    groups.push({
      id: "rolling-2018",
      paths: rollingCohorts({ stepDays: inputs.rollingStepDays }),
      main: true,
    });
  }
  const monteCarlo: Group | null = inputs.paths > 0 ? { id: "monte-carlo", paths: [], main: true } : null;
  if (monteCarlo) groups.push(monteCarlo);
  if (inputs.volSpikes) {
    groups.push({
      id: "vol-spikes",
      paths: shockPaths({ group: "vol-spikes", shocks: inputs.volSpikes, horizonDays: inputs.horizonDays }),
      main: true,
    });
  }
  if (inputs.shockPaths.length > 0) {
    groups.push({
      id: "user-shocks",
      paths: shockPaths({ group: "user-shocks", shocks: inputs.shockPaths, horizonDays: inputs.horizonDays }),
      main: true,
    });
  }
  for (const id of frontierWindows) {
    if (!windowPaths.has(id)) {
      const p = windowPath({ id, intraday: inputs.intraday });
      windowPaths.set(id, p);
      groups.push({ id, paths: [p], main: false });
    }
  }
  const setsOf = (g: Group) => {
    const inFrontier = frontierIndex.length > 0 && frontierWindows.includes(g.id);
    return [0, 1, ...(inFrontier ? frontierIndex : [])];
  };
  // Named windows also run live and proposed without liquidations: the procyclicality probe.
  const probesOf = (g: Group) => (g.main && isNamed(g.id) ? [0, 1] : []);
  // Steps to simulate, over paths and parameter sets (Monte Carlo paths, not drawn yet, have
  // horizon + 1 steps each): the measure of progress, and with the population size of the thread count.
  const pathSteps = (g: Group) =>
    g === monteCarlo ? inputs.paths * (inputs.horizonDays + 1) : taskWork(g.paths, 1);
  const totalWork = groups.reduce(
    (sum, g) => sum + pathSteps(g) * (setsOf(g).length + probesOf(g).length),
    0,
  );
  const accountSteps = totalWork * templates.length;
  // Worker start-up costs about a second: small runs stay in this thread.
  const threads = opts.threads ?? (accountSteps < 2_000_000 ? 1 : Math.min(4, availableParallelism()));
  const pool = startTaskPool({ context: { templates, sets }, threads });

  // Tasks, numbered in a canonical order (results are merged by number); each remembers where its
  // results go. Monte Carlo tasks get their numbers now and their paths once calibrated.
  const taskSize = (g: Group) => (g.id === "rolling-2018" ? 10 : g.id === "monte-carlo" ? 2 : 1);
  const placement: { group: string; first: number }[] = [];
  const firstIndex = new Map<Group, number>();
  for (const g of groups) {
    firstIndex.set(g, placement.length);
    const count = Math.ceil((g === monteCarlo ? inputs.paths : g.paths.length) / taskSize(g));
    for (let k = 0; k < count; k++) placement.push({ group: g.id, first: k * taskSize(g) });
  }
  const tasksOf = (g: Group): SimTask[] => {
    const setList = setsOf(g);
    const probes = probesOf(g);
    return chunk(g.paths, taskSize(g)).map((paths, k) => ({
      index: firstIndex.get(g)! + k,
      paths,
      sets: setList,
      probes,
      work: taskWork(paths, setList.length + probes.length),
    }));
  };
  const tasks: SimTask[] = new Array(placement.length);
  const place = (list: SimTask[]) => {
    for (const t of list) tasks[t.index] = t;
    return list;
  };
  let doneWork = 0;
  // Filled by `more` below, beside the workers.
  const prepared: {
    calibration?: SyntheticCalibration;
    reference?: ReferenceSnapshot;
    frontierToday?: ReturnType<typeof marginsOnLastDay>;
  } = {};
  lap("scenario paths");
  const results = await pool.run({
    tasks: place(groups.filter((g) => g !== monteCarlo).flatMap(tasksOf)),
    // While the workers simulate the history: calibrate and draw the Monte Carlo paths, and open the
    // population on today's market for the capital-efficiency snapshot.
    more: () => {
      const started = performance.now();
      if (monteCarlo) {
        progress(0.03, "calibrating the Monte Carlo models");
        const mc = monteCarloPaths({
          paths: inputs.paths,
          horizonDays: inputs.horizonDays,
          seed: inputs.seed,
          models: inputs.monteCarloModels,
        });
        prepared.calibration = mc.calibration;
        monteCarlo.paths = mc.paths;
      }
      progress(0.04, "opening the population on today's market");
      prepared.reference = referenceSnapshot({ templates, sets: [live, proposed] });
      prepared.frontierToday = marginsOnLastDay({ templates, sets: frontierIndex.map((k) => sets[k]!) });
      if (opts.timings) {
        opts.timings["calibration, Monte Carlo paths, reference snapshot (beside the workers)"] =
          (performance.now() - started) / 1000;
      }
      checkAbort();
      return monteCarlo ? place(tasksOf(monteCarlo)) : [];
    },
    ...(opts.signal ? { signal: opts.signal } : {}),
    onTaskDone: (task, result) => {
      doneWork += task.work;
      if (opts.timings) {
        const key = `thread seconds: ${placement[task.index]!.group}`;
        opts.timings[key] = (opts.timings[key] ?? 0) + result.seconds;
      }
      progress(0.05 + (0.9 * doneWork) / totalWork, `simulating ${placement[task.index]!.group}`);
    },
  });
  const { reference, calibration } = prepared;
  if (!reference) throw new Error("internal: the reference snapshot was not taken");
  const fundUsd =
    inputs.insuranceFund.usd ??
    inputs.insuranceFund.fractionOfInitialMargin * reference.live.totalInitialMargin;
  lap("simulation");
  checkAbort();

  progress(0.96, "computing metrics");
  // Results per group, per set index, per path (in path order).
  const byGroup = new Map<string, Map<number, PathSetResult[]>>();
  tasks.forEach((task, k) => {
    const g = placement[k]!.group;
    let m = byGroup.get(g);
    if (!m) {
      m = new Map();
      byGroup.set(g, m);
    }
    const res = results[k]!;
    // Probe results are kept under -1 - set.
    [...task.sets, ...task.probes.map((s) => -1 - s)].forEach((s, j) => {
      const list = m!.get(s) ?? [];
      for (const perPath of res.results) list.push(perPath[j]!);
      m!.set(s, list);
    });
  });
  const groupPaths = (g: Group, set: number): GroupPath[] =>
    g.paths.map((p, k) => ({
      label: p.label,
      stepLabels: p.stepLabels,
      shockStep: p.shockStep,
      result: byGroup.get(g.id)!.get(set)![k]!,
    }));
  const metricsFor = (g: Group, set: number): GroupOutcome =>
    groupMetrics({
      paths: groupPaths(g, set),
      fundUsd,
      confidence: inputs.backtestConfidence,
      probabilistic: g.id === "monte-carlo",
      consecutive: g.id === "rolling-2018",
      ...(byGroup.get(g.id)!.has(-1 - set) ? { probe: groupPaths(g, -1 - set)[0]! } : {}),
    });
  const mainGroups = groups.filter((g) => g.main);
  const todayOf = (m: { totalInitialMargin: number; totalStandardMargin: number }) => ({
    asOf: reference.asOf,
    totalInitialMargin: m.totalInitialMargin,
    totalStandardMargin: m.totalStandardMargin,
  });
  const sideResults = (set: number): ScenarioGroupResults => {
    const outcomes: Record<string, GroupOutcome> = {};
    for (const g of mainGroups) outcomes[g.id] = metricsFor(g, set);
    const totals = totalMetrics({
      groups: outcomes,
      namedWindows: named,
      today: todayOf(set === 0 ? reference.live : reference.proposed),
      fundUsd,
      confidence: inputs.backtestConfidence,
    });
    const windows = Object.fromEntries(Object.entries(outcomes).map(([id, o]) => [id, o.metrics]));
    return { ...totals, windows };
  };
  const liveResults = sideResults(0);
  const proposedResults = sideResults(1);

  // Frontier: every point's margin on the last day of data (the moment of the headline totals) against
  // its bad debt and insolvent accounts over the frontier's windows, and the live and proposed marks.
  const frontierGroups = groups.filter((g) => frontierWindows.includes(g.id));
  const scopeTotals = (set: number, today: { totalInitialMargin: number; totalStandardMargin: number }) => {
    const w: Record<string, GroupOutcome> = {};
    for (const g of frontierGroups) w[g.id] = metricsFor(g, set);
    const t = totalMetrics({
      groups: w,
      namedWindows: frontierWindows,
      today: todayOf(today),
      fundUsd,
      confidence: inputs.backtestConfidence,
    });
    return {
      totalInitialMargin: t.totalInitialMargin,
      totalStandardMargin: t.totalStandardMargin,
      marginRatio: t.marginRatio,
      badDebtMeanPerWindow: t.badDebtMeanPerWindow,
      badDebtWorstWindow: t.badDebtWorstWindow,
      accountsInsolvent: t.accountsInsolvent,
      accountsInsolventShare: t.accountsInsolventShare,
      accountsLiquidated: t.accountsLiquidated,
      accountsLiquidatedShare: t.accountsLiquidatedShare,
      coverage: t.coverage,
    };
  };
  const frontierToday = prepared.frontierToday ?? [];
  const frontier =
    frontierIndex.length > 0
      ? {
          parameter: inputs.frontier.parameter,
          base: inputs.frontier.base,
          windows: frontierWindows,
          marginAsOf: reference.asOf,
          description:
            (inputs.frontier.parameter === "shockMultiplier"
              ? `Every shock of the ${inputs.frontier.base} set (price scan range, vol shocks up and down) multiplied by each value.`
              : `${inputs.frontier.parameter} of the ${inputs.frontier.base} set set to each value.`) +
            ` Capital: initial margin of the population on ${reference.asOf} (the headline's moment). Insolvency: bad debt per window, the mean over the frontier's ${frontierWindows.length} named window(s), and distinct accounts insolvent in any of them.`,
          points: frontierIndex.map((s, k) => ({
            value: inputs.frontier.values[k]!,
            ...scopeTotals(s, frontierToday[k]!),
          })),
          live: scopeTotals(0, reference.live),
          proposed: scopeTotals(1, reference.proposed),
        }
      : { unavailable: frontierError ?? "no frontier values or no named window to compute it on" };

  // Series for charts.
  const pair = (g: Group) => ({ live: byGroup.get(g.id)!.get(0)!, proposed: byGroup.get(g.id)!.get(1)! });
  const series: Record<string, unknown> = { windows: {} as Record<string, unknown> };
  for (const g of mainGroups) {
    const r = pair(g);
    if (isNamed(g.id)) {
      const m = byGroup.get(g.id)!;
      (series.windows as Record<string, unknown>)[g.id] = windowSeries(
        g.paths[0]!,
        { live: r.live[0]!, proposed: r.proposed[0]! },
        m.has(-1) ? { live: m.get(-1)![0]!, proposed: m.get(-2)![0]! } : undefined,
      );
    } else if (g.id === "rolling-2018") series.rolling = rollingSeries(g.paths, r);
    else if (g.id === "monte-carlo") series.monteCarlo = monteCarloSeries(g.paths, r);
    else if (g.id === "vol-spikes") series.volSpikes = shockSeries(g.paths, r);
    else if (g.id === "user-shocks") series.userShocks = shockSeries(g.paths, r);
  }
  series.marginRatioDistribution = {
    asOf: reference.asOf,
    description:
      "Accounts per bin of initial margin / standard margin on the last day of data, portfolio margin vs standard.",
    live: reference.live.ratioHistogram,
    proposed: reference.proposed.ratioHistogram,
  };

  const keysOf = (scope: "total" | "group") =>
    METRIC_CATALOGUE.filter((m) => m.scope === scope || m.scope === "both").map((m) => m.key);
  const differenceWindows: Record<string, Record<string, number | null>> = {};
  for (const id of Object.keys(liveResults.windows)) {
    differenceWindows[id] = metricDifference(
      liveResults.windows[id]!,
      proposedResults.windows[id]!,
      keysOf("group"),
      metricValue,
    );
  }
  const byArchetype = Object.fromEntries(
    ARCHETYPES.map((a) => [a, templates.filter((t) => t.archetype === a).length]),
  );
  const { accounts: _acc, csv: _csv, ...popConfig } = inputs.population ?? {};
  const body: Omit<SimulationReport, "reportHash"> = {
    kind: "marginlab-stress-report",
    engineVersion: ENGINE_VERSION,
    inputsHash: hashCanonical(inputs),
    inputs,
    methodology: "docs/methodology.md",
    notes: REPORT_NOTES,
    descriptions: metricDescriptions({
      horizonDays: inputs.horizonDays,
      confidence: inputs.backtestConfidence,
      asOf: reference.asOf,
    }),
    parameterSets: { live, proposed },
    liquidationSettings: { live: liquidationSettings(live), proposed: liquidationSettings(proposed) },
    dataFiles: dataFileHashes(SYMBOLS),
    population: {
      source,
      accounts: templates.length,
      byArchetype,
      config: source === "generated" ? populationConfigSchema.parse(popConfig) : { imported: true },
    },
    scenarios: {
      windows: windows.map((id) => {
        const w = STRESS_WINDOWS.find((x) => x.id === id)!;
        return {
          id,
          title: w.title,
          description: w.description,
          start: w.start,
          end: w.end,
          shockDate: w.shockDate,
        };
      }),
      rollingStepDays: inputs.rollingStepDays,
      intraday: inputs.intraday,
      monteCarlo: calibration
        ? {
            paths: inputs.paths,
            horizonDays: inputs.horizonDays,
            models: inputs.monteCarloModels,
            calibration: jsonSafe(summarizeCalibration(calibration)),
          }
        : null,
      volSpikes: inputs.volSpikes,
      userShockPaths: inputs.shockPaths.length,
      impliedVolProxy: jsonSafe(
        Object.fromEntries(SYMBOLS.map((s) => [s, impliedVolHistory(s).calibration])),
      ),
      insuranceFundUsd: fundUsd,
      backtestConfidence: inputs.backtestConfidence,
    },
    results: { live: liveResults, proposed: proposedResults },
    difference: {
      total: metricDifference(liveResults, proposedResults, keysOf("total"), metricValue),
      windows: differenceWindows,
    },
    capitalEfficiency: reference,
    procyclicality: {
      description:
        "Per named window, the initial margin the population's books ask for when no account is liquidated (so the same positions are compared), at its peak and on the shock day, relative to the calm first day. A set that scales margin with the vol regime raises this ratio; anti-procyclicality tools (floor, stress buffer) lower it.",
      live: Object.fromEntries(
        Object.entries(liveResults.windows).flatMap(([id, w]) =>
          w.procyclicality ? [[id, w.procyclicality]] : [],
        ),
      ),
      proposed: Object.fromEntries(
        Object.entries(proposedResults.windows).flatMap(([id, w]) =>
          w.procyclicality ? [[id, w.procyclicality]] : [],
        ),
      ),
    },
    frontier,
    series,
  };
  const report = { reportHash: hashCanonical(body), ...body } as SimulationReport;
  lap("report");
  progress(1, "done");
  return report;
}
