// Start-up checks of the Node server process (imported by instrumentation.ts): a bad environment stops the
// server with one line before it takes any request.
import { parseEnv } from "./env.ts";

try {
  parseEnv(process.env);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
