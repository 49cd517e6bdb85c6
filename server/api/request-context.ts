import "server-only";
import { serverConfigFromEnv } from "../config.ts";
import { getDb } from "../db.ts";
import { env } from "../env.ts";
import { createContext } from "./trpc.ts";

/** The tRPC context for a request served by Next (route handler or server component). */
export async function createRequestContext(headers: Headers, resHeaders?: Headers) {
  return createContext({ db: await getDb(), config: serverConfigFromEnv(env()), headers, resHeaders });
}
