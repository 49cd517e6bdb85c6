// Worker-thread entry that computes one simulation, so the process that owns the database (the app with the
// embedded database, or a pg-boss worker) stays responsive. Messages: progress, then done or failed.
import { parentPort, workerData } from "node:worker_threads";
import { runSimulation, type SimulationInputs } from "../../simulations/simulation/run-simulation.ts";

const port = parentPort;
if (!port) throw new Error("simulation-thread must run in a worker thread");

const controller = new AbortController();
port.on("message", (msg: { type: string }) => {
  if (msg.type === "abort") controller.abort();
});

const { inputs, threads } = workerData as { inputs: SimulationInputs; threads?: number };
try {
  const report = await runSimulation(inputs, {
    threads,
    signal: controller.signal,
    onProgress: (p) => port.postMessage({ type: "progress", ...p }),
  });
  port.postMessage({ type: "done", report });
} catch (e) {
  port.postMessage({ type: "failed", message: e instanceof Error ? e.message : String(e) });
}
port.close();
