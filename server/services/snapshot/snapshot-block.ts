import { createPublicClient, http } from "viem";
import { AppError } from "../../errors/app-error.ts";
import { SnapshotUnavailable } from "./hub-client.ts";
import type { SnapshotConfig } from "./snapshot-config.ts";

/**
 * The snapshot block of a new proposal: the latest block of the space's chain, read through a viem public client
 * (voting power is measured at that block). The local hub serves a chain head, so this works offline.
 */
export async function latestSnapshotBlock(config: SnapshotConfig): Promise<number> {
  const client = createPublicClient({ transport: http(config.rpcUrl, { timeout: 10_000, retryCount: 1 }) });
  let chainId: number;
  let block: bigint;
  try {
    [chainId, block] = await Promise.all([client.getChainId(), client.getBlockNumber({ cacheTime: 0 })]);
  } catch (e) {
    throw new SnapshotUnavailable("chain RPC", config.rpcUrl, e);
  }
  if (String(chainId) !== config.network) {
    throw new AppError(
      "CONFLICT",
      `the RPC at ${config.rpcUrl} serves chain ${chainId}, but the Snapshot space's network is ${config.network} (SNAPSHOT_RPC_URL / SNAPSHOT_NETWORK)`,
    );
  }
  return Number(block);
}
