// Entry of the child process that evaluates a batch of candidates of a recommendation search on the embedded
// database (started by compute-candidates-in-child-process.ts): it takes the tasks, evaluates them on its worker
// threads, answers each outcome (with the report of a full evaluation) as it comes, then done or failed, and ends.
import { threadExecutor } from "../../simulations/recommend/candidate-executor.ts";
import type { CandidateTask } from "../../simulations/recommend/candidate-task.ts";

type Request = { type: "run"; tasks: CandidateTask[]; workers: number } | { type: "abort" };

const parent = process.send?.bind(process);
if (!parent) throw new Error("candidate-process must be started with an IPC channel");
const send = (msg: unknown) => new Promise<void>((resolve) => parent(msg, () => resolve()));

const controller = new AbortController();
process.on("message", async (msg: Request) => {
  if (msg.type === "abort") {
    controller.abort();
    return;
  }
  const executor = threadExecutor(msg.workers);
  try {
    await executor.run(msg.tasks, {
      signal: controller.signal,
      onDone: (outcome, report) => void send({ type: "outcome", outcome, report }),
    });
    await send({ type: "done" });
  } catch (e) {
    await send({ type: "failed", message: e instanceof Error ? e.message : String(e) });
  } finally {
    await executor.close();
  }
  process.disconnect();
});
