/**
 * Runs tasks on `threads` worker threads (or in this thread when threads = 1), handing the next task
 * to whichever worker is free, reporting progress as tasks finish, and stopping every worker on abort
 * or on the first failure. Results come back indexed by task, so their order never depends on timing.
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

export async function runTasks(args: {
  context: RunContext;
  tasks: SimTask[];
  threads: number;
  onTaskDone?: (task: SimTask, result: TaskResult) => void;
  signal?: AbortSignal;
}): Promise<TaskResult[]> {
  const { context, tasks, signal } = args;
  const results: TaskResult[] = new Array(tasks.length);
  if (signal?.aborted) throw new SimulationAbortedError();
  const threads = Math.max(1, Math.min(args.threads, tasks.length));
  if (threads <= 1) {
    const run = createTaskRunner(context);
    for (const task of tasks) {
      // Yield between tasks so progress reaches the caller and an abort is seen promptly.
      await new Promise((r) => setImmediate(r));
      if (signal?.aborted) throw new SimulationAbortedError();
      const result = run(task);
      results[task.index] = result;
      args.onTaskDone?.(task, result);
    }
    return results;
  }

  const workers: Worker[] = [];
  return new Promise<TaskResult[]>((resolve, reject) => {
    let next = 0;
    let done = 0;
    let finished = false;
    const stop = (error?: Error) => {
      if (finished) return;
      finished = true;
      signal?.removeEventListener("abort", onAbort);
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    const onAbort = () => stop(new SimulationAbortedError());
    signal?.addEventListener("abort", onAbort, { once: true });
    const feed = (w: Worker) => {
      if (next < tasks.length) w.postMessage(tasks[next++]);
    };
    for (let k = 0; k < threads; k++) {
      const w = spawnTsWorker(new URL("./simulation-worker.ts", import.meta.url), { context });
      workers.push(w);
      w.on(
        "message",
        (msg: { ok: true; result: TaskResult } | { ok: false; index: number; message: string }) => {
          if (finished) return;
          if (!msg.ok) {
            stop(new Error(msg.message));
            return;
          }
          results[msg.result.index] = msg.result;
          done++;
          args.onTaskDone?.(tasks[msg.result.index]!, msg.result);
          if (done === tasks.length) stop();
          else feed(w);
        },
      );
      w.on("error", (e) => stop(e instanceof Error ? e : new Error(String(e))));
      w.on("exit", (code) => {
        if (!finished && code !== 0) stop(new Error(`simulation worker exited with code ${code}`));
      });
      feed(w);
    }
  });
}
