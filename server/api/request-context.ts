import "server-only";
import { serverConfigFromEnv } from "../config.ts";
import { getConnection } from "../db.ts";
import { env } from "../env.ts";
import { getJobQueue } from "../jobs/process-jobs.ts";
import { createContext } from "./trpc.ts";

/** The tRPC context for a request served by Next (route handler or server component). */
export async function createRequestContext(headers: Headers, resHeaders?: Headers) {
  const { db, target } = await getConnection();
  return createContext({
    db,
    databaseKind: target.kind,
    config: serverConfigFromEnv(env()),
    jobs: await getJobQueue(),
    headers,
    resHeaders,
  });
}
