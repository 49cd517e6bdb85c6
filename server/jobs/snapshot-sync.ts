import type { Db } from "../db/connect.ts";
import type { SnapshotConfig } from "../services/snapshot/snapshot-config.ts";
import { type SyncReport, syncSnapshotProposals } from "../services/snapshot/sync.ts";

export type SnapshotSync = { stop: () => Promise<void>; runOnce: () => Promise<SyncReport | null> };

/**
 * Syncs Snapshot votes every `intervalMs` in this process (the app's, and each `npm run worker`). A hub outage is
 * logged once when it starts and once when it ends, not every round.
 */
export function startSnapshotSync(
  db: Db,
  config: SnapshotConfig,
  opts: { intervalMs?: number; log?: (line: string) => void } = {},
): SnapshotSync {
  const intervalMs = opts.intervalMs ?? config.syncIntervalMs;
  const log = opts.log ?? ((line: string) => console.log(line));
  let stopped = false;
  let failing: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<SyncReport | null> = Promise.resolve(null);

  const round = async (): Promise<SyncReport | null> => {
    try {
      const report = await syncSnapshotProposals(db, config);
      if (failing) log(`snapshot sync: ${config.hubUrl} reachable again`);
      failing = null;
      for (const c of report.changes) log(`snapshot sync: proposal #${c.number} ${c.from} -> ${c.to}`);
      for (const id of report.recovered) log(`snapshot sync: recorded the submission of proposal ${id}`);
      for (const e of report.errors) log(`snapshot sync: ${e}`);
      return report;
    } catch (e) {
      const message = (e as Error).message;
      if (message !== failing) log(`snapshot sync: ${message}`);
      failing = message;
      return null;
    }
  };
  const schedule = () => {
    if (stopped || intervalMs <= 0) return;
    timer = setTimeout(() => {
      running = round().finally(schedule);
    }, intervalMs);
    // The sync never keeps a process alive on its own.
    timer.unref();
  };
  schedule();

  return {
    runOnce: () => {
      running = running.then(round, round);
      return running;
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => {});
    },
  };
}

const holder = globalThis as unknown as { __marginlabSnapshotSync?: SnapshotSync };

/** Starts this process's periodic sync once (Next may load the module more than once in a process). */
export function startSnapshotSyncOnce(db: Db, config: SnapshotConfig | undefined): void {
  if (!config || config.syncIntervalMs <= 0 || holder.__marginlabSnapshotSync) return;
  holder.__marginlabSnapshotSync = startSnapshotSync(db, config);
}
