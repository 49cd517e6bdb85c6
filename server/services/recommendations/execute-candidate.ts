import {
  type CandidateOutcome,
  type CandidateTask,
  candidateOutcome,
} from "../../../simulations/recommend/candidate-task.ts";
import type { SimulationReport } from "../../../simulations/simulation/run-simulation.ts";
import type { Db } from "../../db/connect.ts";
import type { ComputeSimulation } from "../../jobs/compute-in-child-process.ts";
import {
  CANDIDATE_STALE_AFTER_MS,
  candidateHeartbeat,
  claimCandidate,
  recordCandidateFailure,
  recordCandidateOutcome,
} from "./candidate-results.ts";

export type CandidateExecution = "succeeded" | "failed" | "not-claimed" | "taken-over";

/** Computes a candidate's outcome (with the stress report of a full evaluation), somewhere off this thread. */
export type EvaluateCandidate = (
  task: CandidateTask,
  signal: AbortSignal,
) => Promise<{ outcome: CandidateOutcome; report: SimulationReport | null }>;

/** A candidate computed by a simulation function (a child process per candidate, or in-process in tests). */
export function evaluateWith(compute: ComputeSimulation): EvaluateCandidate {
  return async (task, signal) => {
    const report = await compute(task.inputs, { onProgress: () => {}, signal });
    return { outcome: candidateOutcome(task, report), report: task.stage === "full" ? report : null };
  };
}

/**
 * Evaluates one candidate as a job (a pg-boss worker): claims it, computes it off this thread while keeping its
 * heartbeat fresh, and records the outcome. A worker killed mid-candidate leaves a stale heartbeat; the search's
 * coordinator sends the job again and another worker takes it over. A failure of the database itself is thrown, so
 * the job system retries the job.
 */
export async function executeCandidate(
  db: Db,
  candidateId: string,
  deps: { workerId: string; evaluate: EvaluateCandidate; staleAfterMs?: number },
): Promise<CandidateExecution> {
  const staleAfterMs = deps.staleAfterMs ?? CANDIDATE_STALE_AFTER_MS;
  const task = await claimCandidate(db, candidateId, deps.workerId, staleAfterMs);
  if (!task) return "not-claimed";
  const controller = new AbortController();
  const beat = setInterval(() => {
    candidateHeartbeat(db, candidateId, deps.workerId).then(
      (mine) => {
        if (!mine) controller.abort();
      },
      () => {},
    );
  }, staleAfterMs / 4);
  try {
    const { outcome, report } = await deps.evaluate(task, controller.signal);
    const stored = await recordCandidateOutcome(db, {
      candidateId,
      workerId: deps.workerId,
      outcome,
      report,
    });
    return stored ? "succeeded" : "taken-over";
  } catch (e) {
    if (controller.signal.aborted) return "taken-over";
    await recordCandidateFailure(db, candidateId, deps.workerId, e instanceof Error ? e.message : String(e));
    return "failed";
  } finally {
    clearInterval(beat);
  }
}
