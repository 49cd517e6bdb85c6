import { UserRejectedRequestError } from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CreateConnectorFn } from "wagmi";
import {
  explainWalletConnectFailures,
  RelayUnreachableError,
  WalletConnectClosedError,
} from "@/app/wallet/walletconnect-failures.ts";

type Params = Parameters<CreateConnectorFn>[0];
const connected = { accounts: ["0x0000000000000000000000000000000000000001"] as const, chainId: 1 };

/**
 * A stand-in for wagmi's WalletConnect connector: `connect` does what `behave` says (with the connector's emitter, as
 * the real one emits `display_uri` on it); its provider has a QR modal whose closing is recorded.
 */
function fakeWalletConnect(behave: (emit: (type: string) => void) => Promise<typeof connected>) {
  const modal = { close: vi.fn() };
  const create = ((params: Params) => ({
    id: "walletConnect",
    name: "WalletConnect",
    type: "walletConnect",
    connect: () => behave((type) => params.emitter.emit("message", { type })),
    getProvider: async () => ({ modal }),
  })) as unknown as CreateConnectorFn;
  const listeners: ((m: { type: string }) => void)[] = [];
  const params = {
    emitter: {
      on: (_event: string, fn: (m: { type: string }) => void) => listeners.push(fn),
      emit: (_event: string, m: { type: string }) => {
        for (const fn of listeners) fn(m);
      },
    },
  } as unknown as Params;
  const connector = explainWalletConnectFailures(create, 15_000)(params);
  return { connect: () => connector.connect.call(connector), modal };
}

const never = () => new Promise<never>(() => {});

describe("WalletConnect failures", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("says the relay cannot be reached when no pairing URI comes in time, and closes the QR modal", async () => {
    const wc = fakeWalletConnect(never);
    const result = expect(wc.connect()).rejects.toBeInstanceOf(RelayUnreachableError);
    await vi.advanceTimersByTimeAsync(14_999);
    expect(wc.modal.close).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await result;
    expect(wc.modal.close).toHaveBeenCalledOnce();
  });

  it("waits as long as the member likes once the QR code shows a pairing URI", async () => {
    let scanned: (v: typeof connected) => void = () => {};
    const wc = fakeWalletConnect((emit) => {
      emit("display_uri");
      return new Promise((resolve) => {
        scanned = resolve;
      });
    });
    const connecting = wc.connect();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    scanned(connected);
    await expect(connecting).resolves.toEqual(connected);
    expect(wc.modal.close).not.toHaveBeenCalled();
  });

  it("reports a closed QR modal as closed, and passes a wallet's own rejection on", async () => {
    const closed = fakeWalletConnect(async () => {
      throw new UserRejectedRequestError(new Error("Connection request reset. Please try again."));
    });
    await expect(closed.connect()).rejects.toBeInstanceOf(WalletConnectClosedError);

    const rejection = new UserRejectedRequestError(new Error("User rejected."));
    const rejected = fakeWalletConnect(async () => {
      throw rejection;
    });
    await expect(rejected.connect()).rejects.toBe(rejection);
  });

  it("starts the timer afresh for every connect", async () => {
    let attempt = 0;
    const wc = fakeWalletConnect(async (emit) => {
      attempt++;
      if (attempt === 2) emit("display_uri");
      return never();
    });
    const first = expect(wc.connect()).rejects.toBeInstanceOf(RelayUnreachableError);
    await vi.advanceTimersByTimeAsync(15_000);
    await first;
    // The second attempt got its URI: the first attempt's timeout does not fail it.
    let settled = false;
    wc.connect().finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(settled).toBe(false);
  });
});
