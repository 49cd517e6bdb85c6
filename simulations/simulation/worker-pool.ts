/**
 * Runs tasks on `threads` worker threads (or in this thread when threads = 1), handing the next task
 * to whichever worker is free, reporting progress as tasks finish, and stopping every worker on abort
 * or on the first failure. Results come back indexed by task, so their order never depends on timing.
 *
 * The pool starts its workers when it is created and takes its tasks later: a worker spends a few
 * hundred milliseconds loading the engine, which then overlaps the caller's own preparation. Tasks
 * whose inputs take long to build (Monte Carlo paths need the model calibration, seconds of work)
 * come from `more`, which runs in this thread once the workers have two tasks each in hand.
 */
import type { Worker } from "node:worker_threads";
import { spawnTsWorker } from "../threads/spawn-ts-worker.ts";
import { createTaskRunner, type RunContext, type SimTask, type TaskResult } from "./sim-task.ts";

export class SimulationAbortedError extends Error {
  constructor() {
    super("simulation aborted");
    this.name = "AbortError";
  }
}

export type TaskPool = {
  /** Runs the tasks (once per pool); the workers stop when it settles. */
  run(args: {
    tasks: SimTask[];
    /** Builds further tasks while the workers run the first ones (indices continue the numbering). */
    more?: () => SimTask[];
    onTaskDone?: (task: SimTask, result: TaskResult) => void;
    signal?: AbortSignal;
  }): Promise<TaskResult[]>;
  /** Stops the workers of a pool whose tasks will not be run (the caller failed before). */
  close(): void;
};

function inThreadPool(context: RunContext): TaskPool {
  return {
    async run({ tasks, more, onTaskDone, signal }) {
      const all = [...tasks, ...(more?.() ?? [])];
      const results: TaskResult[] = new Array(all.length);
      const run = createTaskRunner(context);
      for (const task of all) {
        // Yield between tasks so progress reaches the caller and an abort is seen promptly.
        await new Promise((r) => setImmediate(r));
        if (signal?.aborted) throw new SimulationAbortedError();
        const result = run(task);
        results[task.index] = result;
        onTaskDone?.(task, result);
      }
      return results;
    },
    close() {},
  };
}

type WorkerMessage = { ok: true; result: TaskResult } | { ok: false; index: number; message: string };

export function startTaskPool(args: { context: RunContext; threads: number }): TaskPool {
  if (args.threads <= 1) return inThreadPool(args.context);
  const workers: Worker[] = [];
  for (let k = 0; k < args.threads; k++) {
    workers.push(
      spawnTsWorker(new URL("./simulation-worker.ts", import.meta.url), { context: args.context }),
    );
  }
  // A worker that fails while the pool waits for its tasks is reported when they are run.
  let earlyFailure: Error | null = null;
  const onEarlyError = (e: unknown) => {
    earlyFailure ??= e instanceof Error ? e : new Error(String(e));
  };
  const onEarlyExit = (code: number) => {
    if (code !== 0) earlyFailure ??= new Error(`simulation worker exited with code ${code}`);
  };
  for (const w of workers) w.on("error", onEarlyError).on("exit", onEarlyExit);
  const close = () => {
    for (const w of workers) void w.terminate();
  };

  return {
    close,
    run({ tasks: first, more, onTaskDone, signal }) {
      for (const w of workers) w.off("error", onEarlyError).off("exit", onEarlyExit);
      const tasks = [...first];
      const byIndex = new Map(tasks.map((t) => [t.index, t]));
      const results: TaskResult[] = [];
      return new Promise<TaskResult[]>((resolve, reject) => {
        let next = 0;
        let done = 0;
        let finished = false;
        const stop = (error?: Error) => {
          if (finished) return;
          finished = true;
          signal?.removeEventListener("abort", onAbort);
          close();
          if (error) reject(error);
          else resolve(results);
        };
        const onAbort = () => stop(new SimulationAbortedError());
        if (signal?.aborted) return stop(new SimulationAbortedError());
        if (earlyFailure) return stop(earlyFailure);
        signal?.addEventListener("abort", onAbort, { once: true });
        const inHand = new Map<Worker, number>(workers.map((w) => [w, 0]));
        const feed = (w: Worker) => {
          if (next >= tasks.length) return;
          w.postMessage(tasks[next++]);
          inHand.set(w, inHand.get(w)! + 1);
        };
        for (const w of workers) {
          w.on("message", (msg: WorkerMessage) => {
            if (finished) return;
            if (!msg.ok) {
              stop(new Error(msg.message));
              return;
            }
            results[msg.result.index] = msg.result;
            done++;
            inHand.set(w, inHand.get(w)! - 1);
            onTaskDone?.(byIndex.get(msg.result.index)!, msg.result);
            if (done === tasks.length) stop();
            else if (inHand.get(w) === 0) feed(w);
          });
          w.on("error", (e) => stop(e instanceof Error ? e : new Error(String(e))));
          w.on("exit", (code) => {
            if (!finished && code !== 0) stop(new Error(`simulation worker exited with code ${code}`));
          });
        }
        // Two tasks each while `more` keeps this thread busy: the workers' answers are only handled
        // once this function has returned, so no task can be seen finished before all are known.
        for (let k = 0; k < (more ? 2 : 1); k++) for (const w of workers) feed(w);
        if (more) {
          try {
            for (const t of more()) {
              tasks.push(t);
              byIndex.set(t.index, t);
            }
          } catch (e) {
            stop(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          // (An abort signalled from inside `more`, by a progress callback, has already stopped the run.)
          if (finished) return;
          for (const w of workers) if (inHand.get(w) === 0) feed(w);
        }
        if (tasks.length === 0) stop();
      });
    },
  };
}
