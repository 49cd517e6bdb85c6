/**
 * Worker-thread entry of the simulation pool: receives the run context once, then tasks; answers
 * each task with its result (or the error message). Started through spawnTsWorker, so it runs from
 * a tsx process (the CLI, the server's job worker) as well as from plain node with tsx registered.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createTaskRunner, type RunContext, type SimTask } from "./sim-task.ts";

const port = parentPort;
if (!port) throw new Error("simulation-worker must run in a worker thread");
const run = createTaskRunner((workerData as { context: RunContext }).context);
port.on("message", (task: SimTask) => {
  try {
    port.postMessage({ ok: true, result: run(task) });
  } catch (e) {
    port.postMessage({ ok: false, index: task.index, message: e instanceof Error ? e.message : String(e) });
  }
});
