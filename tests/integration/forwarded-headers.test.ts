// Forwarded headers through a real HTTP server: the app's server step (proxyTrustingHandler, as scripts/serve.ts
// runs it in front of Next) and the tRPC router with its per-IP rate limit, on each database. A client that sends
// a new X-Forwarded-For on every request must still be one client unless a trusted proxy said so.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../../server/api/root.ts";
import { createContext } from "../../server/api/trpc.ts";
import { proxyTrustingHandler } from "../../server/security/forwarded-headers.ts";
import { testConfig } from "../support/test-context.ts";
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from "../support/test-databases.ts";

describe.each(testDatabaseKinds)("forwarded headers over HTTP on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function serve(trustedProxies: number): Promise<{ url: string; server: Server }> {
    const config = testConfig({ trustedProxies, rateLimits: { auth: 3, write: 3, simulate: 3 } });
    const trpc = createHTTPHandler({
      router: appRouter,
      createContext: ({ req }) =>
        createContext({
          db: database.db,
          config,
          jobs: { notify: async () => {} },
          databaseKind: kind,
          headers: new Headers(
            Object.entries(req.headers).map(([k, v]): [string, string] => [
              k,
              Array.isArray(v) ? v.join(", ") : (v ?? ""),
            ]),
          ),
        }),
    });
    const server = createServer(proxyTrustingHandler(trpc, trustedProxies));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
  }

  const nonce = (url: string, forwardedFor: string) =>
    fetch(`${url}/auth.nonce`, {
      method: "POST",
      headers: { "x-forwarded-for": forwardedFor, "content-type": "application/json" },
    }).then((r) => r.status);

  it("with no trusted proxy, a new X-Forwarded-For each time does not buy a new bucket", async () => {
    const { url, server } = await serve(0);
    try {
      const statuses = [];
      for (let i = 1; i <= 5; i++) statuses.push(await nonce(url, `198.51.100.${i}`));
      // The socket's address (127.0.0.1) is the client: 3 per minute, then 429.
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      server.close();
    }
  });

  it("behind one trusted proxy, the address that proxy appended is the client", async () => {
    const { url, server } = await serve(1);
    try {
      // Each request as the proxy forwards it: whatever the client claimed, then the address the proxy saw.
      const statuses = [];
      for (let i = 1; i <= 4; i++) statuses.push(await nonce(url, `203.0.113.9, 192.0.2.${i}`));
      expect(statuses).toEqual([200, 200, 200, 200]);
      // One client seen by the proxy, whatever it claims to the left, gets one bucket.
      const same = [];
      for (let i = 1; i <= 4; i++) same.push(await nonce(url, `10.0.0.${i}, 192.0.2.200`));
      expect(same).toEqual([200, 200, 200, 429]);
    } finally {
      server.close();
    }
  });
});
