// The app's HTTP server (started by scripts/start.ts for `npm start` and `npm run dev`): Next's request handler
// behind one step that decides, from the socket and TRUST_PROXY, who the client is and which host it reached
// (server/security/forwarded-headers.ts). `next start` alone cannot: it keeps any X-Forwarded-* a client sends.
import { createServer } from "node:http";
import next from "next";
import { parseEnv } from "../server/env.ts";
import { proxyTrustingHandler } from "../server/security/forwarded-headers.ts";

const dev = process.argv.includes("--dev");
const env = parseEnv(process.env);
const app = next({ dev, port: env.PORT });
const handle = app.getRequestHandler();
await app.prepare();

// WebSocket upgrades (the dev server's hot reload on /_next/hmr) Next attaches to this server itself, at the first
// request it handles.
const server = createServer(proxyTrustingHandler(handle, env.TRUST_PROXY));
server.listen(env.PORT, () => {
  const trust = env.TRUST_PROXY === 0 ? "no proxy trusted" : `${env.TRUST_PROXY} proxy hop(s) trusted`;
  console.log(`MarginLab on http://localhost:${env.PORT} (${dev ? "development" : "production"}; ${trust})`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    server.closeIdleConnections();
    void app.close().finally(() => process.exit(0));
  });
}
