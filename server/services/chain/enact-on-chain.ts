/**
 * Enactment that the chain confirms: the executor sends the payload, the app reads the registry back, and only
 * when the chain's parameters and hash equal the proposal's does the set become live in the app. A retry after a
 * failure half-way (transaction mined, database not written) sends nothing and completes the enactment.
 */
import { createWalletClient, defineChain, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { riskParameterRegistryAbi } from "../../chain/artifacts/risk-parameter-registry.ts";
import type { ChainConfig } from "../../chain/chain-config.ts";
import { enactmentCall } from "../../chain/enactment-payload.ts";
import {
  decodeFieldValue,
  type EncodedParameterSet,
  encodeParameterSet,
} from "../../chain/registry-encoding.ts";
import { type RegistryState, readRegistryState } from "../../chain/registry-state.ts";
import type { Db } from "../../db/connect.ts";
import { AppError } from "../../errors/app-error.ts";
import { requireLiveParameterSet } from "../parameters/live-parameter-set.ts";
import { enactProposal } from "../proposals/lifecycle.ts";
import { canTransition } from "../proposals/proposal-states.ts";
import { readChain } from "./chain-reader.ts";
import { describeRevert, proposalToEnact } from "./proposal-enactment.ts";

/** Fields where the registry differs from a set (empty: the chain holds exactly that set). */
export function registryDifferences(model: string, set: EncodedParameterSet, state: RegistryState) {
  const held = new Map(state.fields.map((f) => [f.name, f.value]));
  const fields = set.fields
    .filter((f) => held.get(f.name) !== f.value)
    .map((f) => ({
      name: f.name,
      app: decodeFieldValue(model, f.name, f.value),
      chain: held.has(f.name) ? decodeFieldValue(model, f.name, held.get(f.name)!) : null,
    }));
  return { fields, hashMatches: state.paramsHash === set.paramsHash };
}

export async function enactOnChain(
  db: Db,
  config: ChainConfig,
  actor: string,
  proposalId: string,
  opts: { backingEndorsements: number },
) {
  if (!config.executorKey) {
    throw new AppError(
      "CONFLICT",
      "the app does not hold the registry executor's key on this chain: the DAO's Safe enacts with the proposal's Safe batch file",
    );
  }
  const { proposal, proposed } = await proposalToEnact(db, proposalId);
  if (!canTransition(proposal.state, "enacted")) {
    throw new AppError("CONFLICT", `a ${proposal.state} proposal cannot be enacted`);
  }
  const live = await requireLiveParameterSet(db);
  const { baseVersion } = await db.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: { baseVersion: true },
  });
  if (baseVersion !== live.version) {
    throw new AppError("CONFLICT", `the vote was on v${baseVersion} but v${live.version} is live now`);
  }
  const executor = privateKeyToAccount(config.executorKey);
  const after = await readChain(config, "the risk-parameter registry", async (client) => {
    const state = await readRegistryState(client, config.registry);
    if (state.executor.toLowerCase() !== executor.address.toLowerCase()) {
      throw new AppError(
        "CONFLICT",
        `the registry's executor is ${state.executor}, not the configured key's ${executor.address}`,
      );
    }
    const call = enactmentCall({ registry: config.registry, proposed, state, lane: "full-vote" });
    const pending = call.args[0].length > 0 || state.paramsHash !== proposed.paramsHash;
    if (pending) {
      const chain = defineChain({
        id: config.chainId,
        name: `chain ${config.chainId}`,
        nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: { default: { http: [config.rpcUrl] } },
      });
      const wallet = createWalletClient({ account: executor, chain, transport: http(config.rpcUrl) });
      let hash: `0x${string}`;
      try {
        const { request } = await client.simulateContract({
          account: executor,
          address: call.to,
          abi: riskParameterRegistryAbi,
          functionName: "setParameters",
          args: call.args,
        });
        hash = await wallet.writeContract(request);
      } catch (e) {
        throw new AppError(
          "CONFLICT",
          `the registry refused the enactment: ${describeRevert(e, proposal.model)}`,
        );
      }
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 250 });
      if (receipt.status !== "success")
        throw new AppError("CONFLICT", `the enactment transaction ${hash} reverted`);
    }
    return readRegistryState(client, config.registry);
  });
  const diff = registryDifferences(proposal.model, proposed, after);
  if (diff.fields.length > 0 || !diff.hashMatches) {
    throw new AppError(
      "CONFLICT",
      `the chain's parameters differ from the proposal's after the enactment (${diff.fields.map((f) => f.name).join(", ") || "the set hash"}): the set is not marked live`,
    );
  }
  return enactProposal(db, actor, proposalId, opts);
}

/** Whether the registry holds the app's live set; the fields where it does not. */
export async function registrySync(db: Db, config: ChainConfig) {
  const live = await requireLiveParameterSet(db);
  const set = encodeParameterSet(live.model, live.params);
  const state = await readChain(config, "the risk-parameter registry", (client) =>
    readRegistryState(client, config.registry),
  );
  const diff = registryDifferences(live.model, set, state);
  return {
    liveVersion: live.version,
    registryVersion: Number(state.version),
    block: Number(state.block),
    inSync: diff.fields.length === 0 && diff.hashMatches,
    hashMatches: diff.hashMatches,
    differences: diff.fields,
  };
}
