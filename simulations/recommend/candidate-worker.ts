/**
 * Worker-thread entry of the thread executor: evaluates one candidate task per message and answers
 * its outcome (or the error message). Started through spawnTsWorker.
 */
import { parentPort } from "node:worker_threads";
import { type CandidateTask, evaluateCandidate } from "./candidate-task.ts";

const port = parentPort;
if (!port) throw new Error("candidate-worker must run in a worker thread");
port.on("message", async (task: CandidateTask) => {
  try {
    const { outcome } = await evaluateCandidate(task);
    port.postMessage({ ok: true, outcome });
  } catch (e) {
    port.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
