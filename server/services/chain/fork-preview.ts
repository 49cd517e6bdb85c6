/**
 * Executes an enactment call on a throwaway copy of the chain's state (evm_snapshot / evm_revert, as Hardhat's
 * and Anvil's development chains offer) and reads the registry after it: voters see what the transaction will do,
 * read from the contract, not what the app expects it to do. Nothing it does survives the revert.
 */
import type { PublicClient } from "viem";
import type { EnactmentCall } from "../../chain/enactment-payload.ts";
import { type RegistryState, readRegistryState } from "../../chain/registry-state.ts";

type Rpc = (args: { method: string; params?: unknown[] }) => Promise<unknown>;

export type ForkPreview =
  | { available: true; reverted: false; after: RegistryState }
  | { available: true; reverted: true; reason: string }
  | { available: false; reason: string };

// One preview at a time per process: a second snapshot inside the first's window would be reverted with it.
let queue: Promise<unknown> = Promise.resolve();

export function forkPreview(
  client: PublicClient,
  registry: `0x${string}`,
  call: EnactmentCall,
): Promise<ForkPreview> {
  const run = queue.then(() => previewOnce(client, registry, call));
  queue = run.catch(() => undefined);
  return run;
}

async function previewOnce(
  client: PublicClient,
  registry: `0x${string}`,
  call: EnactmentCall,
): Promise<ForkPreview> {
  const rpc = client.request as unknown as Rpc;
  let snapshot: unknown;
  try {
    snapshot = await rpc({ method: "evm_snapshot" });
  } catch {
    return {
      available: false,
      reason: "this chain cannot snapshot its state (evm_snapshot): use a development fork",
    };
  }
  try {
    await rpc({ method: "hardhat_impersonateAccount", params: [call.sender] });
    // Gas money for the sender inside the snapshot only (a Safe or timelock may hold no ETH).
    await rpc({ method: "hardhat_setBalance", params: [call.sender, "0xde0b6b3a7640000"] });
    let hash: `0x${string}`;
    try {
      hash = (await rpc({
        method: "eth_sendTransaction",
        params: [{ from: call.sender, to: call.to, data: call.data }],
      })) as `0x${string}`;
    } catch (e) {
      return {
        available: true,
        reverted: true,
        reason: (e as { shortMessage?: string }).shortMessage ?? String(e),
      };
    }
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== "success")
      return { available: true, reverted: true, reason: "the transaction reverted" };
    return { available: true, reverted: false, after: await readRegistryState(client, registry) };
  } finally {
    await rpc({ method: "evm_revert", params: [snapshot] });
    await rpc({ method: "hardhat_stopImpersonatingAccount", params: [call.sender] }).catch(() => undefined);
  }
}
