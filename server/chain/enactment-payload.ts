/**
 * The transaction that enacts a proposed parameter set on the registry: the fields whose value differs from the
 * registry's, and the set's hash, as calldata of `setParameters` (the DAO executor's call) or
 * `stewardSetParameters` (the steward lane), encoded with viem from the registry's ABI.
 */
import { encodeFunctionData, getAbiItem } from "viem";
import { riskParameterRegistryAbi } from "./artifacts/risk-parameter-registry.ts";
import type { EncodedParameterSet } from "./registry-encoding.ts";
import type { RegistryState } from "./registry-state.ts";
import type { LaneVerdict } from "./steward-lane.ts";

export type EnactmentCall = {
  to: `0x${string}`;
  functionName: "setParameters" | "stewardSetParameters";
  args: readonly [string[], bigint[], `0x${string}`];
  data: `0x${string}`;
  /** Who may send it: the registry's executor, or its steward for the steward lane. */
  sender: `0x${string}`;
};

export function enactmentCall(input: {
  registry: `0x${string}`;
  proposed: EncodedParameterSet;
  state: RegistryState;
  lane: LaneVerdict["lane"];
}): EnactmentCall {
  const held = new Map(input.state.fields.map((f) => [f.name, f.value]));
  const changed = input.proposed.fields.filter((f) => held.get(f.name) !== f.value);
  const functionName = input.lane === "steward" ? "stewardSetParameters" : "setParameters";
  const args = [changed.map((f) => f.name), changed.map((f) => f.value), input.proposed.paramsHash] as const;
  return {
    to: input.registry,
    functionName,
    args,
    data: encodeFunctionData({ abi: riskParameterRegistryAbi, functionName, args }),
    sender: input.lane === "steward" ? input.state.steward : input.state.executor,
  };
}

/** The ABI entry of the call, as Safe's Transaction Builder describes a contract method. */
export function contractMethodOf(functionName: EnactmentCall["functionName"]) {
  const item = getAbiItem({ abi: riskParameterRegistryAbi, name: functionName });
  return {
    inputs: item.inputs.map((i) => ({ internalType: i.internalType, name: i.name, type: i.type })),
    name: item.name,
    payable: false,
  };
}
