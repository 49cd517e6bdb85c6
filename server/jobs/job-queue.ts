/** How a queued simulation run reaches a worker: the embedded runner in this process, or pg-boss workers. */
export type JobQueue = {
  /** Called after the transaction that queued the run has committed. */
  notify(runId: string): Promise<void>;
  /** A recommendation search was queued (absent: searches wait for a process that runs them). */
  notifySearch?(searchId: string): Promise<void>;
};

export const SIMULATION_QUEUE = "simulation-run";
