/**
 * Everything the proposal page shows about enacting a proposal on chain: its lane judged against the registry's
 * steward bounds, the calldata and the Safe batch, the call checked against the contract (eth_call from the
 * sender: which field breaks which bound), and the registry before and after the call on a fork.
 */
import { BaseError, ContractFunctionRevertedError, type PublicClient } from "viem";
import { getModel } from "../../../simulations/models/registry.ts";
import { riskParameterRegistryAbi } from "../../chain/artifacts/risk-parameter-registry.ts";
import type { ChainConfig } from "../../chain/chain-config.ts";
import { type EnactmentCall, enactmentCall } from "../../chain/enactment-payload.ts";
import {
  decodeFieldValue,
  type EncodedParameterSet,
  encodeParameterSet,
  RegistryEncodingError,
} from "../../chain/registry-encoding.ts";
import { type RegistryState, readRegistryState } from "../../chain/registry-state.ts";
import { safeBatchFile } from "../../chain/safe-batch.ts";
import { classifyLane } from "../../chain/steward-lane.ts";
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import { readChain } from "./chain-reader.ts";
import { forkPreview } from "./fork-preview.ts";

/** A revert of the registry in words: "ChangeTooLarge(mmFactor, ...)" becomes which field broke which bound. */
export function describeRevert(e: unknown, model: string): string {
  const revert = e instanceof BaseError ? e.walk((x) => x instanceof ContractFunctionRevertedError) : null;
  if (!(revert instanceof ContractFunctionRevertedError) || !revert.data) {
    return (e as { shortMessage?: string }).shortMessage ?? String(e);
  }
  const { errorName, args = [] } = revert.data;
  const v = (name: unknown, x: unknown) => decodeFieldValue(model, String(name), x as bigint);
  switch (errorName) {
    case "ChangeTooLarge":
      return `${args[0]}: ${v(args[0], args[1])} -> ${v(args[0], args[2])} is beyond the steward bound of ${Number(args[3]) / 100}% per update`;
    case "TooSoon":
      return `${args[0]}: the steward may change it again only after ${new Date(Number(args[1]) * 1000).toISOString()}`;
    case "StewardCannotChange":
      return `${args[0]}: the steward may not change this field (no bound)`;
    case "UnknownField":
      return `${args[0]}: the registry does not hold this field (only the executor can add it)`;
    case "NotExecutor":
    case "NotSteward":
      return `${args[0]} is not the registry's ${errorName === "NotExecutor" ? "executor" : "steward"}`;
    default:
      return `${errorName}(${args.map(String).join(", ")})`;
  }
}

export async function proposalToEnact(db: Db, proposalId: string) {
  const proposal = await db.proposal.findUnique({
    where: { id: proposalId },
    select: { id: true, number: true, title: true, model: true, proposedParams: true, state: true },
  });
  if (!proposal) throw new AppError("NOT_FOUND", "no such proposal");
  let proposed: EncodedParameterSet;
  try {
    proposed = encodeParameterSet(proposal.model, proposal.proposedParams);
  } catch (e) {
    if (e instanceof RegistryEncodingError) {
      throw new AppError("CONFLICT", `the proposed set cannot be written to the registry: ${e.message}`, {
        field: e.field,
      });
    }
    throw e;
  }
  return { proposal, proposed };
}

async function checkCall(client: PublicClient, call: EnactmentCall, model: string) {
  try {
    await client.simulateContract({
      account: call.sender,
      address: call.to,
      abi: riskParameterRegistryAbi,
      functionName: call.functionName,
      args: call.args,
    });
    return { ok: true as const, error: null };
  } catch (e) {
    return { ok: false as const, error: describeRevert(e, model) };
  }
}

/** The registry's fields in words, for the before/after table. */
function fieldsInWords(model: string, state: RegistryState, names: string[]) {
  const held = new Map(state.fields.map((f) => [f.name, f.value]));
  return Object.fromEntries(
    names.map((n) => [n, held.has(n) ? decodeFieldValue(model, n, held.get(n)!) : null]),
  );
}

export async function proposalEnactment(db: Db, config: ChainConfig, proposalId: string) {
  const { proposal, proposed } = await proposalToEnact(db, proposalId);
  const model = getModel(proposal.model);
  return readChain(config, "the risk-parameter registry", async (client) => {
    const state = await readRegistryState(client, config.registry);
    const lane = classifyLane(proposed, state);
    const call = enactmentCall({ registry: config.registry, proposed, state, lane: lane.lane });
    const names = lane.fields.map((f) => f.name);
    const check =
      names.length > 0
        ? await checkCall(client, call, proposal.model)
        : { ok: false as const, error: "the registry already holds this set" };
    const preview = names.length > 0 ? await forkPreview(client, config.registry, call) : null;
    const labelOf = (name: string) => {
      const meta = model.fields[name] ?? model.fields[name.slice(0, name.lastIndexOf("."))];
      const key = meta && !model.fields[name] ? ` (${name.slice(name.lastIndexOf(".") + 1)})` : "";
      return meta ? `${meta.label}${key}` : name;
    };
    return {
      chainId: config.chainId,
      registry: config.registry,
      block: Number(state.block),
      lane: lane.lane,
      stewardReadyAt: lane.stewardReadyAt === null ? null : new Date(Number(lane.stewardReadyAt) * 1000),
      fields: lane.fields.map((f) => ({
        name: f.name,
        label: labelOf(f.name),
        current: f.current === null ? null : decodeFieldValue(proposal.model, f.name, f.current),
        proposed: decodeFieldValue(proposal.model, f.name, f.proposed),
        changePct: f.changeBps === null ? null : f.changeBps / 100,
        boundPct: f.maxChangeBps / 100,
        withinBound: f.withinBound,
        reason: f.reason,
      })),
      call: { to: call.to, sender: call.sender, functionName: call.functionName, data: call.data },
      check,
      preview:
        preview === null
          ? null
          : preview.available && !preview.reverted
            ? {
                available: true as const,
                before: fieldsInWords(proposal.model, state, names),
                after: fieldsInWords(proposal.model, preview.after, names),
                hashBefore: state.paramsHash,
                hashAfter: preview.after.paramsHash,
                matchesProposal:
                  preview.after.paramsHash === proposed.paramsHash &&
                  proposed.fields.every(
                    (f) => preview.after.fields.find((x) => x.name === f.name)?.value === f.value,
                  ),
              }
            : { available: false as const, reason: preview.reason },
      safeBatch: safeBatchFile({
        chainId: config.chainId,
        call,
        name: `MarginLab proposal #${proposal.number}`,
        description: `${proposal.title} (${lane.lane === "steward" ? "steward lane" : "full vote"}; set hash ${proposed.paramsHash})`,
        safeAddress: call.sender,
        createdAt: new Date(),
      }),
    };
  });
}
