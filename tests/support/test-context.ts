import { createCaller } from "../../server/api/root.ts";
import { createContext } from "../../server/api/trpc.ts";
import type { ServerConfig } from "../../server/config.ts";
import type { Db } from "../../server/db/connect.ts";
import type { JobQueue } from "../../server/jobs/job-queue.ts";

/** For tests that must not queue runs: queuing one fails the test. */
const noRunsExpected: JobQueue = {
  notify: async (runId) => {
    throw new Error(`this test did not expect run ${runId} to be queued`);
  },
};

export const TEST_ORIGIN = "http://marginlab.test";

export const testConfig = (over: Partial<ServerConfig> = {}): ServerConfig => ({
  appUrl: TEST_ORIGIN,
  trustedProxies: 0,
  demoData: true,
  chainId: 1,
  sessionTtlHours: 24,
  adminAddresses: [],
  stewardAddresses: [],
  backingEndorsements: 2,
  jobBackend: "embedded",
  runDefaults: { accounts: 200, paths: 0 },
  runLimits: { maxAccounts: 5_000, maxPaths: 100 },
  runStaleSeconds: 60,
  // Tests make many calls from one "IP"; the limits themselves are tested with small values.
  rateLimits: { auth: 100_000, write: 100_000, simulate: 100_000 },
  walletConnectProjectId: null,
  seedPreset: "span-grid-default",
  ...over,
});

/** A tRPC caller as a browser on our origin would be, optionally carrying a session cookie. */
export async function callerFor(
  db: Db,
  opts: {
    config?: ServerConfig;
    jobs?: JobQueue;
    sessionToken?: string;
    origin?: string;
    /** What the server believes it runs on (it picks the rate limiter by it). */
    databaseKind?: "pglite" | "postgresql";
    /** More request headers (forwarded ones, as a proxy or a forger sends them). */
    headers?: Record<string, string>;
  } = {},
) {
  const headers = new Headers({
    origin: opts.origin ?? TEST_ORIGIN,
    host: new URL(TEST_ORIGIN).host,
    ...opts.headers,
  });
  if (opts.sessionToken) headers.set("cookie", `marginlab_session=${encodeURIComponent(opts.sessionToken)}`);
  const resHeaders = new Headers();
  const ctx = await createContext({
    db,
    config: opts.config ?? testConfig(),
    jobs: opts.jobs ?? noRunsExpected,
    databaseKind: opts.databaseKind ?? "pglite",
    headers,
    resHeaders,
  });
  return { api: createCaller(ctx), resHeaders };
}
