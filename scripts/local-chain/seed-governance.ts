// Deploys the governance contracts on a fresh local chain for the demo: the registry starts from the app's live
// parameter set, the demo wallets hold tokens and delegate to themselves, the rest sits undelegated with the
// executor (the DAO treasury). Returns the environment that points the app at them.
import { createPublicClient, createWalletClient, defineChain, http, parseEther } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { governanceTokenAbi } from "../../server/chain/artifacts/governance-token.ts";
import { deployGovernance } from "../../server/chain/deploy-governance.ts";
import { demoWallets } from "../../server/services/demo/demo-wallets.ts";
import { LOCAL_CHAIN_ID } from "./chain.ts";

// Hardhat's account #0 and #1 (public test keys): the registry's executor and its risk steward on the local chain.
export const LOCAL_EXECUTOR_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
export const LOCAL_STEWARD_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

/** Tokens per demo wallet, by its label; the treasury keeps 1,000,000 undelegated. */
const DEMO_TOKENS: Record<string, string> = {
  "Demo steward": "40000",
  "Demo member A": "25000",
  "Demo member B": "10000",
  "Demo admin": "5000",
};
const TREASURY_TOKENS = "1000000";
/** 10% per update for scaled fields, one day between a field's steward updates. */
export const LOCAL_STEWARD_MAX_CHANGE_BPS = 1000;
export const LOCAL_STEWARD_DELAY_SECONDS = 24 * 3600;

export async function seedLocalGovernance(opts: { url: string; live: { model: string; params: unknown } }) {
  const chain = defineChain({
    id: LOCAL_CHAIN_ID,
    name: "Local chain",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [opts.url] } },
  });
  const transport = http(opts.url);
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 100, cacheTime: 0 });
  const executor = privateKeyToAccount(LOCAL_EXECUTOR_KEY);
  const wallets = demoWallets();
  const deployment = await deployGovernance({
    wallet: createWalletClient({ account: executor, chain, transport, pollingInterval: 100 }),
    publicClient,
    token: {
      name: "MarginLab Governance",
      symbol: "MLG",
      holders: [
        { address: executor.address, amount: parseEther(TREASURY_TOKENS) },
        ...wallets.map((w) => ({
          address: w.address as `0x${string}`,
          amount: parseEther(DEMO_TOKENS[w.label] ?? "1000"),
        })),
      ],
    },
    steward: privateKeyToAccount(LOCAL_STEWARD_KEY).address,
    minDelaySeconds: LOCAL_STEWARD_DELAY_SECONDS,
    initial: { ...opts.live, stewardMaxChangeBps: LOCAL_STEWARD_MAX_CHANGE_BPS },
  });
  // The demo wallets are Hardhat's funded accounts #3-#6: each pays for its own delegation.
  for (const w of wallets) {
    const account = privateKeyToAccount(w.privateKey);
    const hash = await createWalletClient({ account, chain, transport }).writeContract({
      address: deployment.token,
      abi: governanceTokenAbi,
      functionName: "delegate",
      args: [account.address],
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`delegation by ${w.label} reverted`);
  }
  const startBlock = await publicClient.getBlockNumber();
  return {
    deployment,
    env: {
      RPC_URL: opts.url,
      CHAIN_ID: String(LOCAL_CHAIN_ID),
      GOVERNANCE_TOKEN_ADDRESS: deployment.token,
      RISK_REGISTRY_ADDRESS: deployment.registry,
      GOVERNANCE_START_BLOCK: String(startBlock),
      CHAIN_EXECUTOR_KEY: LOCAL_EXECUTOR_KEY,
    },
  };
}
