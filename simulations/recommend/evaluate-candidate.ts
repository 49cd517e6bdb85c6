/**
 * Evaluates one candidate task in this thread (kept apart from candidate-task.ts, which the server imports: the
 * server computes candidates in child processes and never loads the simulation's worker pool itself).
 */
import { runSimulation, type SimulationReport } from "../simulation/run-simulation.ts";
import { type CandidateOutcome, type CandidateTask, candidateOutcome } from "./candidate-task.ts";

/** Runs one candidate in this thread (one candidate per thread: parallelism is across candidates). */
export async function evaluateCandidate(
  task: CandidateTask,
  opts: { signal?: AbortSignal } = {},
): Promise<{ outcome: CandidateOutcome; report: SimulationReport }> {
  const report = await runSimulation(task.inputs, {
    threads: 1,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return { outcome: candidateOutcome(task, report), report };
}
