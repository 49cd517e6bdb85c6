"use client";
import {
  type Address,
  type EIP1193RequestFn,
  getAddress,
  type Hex,
  numberToHex,
  ProviderRpcError,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createConnector } from "wagmi";

export type DemoWallet = { label: string; role: string; address: string; privateKey: string };

type Provider = {
  request: EIP1193RequestFn;
  on: () => void;
  removeListener: () => void;
};

demoWallet.type = "demo" as const;

/**
 * A wallet for trying MarginLab without a browser extension: a viem local account around one of the throwaway
 * keys the server offers on the embedded demo database (system.info.demoWallets). It signs messages and typed data
 * locally and refuses anything that needs a node (wagmi's `mock` connector would forward signing to an RPC URL).
 * The "connected" flag lives in wagmi's cookie storage, so a reload reconnects it.
 */
export function demoWallet(wallet: DemoWallet, chainId: number) {
  const address = getAddress(wallet.address);
  const flag = `demo.${address.toLowerCase()}.connected`;
  let provider: Provider | undefined;

  function getProvider(): Provider {
    if (provider) return provider;
    // Created on first use, in the browser only: nothing key-related runs during server rendering.
    const account = privateKeyToAccount(wallet.privateKey as Hex);
    const request = (async ({ method, params }: { method: string; params?: unknown }) => {
      const p = (params ?? []) as unknown[];
      switch (method) {
        case "eth_chainId":
          return numberToHex(chainId);
        case "eth_accounts":
        case "eth_requestAccounts":
          return [account.address];
        case "personal_sign":
          return account.signMessage({ message: { raw: p[0] as Hex } });
        case "eth_signTypedData_v4": {
          const typed = JSON.parse(p[1] as string);
          return account.signTypedData(typed);
        }
        default:
          throw new ProviderRpcError(new Error(`${method} is not available in the demo wallet`), {
            code: 4200,
            shortMessage: `The demo wallet cannot ${method}: it only signs.`,
          });
      }
    }) as EIP1193RequestFn;
    provider = { request, on: () => {}, removeListener: () => {} };
    return provider;
  }

  return createConnector<Provider>((config) => ({
    id: `demo-${address.toLowerCase()}`,
    name: `${wallet.label} (demo)`,
    type: demoWallet.type,
    async connect({ withCapabilities } = {}) {
      await config.storage?.setItem(flag as never, true as never);
      const accounts: readonly Address[] = [address];
      return {
        accounts: (withCapabilities
          ? accounts.map((a) => ({ address: a, capabilities: {} }))
          : accounts) as never,
        chainId,
      };
    },
    async disconnect() {
      await config.storage?.removeItem(flag as never);
    },
    async getAccounts() {
      return [address];
    },
    async getChainId() {
      return chainId;
    },
    async getProvider() {
      return getProvider();
    },
    async isAuthorized() {
      return Boolean(await config.storage?.getItem(flag as never));
    },
    onAccountsChanged() {},
    onChainChanged() {},
    onDisconnect() {
      config.emitter.emit("disconnect");
    },
  }));
}
