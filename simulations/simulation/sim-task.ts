/**
 * A unit of work: some paths, each run for some of the run's parameter sets. Tasks are independent
 * and their results are merged in task order, so the report does not depend on which thread ran
 * which task, nor on how many threads there were.
 */
import type { AccountTemplate } from "../population/account-template.ts";
import { type OpenedBook, openBook } from "./open-accounts.ts";
import type { ResolvedSetJson } from "./param-sets.ts";
import { setRuntime } from "./param-sets.ts";
import type { PathSetResult } from "./path-result.ts";
import { runPath, type SetRuntime } from "./run-path.ts";
import type { SimPath } from "./sim-path.ts";

export type SimTask = {
  index: number;
  paths: SimPath[];
  /** Indices into the run's parameter sets (0 = live, 1 = proposed, then frontier points). */
  sets: number[];
  /** Sets also run without liquidations (procyclicality probes); their results follow the sets' in each path's list. */
  probes: number[];
  /** Relative cost (steps x sets), for progress. */
  work: number;
};

/** `seconds` is the task's wall time in its thread (for the benchmark's split; never in the report). */
export type TaskResult = { index: number; results: PathSetResult[][]; seconds: number };

export type RunContext = { templates: AccountTemplate[]; sets: ResolvedSetJson[] };

export function taskWork(paths: readonly SimPath[], sets: number): number {
  return paths.reduce((s, p) => s + p.timeMs.length, 0) * sets;
}

/** Runs tasks of one run; keeps parameter-set runtimes and recently opened books between tasks. */
export function createTaskRunner(ctx: RunContext): (task: SimTask) => TaskResult {
  const runtimes = new Map<number, SetRuntime>();
  const probes = new Map<number, SetRuntime>();
  const probe = (k: number) => {
    let r = probes.get(k);
    if (!r) {
      r = { ...runtime(k), liquidate: false };
      probes.set(k, r);
    }
    return r;
  };
  const opened = new Map<string, OpenedBook>();
  const runtime = (k: number) => {
    let r = runtimes.get(k);
    if (!r) {
      r = setRuntime(ctx.sets[k]!);
      runtimes.set(k, r);
    }
    return r;
  };
  return (task) => {
    const started = performance.now();
    const results = task.paths.map((path) => {
      // Paths starting from the same market (all Monte Carlo and shock paths) share one opening.
      const key = JSON.stringify([
        path.timeMs[0],
        path.underlyings,
        path.spot.map((s) => s[0]),
        path.iv.map((v) => v[0]),
      ]);
      let book = opened.get(key);
      if (!book) {
        const market = {
          timeMs: path.timeMs[0]!,
          spot: Float64Array.from(path.spot, (s) => s[0]!),
          iv: Float64Array.from(path.iv, (v) => v[0]!),
        };
        book = openBook({ templates: ctx.templates, underlyings: path.underlyings, market });
        if (opened.size >= 4) opened.delete(opened.keys().next().value as string);
        opened.set(key, book);
      }
      return runPath({ path, opened: book, sets: [...task.sets.map(runtime), ...task.probes.map(probe)] });
    });
    return { index: task.index, results, seconds: (performance.now() - started) / 1000 };
  };
}
