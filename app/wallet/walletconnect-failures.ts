"use client";
import type { CreateConnectorFn } from "wagmi";

/** How long the relay may take to hand out a pairing URI before we say it cannot be reached. */
export const RELAY_TIMEOUT_MS = 15_000;

export class RelayUnreachableError extends Error {
  constructor() {
    super(
      "Could not reach the WalletConnect relay (relay.walletconnect.org). Check your connection, or use a browser wallet.",
    );
    this.name = "RelayUnreachableError";
  }
}

export class WalletConnectClosedError extends Error {
  constructor() {
    super("WalletConnect was closed before a wallet connected.");
    this.name = "WalletConnectClosedError";
  }
}

/** The part of WalletConnect's EthereumProvider used here: its QR modal. */
type ProviderWithModal = { modal?: { close(): void } } | undefined;

/** WalletConnect's provider rejects with this when its modal is closed; wagmi wraps it as a user rejection. */
function closedByMember(e: unknown): boolean {
  for (let cur = e; cur instanceof Error; cur = cur.cause) {
    if (/connection request reset/i.test(cur.message)) return true;
  }
  return false;
}

/**
 * WalletConnect's connector with failures a member can act on:
 * - a connect that has neither shown a pairing URI nor finished within `timeoutMs` fails with RelayUnreachableError
 *   and closes the QR modal: without the relay there is no URI, and the modal would spin forever. Once the URI is
 *   shown the member may take as long as they like to scan it;
 * - closing the QR modal is WalletConnectClosedError, not the "rejected in the wallet" wagmi makes of it.
 */
export function explainWalletConnectFailures(
  create: CreateConnectorFn,
  timeoutMs: number,
): CreateConnectorFn {
  return (params) => {
    const inner = create(params);
    let uriShown = () => {};
    params.emitter.on("message", ({ type }) => {
      if (type === "display_uri") uriShown();
    });
    return {
      ...inner,
      async connect(options) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const unreachable = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new RelayUnreachableError()), timeoutMs);
          uriShown = () => clearTimeout(timer);
        });
        try {
          return await Promise.race([inner.connect.call(this, options), unreachable]);
        } catch (e) {
          if (e instanceof RelayUnreachableError) {
            // Closing the modal also abandons WalletConnect's pairing attempt.
            void (this.getProvider() as Promise<ProviderWithModal>).then((p) => p?.modal?.close());
            throw e;
          }
          throw closedByMember(e) ? new WalletConnectClosedError() : e;
        } finally {
          clearTimeout(timer);
          uriShown = () => {};
        }
      },
    } as ReturnType<CreateConnectorFn>;
  };
}
