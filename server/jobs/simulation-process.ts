// Entry of the child process that computes one simulation (started by compute-in-child-process.ts): it takes the
// inputs, answers progress, then done or failed, and ends. Messages: { type: "run", inputs } or { type: "abort" }.
import { runSimulation, type SimulationInputs } from "../../simulations/simulation/run-simulation.ts";

type Request = { type: "run"; inputs: SimulationInputs } | { type: "abort" };

const parent = process.send?.bind(process);
if (!parent) throw new Error("simulation-process must be started with an IPC channel");
const send = (msg: unknown) => new Promise<void>((resolve) => parent(msg, () => resolve()));

const controller = new AbortController();
// The parent is gone (a worker killed with SIGKILL): nobody will read the report, and the run is taken over
// elsewhere, so stop using the cores. Also fires after our own disconnect at the end, when all is sent.
process.on("disconnect", () => process.exit(0));
process.on("message", async (msg: Request) => {
  if (msg.type === "abort") {
    controller.abort();
    return;
  }
  try {
    const report = await runSimulation(msg.inputs, {
      signal: controller.signal,
      onProgress: (p) => void send({ type: "progress", ...p }),
    });
    await send({ type: "done", report });
  } catch (e) {
    await send({ type: "failed", message: e instanceof Error ? e.message : String(e) });
  }
  process.disconnect();
});
