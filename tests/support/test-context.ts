import { createCaller } from "../../server/api/root.ts";
import { createContext } from "../../server/api/trpc.ts";
import type { ServerConfig } from "../../server/config.ts";
import type { Db } from "../../server/db/connect.ts";

export const TEST_ORIGIN = "http://marginlab.test";

export const testConfig = (over: Partial<ServerConfig> = {}): ServerConfig => ({
  appUrl: TEST_ORIGIN,
  chainId: 1,
  sessionTtlHours: 24,
  adminAddresses: [],
  stewardAddresses: [],
  backingEndorsements: 2,
  ...over,
});

/** A tRPC caller as a browser on our origin would be, optionally carrying a session cookie. */
export async function callerFor(
  db: Db,
  opts: { config?: ServerConfig; sessionToken?: string; origin?: string } = {},
) {
  const headers = new Headers({ origin: opts.origin ?? TEST_ORIGIN, host: new URL(TEST_ORIGIN).host });
  if (opts.sessionToken) headers.set("cookie", `marginlab_session=${encodeURIComponent(opts.sessionToken)}`);
  const resHeaders = new Headers();
  const ctx = await createContext({ db, config: opts.config ?? testConfig(), headers, resHeaders });
  return { api: createCaller(ctx), resHeaders };
}
