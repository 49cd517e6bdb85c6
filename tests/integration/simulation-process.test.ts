import { describe, expect, it } from "vitest";
import { computeInChildProcess, SimulationAborted } from "../../server/jobs/compute-in-child-process.ts";
import { runSimulation } from "../../simulations/simulation/run-simulation.ts";
import { parseSimulationInputs } from "../../simulations/simulation/simulation-inputs.ts";

// What the app and `npm run worker` do with a queued run: compute it in a child process of its own.
const inputs = parseSimulationInputs({
  live: {},
  proposed: { priceScanRange: 0.2 },
  accounts: 120,
  paths: 0,
  windows: ["2022-11-ftx"],
  seed: 7,
  volSpikes: null,
  frontier: { values: [] },
});

describe("a simulation in a child process", () => {
  it("answers progress and the same report as in this process", async () => {
    const stages: string[] = [];
    const report = await computeInChildProcess(inputs, {
      onProgress: (p) => stages.push(p.stage),
      signal: new AbortController().signal,
    });
    expect(report.reportHash).toBe((await runSimulation(inputs)).reportHash);
    expect(stages[0]).toBe("validating inputs");
    expect(stages.at(-1)).toBe("done");
  }, 60_000);

  it("is cancelled by the signal, and a failure inside it is reported with its reason", async () => {
    const controller = new AbortController();
    const cancelled = computeInChildProcess(
      { ...inputs, windows: ["all"] },
      {
        onProgress: (p) => p.stage.startsWith("simulating") && controller.abort(),
        signal: controller.signal,
      },
    );
    await expect(cancelled).rejects.toBeInstanceOf(SimulationAborted);
    // Inputs that never went through validation: the process answers the validation error, not a crash.
    const bad = { ...inputs, accounts: 0 } as typeof inputs;
    await expect(
      computeInChildProcess(bad, { onProgress: () => {}, signal: new AbortController().signal }),
    ).rejects.toThrow("accounts: must be at least 1");
  }, 60_000);
});
