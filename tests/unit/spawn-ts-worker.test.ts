import { describe, expect, it } from "vitest";
import { spawnTsWorker } from "../../simulations/threads/spawn-ts-worker.ts";

describe("spawnTsWorker", () => {
  it("runs a TypeScript module in a worker thread and passes workerData through", async () => {
    const worker = spawnTsWorker(new URL("../fixtures/threads/echo-worker.ts", import.meta.url), {
      value: 20,
    });
    const reply = await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    expect(reply).toEqual({ doubled: 40 });
  });
});
