// Starting the real app (`npm start` = scripts/start.ts) as a separate process, and talking to it over HTTP as a
// member's browser would: shared by the e2e fault tests and the load benchmark.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { PrivateKeyAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import type { AppRouter } from "../../server/api/root.ts";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Starts the app in its own process group (so it can be stopped, or killed like a crash, with everything it runs). */
export async function startApp(opts: { port: number; env: Record<string, string>; timeoutMs?: number }) {
  const child: ChildProcess = spawn("npx", ["tsx", "scripts/start.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(opts.port), ...opts.env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const base = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error("the app did not become healthy in time");
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    base,
    /** SIGTERM for a clean stop, SIGKILL for a crash. */
    stop: async (signal: NodeJS.Signals = "SIGTERM") => {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, signal);
        } catch {}
      }
      await new Promise((r) => setTimeout(r, 1_000));
    },
  };
}

/**
 * The app on a free port with a fresh embedded database of its own (a temporary folder that `stop` removes) and
 * no Snapshot hub, configured by `env`: for tests that need a differently configured app beside the shared one.
 */
export async function startAppOnOwnDatabase(name: string, env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), `marginlab-${name}-`));
  const app = await startApp({
    port: await freePort(),
    env: {
      DATABASE_URL: `pglite:${join(dataDir, "pglite")}`,
      SNAPSHOT_HUB_URL: "http://127.0.0.1:9", // nothing answers there
      ...env,
    },
  });
  return {
    base: app.base,
    stop: async () => {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A tRPC client that keeps its session cookie and sends our Origin, as a member's browser does. */
export function httpClient(base: string) {
  let cookie = "";
  const api = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${base}/api/trpc`,
        transformer: superjson,
        fetch: async (url, init) => {
          const res = await fetch(url, {
            ...init,
            headers: { ...(init?.headers as object), origin: base, cookie },
          });
          const set = res.headers.get("set-cookie");
          if (set) cookie = set.split(";")[0] ?? "";
          return res;
        },
      }),
    ],
  });
  return { api, cookie: () => cookie };
}

/** Signs in over HTTP with Sign-In with Ethereum; returns the client carrying the session. */
export async function signInOverHttp(base: string, account: PrivateKeyAccount) {
  const c = httpClient(base);
  const { chainId } = await c.api.system.info.query();
  const { nonce } = await c.api.auth.nonce.mutate();
  const message = createSiweMessage({
    address: account.address,
    chainId,
    domain: new URL(base).host,
    nonce,
    uri: base,
    version: "1",
  });
  await c.api.auth.signIn.mutate({ message, signature: await account.signMessage({ message }) });
  return c;
}
