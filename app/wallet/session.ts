"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { getAddress } from "viem";
import { createSiweMessage } from "viem/siwe";
import { type Connector, type CreateConnectorFn, useConfig } from "wagmi";
import { connect, disconnect, getConnection, signMessage, signTypedData } from "wagmi/actions";
import { useTRPC, useTRPCClient } from "../trpc/client.ts";
import { loadWalletConnect, WALLETCONNECT_CONNECTOR_ID } from "./walletconnect.ts";

export type Role = "member" | "steward" | "admin";
const RANK: Record<Role, number> = { member: 1, steward: 2, admin: 3 };

/** Who is signed in (the httpOnly session cookie decides; the wallet connection does not). */
export function useMe() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.auth.me.queryOptions());
  const me = data ?? { address: null, role: null };
  return {
    address: me.address,
    role: me.role,
    signedIn: me.address !== null,
    has: (role: Role) => me.role !== null && RANK[me.role] >= RANK[role],
  };
}

export function useSystemInfo() {
  const trpc = useTRPC();
  return useQuery(trpc.system.info.queryOptions()).data;
}

/** Refetch everything after the session changed: server components (router.refresh) and client queries. */
function useSessionChanged() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(async () => {
    await queryClient.invalidateQueries();
    router.refresh();
  }, [queryClient, router]);
}

type WagmiConfig = ReturnType<typeof useConfig>;

/**
 * Connects a wallet and returns its account and the set-up connector. A connector function (WalletConnect, loaded
 * on demand) is set up by wagmi's `connect` itself.
 */
async function connectTo(config: WagmiConfig, connector: Connector | CreateConnectorFn) {
  const current = getConnection(config);
  if (
    current.status === "connected" &&
    typeof connector !== "function" &&
    current.connector?.uid === connector.uid &&
    current.address
  ) {
    return { address: current.address, connector };
  }
  if (current.status === "connected") await disconnect(config);
  const result = await connect(config, { connector });
  const address = result.accounts[0];
  const connected = getConnection(config).connector;
  if (!address || !connected) throw new Error("The wallet did not share an account.");
  return { address, connector: connected };
}

/** Sign-In with Ethereum: connect, fetch a nonce, sign the EIP-4361 message, and let the server set the cookie. */
export function useSignIn(chainId: number) {
  const config = useConfig();
  const client = useTRPCClient();
  const changed = useSessionChanged();
  return useCallback(
    async (wallet: Connector | CreateConnectorFn, onStep: (step: string) => void = () => {}) => {
      onStep("Connecting the wallet…");
      const { address, connector } = await connectTo(config, wallet);
      const { nonce } = await client.auth.nonce.mutate();
      const message = createSiweMessage({
        address,
        chainId,
        domain: window.location.host,
        uri: window.location.origin,
        nonce,
        version: "1",
        statement: "Sign in to MarginLab to draft, endorse, review and comment on risk-parameter proposals.",
        issuedAt: new Date(),
      });
      onStep("Sign the message in your wallet…");
      const signature = await signMessage(config, { account: address, message, connector });
      onStep("Verifying the signature…");
      const me = await client.auth.signIn.mutate({ message, signature });
      await changed();
      return me;
    },
    [config, client, chainId, changed],
  );
}

export function useSignOut() {
  const config = useConfig();
  const client = useTRPCClient();
  const changed = useSessionChanged();
  return useCallback(async () => {
    await client.auth.signOut.mutate();
    if (getConnection(config).status === "connected") await disconnect(config).catch(() => {});
    await changed();
  }, [config, client, changed]);
}

/**
 * Signs EIP-712 typed data with the wallet of the signed-in address: the connected one if it matches, else a demo
 * wallet with that address, else WalletConnect if that is what the member last connected with (its session outlives a
 * reload, the connector does not), else the browser wallet (whose account must match).
 */
export function useSignTypedDataAsMe() {
  const config = useConfig();
  const { address: me } = useMe();
  const walletConnect = useSystemInfo()?.walletConnect ?? null;
  return useCallback(
    async (typed: {
      domain: object;
      types: Record<string, unknown>;
      primaryType: string;
      message: object;
    }) => {
      if (!me) throw new Error("Sign in first.");
      const want = me.toLowerCase();
      const current = getConnection(config);
      let connector: Connector | undefined =
        current.status === "connected" && current.address?.toLowerCase() === want
          ? current.connector
          : undefined;
      if (!connector) {
        const recent = await config.storage?.getItem("recentConnectorId");
        const candidate =
          config.connectors.find((c) => c.id === `demo-${want}`) ??
          (walletConnect && recent === WALLETCONNECT_CONNECTOR_ID
            ? await loadWalletConnect(config, walletConnect)
            : undefined) ??
          config.connectors.find((c) => c.type === "injected");
        if (!candidate) throw new Error("No wallet is available to sign with.");
        const connected = await connectTo(config, candidate);
        if (connected.address.toLowerCase() !== want) {
          throw new Error(
            `The wallet is on ${connected.address}, but you signed in as ${getAddress(want)}: switch accounts in the wallet.`,
          );
        }
        connector = connected.connector;
      }
      return signTypedData(config, {
        account: getAddress(want),
        connector,
        ...(typed as Parameters<typeof signTypedData>[1]),
      });
    },
    [config, me, walletConnect],
  );
}
