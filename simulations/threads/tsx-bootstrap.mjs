// Entry of a worker thread that runs a TypeScript module: registers tsx's loader in this thread, then imports
// the module named in workerData.__entry. (`execArgv: ["--import", "tsx"]` does not reach worker threads.)
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.__entry);
