// Entry of the child process that evaluates the candidates of one recommendation search on the embedded database
// (started by candidate-process-session.ts). It keeps its worker threads for the whole search (each thread keeps
// the engine loaded and its caches warm), takes batches one at a time, answers each outcome (with the report of a
// full evaluation) as it comes, then done or failed per batch; it ends when its parent disconnects.
// Messages: { type: "run", tasks } or { type: "abort" }.
import { threadExecutor } from "../../simulations/recommend/candidate-executor.ts";
import type { CandidateTask } from "../../simulations/recommend/candidate-task.ts";

type Request = { type: "run"; tasks: CandidateTask[] } | { type: "abort" };

const parent = process.send?.bind(process);
if (!parent) throw new Error("candidate-process must be started with an IPC channel");
const send = (msg: unknown) => new Promise<void>((resolve) => parent(msg, () => resolve()));

const workers = Number(process.argv[2] ?? 1);
const executor = threadExecutor(workers);
let controller = new AbortController();
process.on("message", async (msg: Request) => {
  if (msg.type === "abort") {
    controller.abort();
    return;
  }
  controller = new AbortController();
  try {
    await executor.run(msg.tasks, {
      signal: controller.signal,
      onDone: (outcome, report) => void send({ type: "outcome", outcome, report }),
    });
    await send({ type: "done" });
  } catch (e) {
    await send({ type: "failed", message: e instanceof Error ? e.message : String(e) });
  }
});
process.on("disconnect", () => {
  void executor.close().then(() => process.exit(0));
});
