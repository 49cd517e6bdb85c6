import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { SimulationInputs, SimulationReport } from "../../simulations/simulation/run-simulation.ts";

export type Progress = { fraction: number; stage: string };
export type ComputeSimulation = (
  inputs: SimulationInputs,
  opts: { onProgress: (p: Progress) => void; signal: AbortSignal },
) => Promise<SimulationReport>;

export class SimulationAborted extends Error {
  constructor() {
    super("the run was cancelled");
  }
}

/**
 * Runs the simulation in a worker thread. Paths come from the project root, not from this module's URL: inside
 * Next's server bundle that URL points into `.next/`, where the TypeScript sources are not.
 */
export const computeInThread: ComputeSimulation = (inputs, { onProgress, signal }) => {
  const root = process.cwd();
  const worker = new Worker(pathToFileURL(join(root, "simulations/threads/tsx-bootstrap.mjs")), {
    workerData: { inputs, __entry: pathToFileURL(join(root, "server/jobs/simulation-thread.ts")).href },
  });
  return new Promise<SimulationReport>((resolve, reject) => {
    const onAbort = () => worker.postMessage({ type: "abort" });
    signal.addEventListener("abort", onAbort, { once: true });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      void worker.terminate();
      fn();
    };
    worker.on("message", (msg: { type: string } & Record<string, unknown>) => {
      if (msg.type === "progress")
        onProgress({ fraction: msg.fraction as number, stage: msg.stage as string });
      else if (msg.type === "done") finish(() => resolve(msg.report as SimulationReport));
      else if (msg.type === "failed")
        finish(() => reject(signal.aborted ? new SimulationAborted() : new Error(msg.message as string)));
    });
    worker.on("error", (e) => finish(() => reject(e)));
    worker.on("exit", (code) =>
      finish(() => reject(new Error(`the simulation thread exited with code ${code}`))),
    );
  });
};
