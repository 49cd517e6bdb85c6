/**
 * One candidate evaluation as a self-contained task: the simulation inputs of live versus the
 * candidate (every change of the candidate simulated together) in, the figures the budget reads
 * out. A task depends on nothing but its inputs, so any thread, process or machine can run it, a
 * retried task gives the same outcome, and outcomes merge by key in the search's own order.
 */
import { hashCanonical } from "../hashing/canonical-json.ts";
import type { SimulationReport } from "../simulation/run-simulation.ts";
import type { SimulationInputs } from "../simulation/simulation-inputs.ts";
import { type BudgetMetrics, budgetMetrics } from "./budget-metrics.ts";

export type CandidateStage = "screening" | "full";

export type CandidateTask = {
  /** The candidate's grid key and stage: unique within a search. */
  key: string;
  stage: CandidateStage;
  inputs: SimulationInputs;
};

export type CandidateOutcome = {
  key: string;
  stage: CandidateStage;
  inputsHash: string;
  reportHash: string;
  metrics: BudgetMetrics;
  /** The live set's figures under the same inputs (the other side of the report). */
  liveMetrics: BudgetMetrics;
};

/** A task's identity for a job system: the same task always has the same id. */
export function candidateTaskId(task: CandidateTask): string {
  return hashCanonical({ key: task.key, stage: task.stage, inputs: task.inputs });
}

/** The outcome of a task from its stress report (wherever the report was computed). */
export function candidateOutcome(task: CandidateTask, report: SimulationReport): CandidateOutcome {
  return {
    key: task.key,
    stage: task.stage,
    inputsHash: report.inputsHash,
    reportHash: report.reportHash,
    metrics: budgetMetrics(report),
    liveMetrics: budgetMetrics(report, "live"),
  };
}
