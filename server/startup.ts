// Start-up of the Node server process (imported by instrumentation.ts): a bad environment stops the server with
// one line before it takes any request; the embedded job runner starts at once, so runs interrupted by a restart
// resume without waiting for a visitor.
import { serverConfigFromEnv } from "./config.ts";
import { parseEnv } from "./env.ts";
import { getJobQueue } from "./jobs/process-jobs.ts";

try {
  const env = parseEnv(process.env);
  if (
    serverConfigFromEnv(env).jobBackend === "embedded" &&
    process.env.NEXT_PHASE !== "phase-production-build"
  ) {
    void getJobQueue();
  }
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
