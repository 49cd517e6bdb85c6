/**
 * One market path as the simulation steps it: per step a time and, per underlying, spot and implied
 * vol. Historical windows, weekly cohorts of the rolling history, Monte Carlo paths, vol spikes and
 * user shock paths all become this shape (build-paths.ts).
 */
export type SimPath = {
  /** Scenario group: a window id, "rolling-2018", "monte-carlo", "vol-spikes" or "user-shocks". */
  group: string;
  /** What this path is, e.g. "2020-03-black-thursday", "cohort 2019-03-04", "path 17 (garch)". */
  label: string;
  underlyings: string[];
  /** Epoch ms of every step (a daily close is 24:00 UTC of its day). */
  timeMs: number[];
  /** Per step: its day (YYYY-MM-DD) or synthetic day ("day 3"), with " (intraday low)" etc. for sub-steps. */
  stepLabels: string[];
  /** Per underlying, per step. */
  spot: number[][];
  iv: number[][];
  /** Step of the shock day's close (-1: none). */
  shockStep: number;
};
