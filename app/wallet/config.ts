"use client";
import { custom, defineChain } from "viem";
import { mainnet } from "viem/chains";
import { cookieStorage, createConfig, createStorage, injected } from "wagmi";
import { type DemoWallet, demoWallet } from "./demo-connector.ts";

/**
 * MarginLab only asks wallets to sign (SIWE messages, EIP-712 endorsements); it never reads the chain. The
 * transport therefore refuses every RPC call instead of sending it to some public node.
 */
const noRpc = custom({
  async request({ method }: { method: string }) {
    throw new Error(`MarginLab makes no RPC calls (${method})`);
  },
});

function chainOf(chainId: number) {
  if (chainId === mainnet.id) return mainnet;
  return defineChain({
    id: chainId,
    name: `Chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [] } },
  });
}

/** One config per provider instance (never a module singleton), as in wagmi's Next.js playground. */
export function getConfig({ chainId, demoWallets }: { chainId: number; demoWallets: DemoWallet[] | null }) {
  const chain = chainOf(chainId);
  return createConfig({
    chains: [chain],
    connectors: [
      injected({ shimDisconnect: true }),
      ...(demoWallets ?? []).map((w) => demoWallet(w, chainId)),
    ],
    storage: createStorage({ storage: cookieStorage, key: "marginlab.wallet" }),
    ssr: true,
    multiInjectedProviderDiscovery: false,
    transports: { [chain.id]: noRpc },
  });
}
