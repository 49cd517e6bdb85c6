import { createPublicClient, http, type PublicClient } from "viem";
import type { ChainConfig } from "../../chain/chain-config.ts";
import { AppError } from "../../errors/app-error.ts";

const clients = new Map<string, PublicClient>();

function clientFor(rpcUrl: string): PublicClient {
  let client = clients.get(rpcUrl);
  if (!client) {
    // No block-number cache: a power check must see the block it names, not one up to 4 s old.
    client = createPublicClient({
      transport: http(rpcUrl, { timeout: 10_000, retryCount: 1 }),
      cacheTime: 0,
      pollingInterval: 250,
    });
    clients.set(rpcUrl, client);
  }
  return client;
}

const oneLine = (e: unknown) =>
  ((e as { shortMessage?: string }).shortMessage ?? (e as Error).message ?? String(e))
    .replace(/\s*\n\s*/g, " ")
    .trim();

/**
 * Runs reads against the configured chain after checking that it is the configured chain: a chain that is down,
 * answers another chain id, or answers garbage gives one UNAVAILABLE error naming the RPC and what was being
 * read, and nothing has been written.
 */
export async function readChain<T>(
  config: ChainConfig,
  what: string,
  read: (client: PublicClient) => Promise<T>,
): Promise<T> {
  const client = clientFor(config.rpcUrl);
  let chainId: number;
  try {
    chainId = await client.getChainId();
  } catch (e) {
    throw new AppError("UNAVAILABLE", `the chain at ${config.rpcUrl} did not answer (${oneLine(e)})`, {
      cause: e,
    });
  }
  if (chainId !== config.chainId) {
    throw new AppError(
      "UNAVAILABLE",
      `the RPC at ${config.rpcUrl} serves chain ${chainId}, not CHAIN_ID ${config.chainId}: nothing was read or written`,
    );
  }
  try {
    return await read(client);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(
      "UNAVAILABLE",
      `could not read ${what} from the chain at ${config.rpcUrl}: ${oneLine(e)}`,
      {
        cause: e,
      },
    );
  }
}
