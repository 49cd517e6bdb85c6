import type { ServerConfig } from "../../server/config.ts";
import type { Db } from "../../server/db/connect.ts";
import type { JobQueue } from "../../server/jobs/job-queue.ts";
import { callerFor, testConfig } from "./test-context.ts";
import { siweMessage, type TestAccount } from "./wallets.ts";

/** Signs in through the real SIWE procedures and returns a caller carrying that session's cookie. */
export async function signInAs(
  db: Db,
  account: TestAccount,
  opts: { config?: ServerConfig; jobs?: JobQueue } = {},
) {
  const config = opts.config ?? testConfig();
  const anon = await callerFor(db, { config, jobs: opts.jobs });
  const { nonce } = await anon.api.auth.nonce();
  const message = siweMessage(account, nonce);
  await anon.api.auth.signIn({ message, signature: await account.signMessage({ message }) });
  const cookie = anon.resHeaders.get("set-cookie") ?? "";
  const token = decodeURIComponent(/marginlab_session=([^;]+)/.exec(cookie)?.[1] ?? "");
  /** A fresh caller each time, so a role granted meanwhile is seen. */
  return () => callerFor(db, { config, jobs: opts.jobs, sessionToken: token }).then((c) => c.api);
}
