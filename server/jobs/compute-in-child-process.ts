import { spawn } from "node:child_process";
import { join } from "node:path";
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
 * Node flags of the process a simulation runs in. --single-threaded: V8 collects garbage and compiles on the
 * thread that needs it; its helper threads would only compete with the simulation's own workers for the cores
 * (the same flag as `npm run marginlab` and `npm run bench`).
 */
export const SIMULATION_NODE_FLAGS = ["--single-threaded", "--import", "tsx"];

/**
 * Runs the simulation in a child process, so the process that owns the database and serves pages (the app with
 * the embedded database, or a pg-boss worker) stays responsive and keeps V8's defaults, and a run's memory is
 * returned when it ends. Paths come from the project root, not from this module's URL: inside Next's server
 * bundle that URL points into `.next/`, where the TypeScript sources are not.
 */
export const computeInChildProcess: ComputeSimulation = (inputs, { onProgress, signal }) => {
  const root = process.cwd();
  // spawn with an IPC channel is fork; fork itself fails `next build` (Turbopack resolves its path as a module
  // request: vercel/next.js#97952).
  const child = spawn(
    process.execPath,
    [...SIMULATION_NODE_FLAGS, join(root, "server/jobs/simulation-process.ts")],
    {
      cwd: root,
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  return new Promise<SimulationReport>((resolve, reject) => {
    const onAbort = () => {
      if (child.connected) child.send({ type: "abort" });
    };
    signal.addEventListener("abort", onAbort, { once: true });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      if (child.exitCode === null) child.kill();
      fn();
    };
    child.on("message", (msg: { type: string } & Record<string, unknown>) => {
      if (msg.type === "progress")
        onProgress({ fraction: msg.fraction as number, stage: msg.stage as string });
      else if (msg.type === "done") finish(() => resolve(msg.report as SimulationReport));
      else if (msg.type === "failed")
        finish(() => reject(signal.aborted ? new SimulationAborted() : new Error(msg.message as string)));
    });
    child.on("error", (e) => finish(() => reject(e)));
    child.on("exit", (code, sig) =>
      finish(() =>
        reject(new Error(`the simulation process ended (${sig ?? `exit code ${code}`}) before its report`)),
      ),
    );
    child.send({ type: "run", inputs });
    if (signal.aborted) onAbort();
  });
};
