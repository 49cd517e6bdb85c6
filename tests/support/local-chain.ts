// A local chain (Hardhat's EDR, in this process) and viem clients for one test file.
import { type Account, createPublicClient, createWalletClient, defineChain, http } from "viem";
import { LOCAL_CHAIN_ID, type LocalChain, startLocalChain } from "../../scripts/local-chain/chain.ts";

export async function startTestChain() {
  const chain: LocalChain = await startLocalChain({ port: 0 });
  const viemChain = defineChain({
    id: LOCAL_CHAIN_ID,
    name: "Local chain",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [chain.url] } },
  });
  const transport = http(chain.url);
  // No block-number cache (viem keeps one for 4 s): tests mine blocks and read at them at once.
  const publicClient = createPublicClient({ chain: viemChain, transport, cacheTime: 0, pollingInterval: 50 });
  const walletFor = (account: Account) =>
    createWalletClient({ account, chain: viemChain, transport, pollingInterval: 50 });
  const rpc = (method: string, params: unknown[] = []) => chain.provider.request({ method, params });
  return {
    ...chain,
    chain: viemChain,
    publicClient,
    walletFor,
    /** Moves the chain's clock forward and mines a block at the new time. */
    increaseTime: async (seconds: number) => {
      await rpc("evm_increaseTime", [seconds]);
      await rpc("evm_mine");
    },
    mine: () => rpc("evm_mine"),
    /** Gives an account gas money (test keys outside Hardhat's funded list). */
    fund: (address: string) => rpc("hardhat_setBalance", [address, "0x56bc75e2d63100000"]),
  };
}

export type TestChain = Awaited<ReturnType<typeof startTestChain>>;
