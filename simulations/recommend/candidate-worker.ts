/**
 * Worker-thread entry of the thread executor: evaluates one candidate task per message and answers
 * its outcome, with the stress report of a full evaluation (or the error message). Started through
 * spawnTsWorker.
 */
import { parentPort } from "node:worker_threads";
import type { CandidateTask } from "./candidate-task.ts";
import { evaluateCandidate } from "./evaluate-candidate.ts";

const port = parentPort;
if (!port) throw new Error("candidate-worker must run in a worker thread");
port.on("message", async (task: CandidateTask) => {
  try {
    const { outcome, report } = await evaluateCandidate(task);
    // A full evaluation's report travels back so that a server can store it as an impact report.
    port.postMessage({ ok: true, outcome, report: task.stage === "full" ? report : null });
  } catch (e) {
    port.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
