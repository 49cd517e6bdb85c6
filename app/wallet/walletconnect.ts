"use client";
import type { Config, CreateConnectorFn } from "wagmi";
import { explainWalletConnectFailures, RELAY_TIMEOUT_MS } from "./walletconnect-failures.ts";

/** What system.info says about WalletConnect when a project id is configured. */
export type WalletConnectSettings = { projectId: string; appUrl: string | null };

/** wagmi's id of its WalletConnect connector (what `recentConnectorId` holds after connecting with it). */
export const WALLETCONNECT_CONNECTOR_ID = "walletConnect";

const loaded = new WeakMap<Config, { projectId: string; connector: Promise<CreateConnectorFn> }>();

/**
 * wagmi's WalletConnect connector, imported when a member first picks WalletConnect (or signs with it after a
 * reload): the connector and its provider, QR modal included, are a large chunk no page loads before that. One per
 * wagmi config, because the connector keeps its provider (and relay session) for every later connect.
 */
export function loadWalletConnect(
  config: Config,
  settings: WalletConnectSettings,
): Promise<CreateConnectorFn> {
  const cached = loaded.get(config);
  if (cached?.projectId === settings.projectId) return cached.connector;
  // The connector's own entry point, not the `wagmi/connectors` barrel: the barrel also brings Base Account's
  // connector, whose SDK (installed along with WalletConnect's QR modal) imports modules that are not installed.
  const connector = import("wagmi/connectors/walletConnect").then(({ walletConnect }) => {
    // Wallets show this; the Verify API checks the URL against the page's origin.
    const url = settings.appUrl ?? window.location.origin;
    const create = walletConnect({
      projectId: settings.projectId,
      showQrModal: true,
      metadata: {
        name: "MarginLab",
        description: "Risk-parameter governance for a portfolio-margined options and perps protocol",
        url,
        icons: [new URL("/icon.svg", url).href],
      },
    });
    return explainWalletConnectFailures(create, RELAY_TIMEOUT_MS);
  });
  loaded.set(config, { projectId: settings.projectId, connector });
  // A chunk that failed to load (offline for a moment) is tried again next time.
  connector.catch(() => loaded.delete(config));
  return connector;
}
