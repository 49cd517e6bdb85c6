import type { PublicClient } from "viem";
import { riskParameterRegistryAbi } from "./artifacts/risk-parameter-registry.ts";

/** What the registry holds: every field with its value, steward bound and last change, and the set's hash. */
export type RegistryState = {
  fields: { name: string; value: bigint; maxChangeBps: number; updatedAt: bigint }[];
  paramsHash: `0x${string}`;
  minDelaySeconds: bigint;
  version: bigint;
  executor: `0x${string}`;
  steward: `0x${string}`;
  /** Block and timestamp the state was read at. */
  block: bigint;
  timestamp: bigint;
};

export async function readRegistryState(
  client: PublicClient,
  registry: `0x${string}`,
  blockNumber?: bigint,
): Promise<RegistryState> {
  const block = await client.getBlock(blockNumber === undefined ? { blockTag: "latest" } : { blockNumber });
  const at = { address: registry, abi: riskParameterRegistryAbi, blockNumber: block.number } as const;
  const [[names, values, bounds, updatedAt], paramsHash, minDelaySeconds, version, executor, steward] =
    await Promise.all([
      client.readContract({ ...at, functionName: "getFields" }),
      client.readContract({ ...at, functionName: "paramsHash" }),
      client.readContract({ ...at, functionName: "minDelay" }),
      client.readContract({ ...at, functionName: "version" }),
      client.readContract({ ...at, functionName: "executor" }),
      client.readContract({ ...at, functionName: "steward" }),
    ]);
  return {
    fields: names.map((name, i) => ({
      name,
      value: values[i]!,
      maxChangeBps: bounds[i]!,
      updatedAt: updatedAt[i]!,
    })),
    paramsHash,
    minDelaySeconds,
    version,
    executor,
    steward,
    block: block.number,
    timestamp: block.timestamp,
  };
}
