/**
 * Deploys the governance token and the risk-parameter registry, and writes the first parameter set and the
 * steward bounds, from one account that becomes the registry's executor (on a real chain, hand the executor to
 * the DAO's timelock or Safe afterwards with `setExecutor`).
 */
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from "viem";
import { governanceTokenAbi, governanceTokenBytecode } from "./artifacts/governance-token.ts";
import {
  riskParameterRegistryAbi,
  riskParameterRegistryBytecode,
} from "./artifacts/risk-parameter-registry.ts";
import { encodeParameterSet } from "./registry-encoding.ts";

export type Deployer = WalletClient<Transport, Chain, Account>;

export type GovernanceDeployment = {
  chainId: number;
  token: Address;
  registry: Address;
  executor: Address;
  steward: Address;
};

export type DeployGovernanceInput = {
  wallet: Deployer;
  publicClient: PublicClient;
  token: { name: string; symbol: string; holders: { address: Address; amount: bigint }[] };
  steward: Address;
  minDelaySeconds: number;
  /** The live set to start from, and the steward bound (basis points) of every scaled field. */
  initial?: { model: string; params: unknown; stewardMaxChangeBps: number };
};

async function deployContract(
  input: DeployGovernanceInput,
  args: Parameters<Deployer["deployContract"]>[0],
): Promise<Address> {
  const hash = await input.wallet.deployContract(args);
  const receipt = await input.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) {
    throw new Error(`deployment transaction ${hash} failed`);
  }
  return receipt.contractAddress;
}

async function send(input: DeployGovernanceInput, hash: `0x${string}`) {
  const receipt = await input.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
}

export async function deployGovernance(input: DeployGovernanceInput): Promise<GovernanceDeployment> {
  const { wallet } = input;
  const executor = wallet.account.address;
  const token = await deployContract(input, {
    abi: governanceTokenAbi,
    bytecode: governanceTokenBytecode,
    args: [
      input.token.name,
      input.token.symbol,
      input.token.holders.map((h) => h.address),
      input.token.holders.map((h) => h.amount),
    ],
  } as Parameters<Deployer["deployContract"]>[0]);
  const registry = await deployContract(input, {
    abi: riskParameterRegistryAbi,
    bytecode: riskParameterRegistryBytecode,
    args: [executor, input.steward, BigInt(input.minDelaySeconds)],
  } as Parameters<Deployer["deployContract"]>[0]);
  if (input.initial) {
    const encoded = encodeParameterSet(input.initial.model, input.initial.params);
    const names = encoded.fields.map((f) => f.name);
    await send(
      input,
      await wallet.writeContract({
        address: registry,
        abi: riskParameterRegistryAbi,
        functionName: "setParameters",
        args: [names, encoded.fields.map((f) => f.value), encoded.paramsHash],
      }),
    );
    const bps = input.initial.stewardMaxChangeBps;
    await send(
      input,
      await wallet.writeContract({
        address: registry,
        abi: riskParameterRegistryAbi,
        functionName: "setStewardBounds",
        args: [names, encoded.fields.map((f) => (f.kind === "scaled" ? bps : 0))],
      }),
    );
  }
  return {
    chainId: await input.publicClient.getChainId(),
    token,
    registry,
    executor,
    steward: input.steward,
  };
}
