import { Worker } from "node:worker_threads";

const BOOTSTRAP = new URL("./tsx-bootstrap.mjs", import.meta.url);

/**
 * Starts a worker thread on a module of this project, given as a URL (e.g. `new URL("./x.ts", import.meta.url)`).
 * TypeScript modules go through a small bootstrap that registers tsx in the thread; the worker receives
 * `workerData` as usual (plus the `__entry` key the bootstrap reads).
 */
export function spawnTsWorker(entry: URL, workerData: Record<string, unknown> = {}): Worker {
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry, { workerData });
  return new Worker(BOOTSTRAP, { workerData: { ...workerData, __entry: entry.href } });
}
