import type { Env } from "./env.ts";

/** What the services need from the environment, in one object that tests can build directly. */
export type ServerConfig = {
  /** Public origin, when configured; otherwise each request's own Host is used. */
  appUrl: string | null;
  chainId: number;
  sessionTtlHours: number;
  adminAddresses: string[];
  stewardAddresses: string[];
  backingEndorsements: number;
};

export function serverConfigFromEnv(env: Env): ServerConfig {
  return {
    appUrl: env.APP_URL ?? null,
    chainId: env.SIWE_CHAIN_ID,
    sessionTtlHours: env.SESSION_TTL_HOURS,
    adminAddresses: env.ADMIN_ADDRESSES,
    stewardAddresses: env.STEWARD_ADDRESSES,
    backingEndorsements: env.BACKING_ENDORSEMENTS,
  };
}
