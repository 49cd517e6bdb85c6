/**
 * Where candidate evaluations run. The search hands a batch of tasks to an executor and waits for
 * the whole batch; outcomes come back in the batch's order whatever finished first, so the search
 * (and its report hash) does not depend on the number of workers or their timing.
 *
 * Two executors live here: this thread, and a pool of worker threads each evaluating one candidate
 * at a time (a candidate's simulation is single-threaded: candidates are the unit of parallelism).
 * The server adds a third, on its job queue (server/services/recommendations/).
 */
import type { Worker } from "node:worker_threads";
import type { SimulationReport } from "../simulation/run-simulation.ts";
import { SimulationAbortedError } from "../simulation/worker-pool.ts";
import { spawnTsWorker } from "../threads/spawn-ts-worker.ts";
import type { CandidateOutcome, CandidateTask } from "./candidate-task.ts";
import { evaluateCandidate } from "./evaluate-candidate.ts";

export type CandidateExecutor = {
  /** Evaluates the tasks; resolves with their outcomes in the tasks' order. */
  run(
    tasks: readonly CandidateTask[],
    opts?: {
      /** Each outcome as it arrives; with the stress report of a full evaluation (to store it). */
      onDone?: (outcome: CandidateOutcome, report: SimulationReport | null) => void;
      signal?: AbortSignal;
    },
  ): Promise<CandidateOutcome[]>;
  close(): Promise<void>;
};

export function inThreadExecutor(): CandidateExecutor {
  return {
    async run(tasks, opts = {}) {
      const out: CandidateOutcome[] = [];
      for (const task of tasks) {
        if (opts.signal?.aborted) throw new SimulationAbortedError();
        const { outcome, report } = await evaluateCandidate(task, opts.signal ? { signal: opts.signal } : {});
        out.push(outcome);
        opts.onDone?.(outcome, task.stage === "full" ? report : null);
      }
      return out;
    },
    async close() {},
  };
}

type WorkerReply =
  | { ok: true; outcome: CandidateOutcome; report: SimulationReport | null }
  | { ok: false; message: string };

/** `workers` worker threads (1: this thread). */
export function threadExecutor(workers: number): CandidateExecutor {
  if (workers <= 1) return inThreadExecutor();
  const pool: Worker[] = [];
  for (let k = 0; k < workers; k++)
    pool.push(spawnTsWorker(new URL("./candidate-worker.ts", import.meta.url)));
  return {
    run(tasks, opts = {}) {
      return new Promise((resolve, reject) => {
        const out: CandidateOutcome[] = new Array(tasks.length);
        let next = 0;
        let done = 0;
        let finished = false;
        const cleanup: (() => void)[] = [];
        const stop = (error?: Error) => {
          if (finished) return;
          finished = true;
          for (const c of cleanup) c();
          if (error) reject(error);
          else resolve(out);
        };
        const onAbort = () => stop(new SimulationAbortedError());
        if (opts.signal?.aborted) return stop(new SimulationAbortedError());
        opts.signal?.addEventListener("abort", onAbort, { once: true });
        cleanup.push(() => opts.signal?.removeEventListener("abort", onAbort));
        if (tasks.length === 0) return stop();
        const feed = (w: Worker) => {
          if (next >= tasks.length) return;
          const i = next++;
          const onMessage = (msg: WorkerReply) => {
            w.off("error", onError);
            if (finished) return;
            if (!msg.ok) return stop(new Error(msg.message));
            out[i] = msg.outcome;
            done++;
            opts.onDone?.(msg.outcome, msg.report);
            if (done === tasks.length) stop();
            else feed(w);
          };
          const onError = (e: unknown) => {
            w.off("message", onMessage);
            stop(e instanceof Error ? e : new Error(String(e)));
          };
          w.once("message", onMessage);
          w.once("error", onError);
          cleanup.push(() => {
            w.off("message", onMessage);
            w.off("error", onError);
          });
          w.postMessage(tasks[i]);
        };
        for (const w of pool) feed(w);
      });
    },
    async close() {
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}
