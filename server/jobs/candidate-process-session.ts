import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import type { CandidateOutcome, CandidateTask } from "../../simulations/recommend/candidate-task.ts";
import type { SimulationReport } from "../../simulations/simulation/run-simulation.ts";
import { SIMULATION_NODE_FLAGS } from "./compute-in-child-process.ts";

export type CandidateBatchRun = (
  tasks: CandidateTask[],
  onOutcome: (outcome: CandidateOutcome, report: SimulationReport | null) => void,
) => Promise<void>;

export type CandidateProcessSession = { run: CandidateBatchRun; close: () => void };

/**
 * One child process for the candidate evaluations of one search on the embedded database (the process that owns
 * the database only writes): started at the first batch, it keeps `workers` worker threads for the whole search.
 * Batches run one at a time; outcomes arrive one by one; `close` ends the process (and any batch in it).
 */
export function candidateProcessSession(workers: number): CandidateProcessSession {
  let child: ChildProcess | null = null;
  let current: {
    resolve: () => void;
    reject: (e: Error) => void;
    onOutcome: Parameters<CandidateBatchRun>[1];
  } | null = null;
  const fail = (e: Error) => {
    const c = current;
    current = null;
    c?.reject(e);
  };
  const start = () => {
    const root = process.cwd();
    const p = spawn(
      process.execPath,
      [...SIMULATION_NODE_FLAGS, join(root, "server/jobs/candidate-process.ts"), String(workers)],
      { cwd: root, serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] },
    );
    p.on("message", (msg: { type: string } & Record<string, unknown>) => {
      if (msg.type === "outcome") {
        current?.onOutcome(msg.outcome as CandidateOutcome, (msg.report as SimulationReport | null) ?? null);
      } else if (msg.type === "done") {
        const c = current;
        current = null;
        c?.resolve();
      } else if (msg.type === "failed") fail(new Error(msg.message as string));
    });
    // Events of a process that `close` already let go are not about the current batch.
    p.on("error", (e) => {
      if (child === p) fail(e);
    });
    p.on("exit", (code, sig) => {
      if (child !== p) return;
      child = null;
      fail(new Error(`the candidate process ended (${sig ?? `exit code ${code}`}) during a batch`));
    });
    return p;
  };
  return {
    run(tasks, onOutcome) {
      if (current) return Promise.reject(new Error("a batch is already running in this candidate process"));
      child ??= start();
      const p = child;
      return new Promise<void>((resolve, reject) => {
        current = { resolve, reject, onOutcome };
        p.send({ type: "run", tasks });
      });
    },
    close() {
      const p = child;
      child = null;
      if (p && p.exitCode === null) p.kill();
      fail(new Error("the candidate process was closed"));
    },
  };
}
