import { spawn } from "node:child_process";
import { join } from "node:path";
import type { CandidateOutcome, CandidateTask } from "../../simulations/recommend/candidate-task.ts";
import type { SimulationReport } from "../../simulations/simulation/run-simulation.ts";
import { SIMULATION_NODE_FLAGS } from "./compute-in-child-process.ts";

/**
 * Evaluates a batch of candidates in one child process on `workers` worker threads (the embedded database's way:
 * the process that owns the database only writes). Outcomes arrive one by one through `onOutcome`; the promise
 * settles when the batch is done, failed or aborted.
 */
export function computeCandidatesInChildProcess(
  tasks: CandidateTask[],
  opts: {
    workers: number;
    onOutcome: (outcome: CandidateOutcome, report: SimulationReport | null) => void;
    signal?: AbortSignal;
  },
): Promise<void> {
  const root = process.cwd();
  const child = spawn(
    process.execPath,
    [...SIMULATION_NODE_FLAGS, join(root, "server/jobs/candidate-process.ts")],
    {
      cwd: root,
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      if (child.connected) child.send({ type: "abort" });
    };
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener("abort", onAbort);
      if (child.exitCode === null) child.kill();
      fn();
    };
    child.on("message", (msg: { type: string } & Record<string, unknown>) => {
      if (msg.type === "outcome") {
        opts.onOutcome(msg.outcome as CandidateOutcome, (msg.report as SimulationReport | null) ?? null);
      } else if (msg.type === "done") finish(resolve);
      else if (msg.type === "failed") finish(() => reject(new Error(msg.message as string)));
    });
    child.on("error", (e) => finish(() => reject(e)));
    child.on("exit", (code, sig) =>
      finish(() =>
        reject(new Error(`the candidate process ended (${sig ?? `exit code ${code}`}) before its batch`)),
      ),
    );
    child.send({ type: "run", tasks, workers: opts.workers });
    if (opts.signal?.aborted) onAbort();
  });
}
