import { type ChainConfig, chainConfigFromEnv } from "./chain/chain-config.ts";
import type { Env } from "./env.ts";
import { type SnapshotConfig, snapshotConfigFromEnv } from "./services/snapshot/snapshot-config.ts";

/** What the services need from the environment, in one object that tests can build directly. */
export type ServerConfig = {
  /** Public origin, when configured; otherwise each request's own Host is used. */
  appUrl: string | null;
  /** Reverse proxies whose forwarded headers are believed (server/security/forwarded-headers.ts). */
  trustedProxies: number;
  /**
   * Whether this database carries the demo data: the demo wallets (public keys) hold roles only then. Otherwise
   * their addresses are plain members whatever a row says (server/services/auth/roles.ts).
   */
  demoData: boolean;
  chainId: number;
  sessionTtlHours: number;
  adminAddresses: string[];
  stewardAddresses: string[];
  backingEndorsements: number;
  jobBackend: "embedded" | "pg-boss";
  runDefaults: { accounts: number; paths: number };
  runLimits: { maxAccounts: number; maxPaths: number };
  /** A running run whose worker has not beaten for this long is taken over (RUN_STALE_SECONDS). */
  runStaleSeconds: number;
  /** Requests per minute per address (or per IP before sign-in). */
  rateLimits: { auth: number; write: number; simulate: number };
  /** Where backed proposals go to vote. Absent only in contexts that never talk to Snapshot (some tests). */
  snapshot?: SnapshotConfig;
  /** Reown (WalletConnect) project id; null: WalletConnect is not offered. */
  walletConnectProjectId: string | null;
  /** The preset (registry id) an empty database's live set is seeded from. */
  seedPreset: string;
  /** The DAO's governance contracts; null or absent: on-chain governance is off. */
  chain?: ChainConfig | null;
};

export function serverConfigFromEnv(env: Env): ServerConfig {
  return {
    appUrl: env.APP_URL ?? null,
    trustedProxies: env.TRUST_PROXY,
    demoData:
      env.SEED_DEMO_DATA === "auto" ? env.DATABASE_URL.kind === "pglite" : env.SEED_DEMO_DATA === "on",
    chainId: env.SIWE_CHAIN_ID,
    sessionTtlHours: env.SESSION_TTL_HOURS,
    adminAddresses: env.ADMIN_ADDRESSES,
    stewardAddresses: env.STEWARD_ADDRESSES,
    backingEndorsements: env.BACKING_ENDORSEMENTS,
    // The embedded database lives in one process, so its runs must too; PostgreSQL deployments use pg-boss.
    jobBackend: env.JOB_BACKEND ?? (env.DATABASE_URL.kind === "pglite" ? "embedded" : "pg-boss"),
    runDefaults: { accounts: env.RUN_DEFAULT_ACCOUNTS, paths: env.RUN_DEFAULT_PATHS },
    runLimits: { maxAccounts: env.RUN_MAX_ACCOUNTS, maxPaths: env.RUN_MAX_PATHS },
    runStaleSeconds: env.RUN_STALE_SECONDS,
    rateLimits: { auth: env.RATE_LIMIT_AUTH, write: env.RATE_LIMIT_WRITE, simulate: env.RATE_LIMIT_SIMULATE },
    snapshot: snapshotConfigFromEnv(env),
    walletConnectProjectId: env.WALLETCONNECT_PROJECT_ID ?? null,
    seedPreset: env.SEED_PRESET,
    chain: chainConfigFromEnv(env),
  };
}
