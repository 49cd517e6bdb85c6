// A local EVM chain for development, tests and the demo: Hardhat 2's network (the EDR engine, an npm package
// with a prebuilt binary for each platform) served over HTTP JSON-RPC on this machine, in this process.
// Accounts are Hardhat's well-known test accounts (mnemonic "test test ... junk"), each with 10,000 ETH:
// never use them on a real chain.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export const LOCAL_CHAIN_ID = 31337;

type Provider = { request(args: { method: string; params?: unknown[] }): Promise<unknown> };
type JsonRpcServer = {
  listen(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
};

export type LocalChain = {
  url: string;
  chainId: number;
  /** The in-process EIP-1193 provider (what the HTTP server serves). */
  provider: Provider;
  close(): Promise<void>;
};

const require = createRequire(import.meta.url);

/** Hardhat keeps one runtime environment per process: load it once, with our config. */
function hardhatProvider(): Provider {
  process.env.HARDHAT_CONFIG = fileURLToPath(new URL("./hardhat.config.cjs", import.meta.url));
  // No consent prompt and no error reports over the network.
  process.env.HARDHAT_DISABLE_TELEMETRY_PROMPT = "true";
  const hre = require("hardhat") as { network: { provider: Provider } };
  return hre.network.provider;
}

/**
 * Starts the chain's JSON-RPC server. Blocks are mined for each transaction and, when `blockIntervalMs` is
 * set, also on that interval (so block numbers advance like a live chain's, which a proposal's snapshot
 * block needs: ERC20Votes answers past votes only for blocks before the current one).
 */
export async function startLocalChain(
  opts: { port?: number; host?: string; blockIntervalMs?: number } = {},
): Promise<LocalChain> {
  const provider = hardhatProvider();
  const { JsonRpcServer } = require("hardhat/internal/hardhat-network/jsonrpc/server") as {
    JsonRpcServer: new (config: { hostname: string; port: number; provider: Provider }) => JsonRpcServer;
  };
  const host = opts.host ?? "127.0.0.1";
  const server = new JsonRpcServer({ hostname: host, port: opts.port ?? 8545, provider });
  const { port } = await server.listen();
  // EDR builds the chain on its first request (about a second): do it here, so the chain answers at once.
  await provider.request({ method: "eth_chainId" });
  if (opts.blockIntervalMs)
    await provider.request({ method: "evm_setIntervalMining", params: [opts.blockIntervalMs] });
  return {
    url: `http://${host}:${port}`,
    chainId: LOCAL_CHAIN_ID,
    provider,
    close: async () => {
      await provider.request({ method: "evm_setIntervalMining", params: [0] });
      await server.close();
      // The provider is one per process: the next chain started here begins from genesis again.
      await provider.request({ method: "hardhat_reset", params: [] });
    },
  };
}
