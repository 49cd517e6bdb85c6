"use client";
import { useEffect, useId, useRef, useState } from "react";
import { type Connector, type CreateConnectorFn, useConfig, useConnectors } from "wagmi";
import { errorInfo } from "../lib/errors.ts";
import { shortAddress } from "../lib/format.ts";
import { useMe, useSignIn, useSignOut, useSystemInfo } from "./session.ts";
import { VotingPower } from "./voting-power.tsx";
import { loadWalletConnect } from "./walletconnect.ts";

const OPEN_EVENT = "marginlab:open-sign-in";

/** Opens the sign-in dialog from anywhere (e.g. a "Sign in to endorse" button). */
export function openSignIn() {
  window.dispatchEvent(new Event(OPEN_EVENT));
}

export function SignInButton({ children = "Sign in" }: { children?: string }) {
  return (
    <button type="button" className="button" onClick={openSignIn}>
      {children}
    </button>
  );
}

function hasInjectedProvider() {
  return (
    typeof window !== "undefined" &&
    "ethereum" in window &&
    Boolean((window as { ethereum?: unknown }).ethereum)
  );
}

/** The header's wallet control: sign in (browser wallet or a labelled demo wallet), who is signed in, sign out. */
export function WalletMenu() {
  const me = useMe();
  const info = useSystemInfo();
  const config = useConfig();
  const connectors = useConnectors();
  const signIn = useSignIn(info?.chainId ?? 1);
  const signOut = useSignOut();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [step, setStep] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** A WalletConnect failure (the relay unreachable, the pairing abandoned), shown next to its button. */
  const [walletConnectError, setWalletConnectError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [injectedAvailable, setInjectedAvailable] = useState(false);

  useEffect(() => {
    const open = () => {
      setError(null);
      setWalletConnectError(null);
      setStep(null);
      setInjectedAvailable(hasInjectedProvider());
      dialogRef.current?.showModal();
    };
    window.addEventListener(OPEN_EVENT, open);
    return () => window.removeEventListener(OPEN_EVENT, open);
  }, []);

  /** Signs in with a wallet; true once signed in. */
  async function run(wallet: Connector | CreateConnectorFn, fail: (message: string) => void = setError) {
    setBusy(true);
    setError(null);
    setWalletConnectError(null);
    try {
      await signIn(wallet, setStep);
      dialogRef.current?.close();
      return true;
    } catch (e) {
      fail(errorInfo(e).message);
      return false;
    } finally {
      setBusy(false);
      setStep(null);
    }
  }

  async function runWalletConnect() {
    if (!info?.walletConnect) return;
    const dialog = dialogRef.current;
    setBusy(true);
    setStep("Loading WalletConnect…");
    let signedIn = false;
    try {
      const connector = await loadWalletConnect(config, info.walletConnect);
      // WalletConnect's QR modal is an ordinary fixed-position element, and a modal <dialog> lives in the top layer
      // above everything: ours steps down to a non-modal one (still showing progress) while WalletConnect's is open.
      if (dialog?.open) {
        dialog.close();
        dialog.show();
      }
      signedIn = await run(connector, setWalletConnectError);
    } catch (e) {
      // The chunk itself did not load (offline, or a deployment replaced it).
      setWalletConnectError(errorInfo(e).message);
      setBusy(false);
      setStep(null);
    } finally {
      // Back to a modal dialog showing what went wrong. After the current event: when Escape closed WalletConnect's
      // modal, the browser's own Escape handling, still to come, would close ours again.
      setTimeout(() => {
        if (signedIn || !dialog || dialog.matches(":modal")) return;
        if (dialog.open) dialog.close();
        dialog.showModal();
      });
    }
  }

  const injected = connectors.find((c) => c.type === "injected");
  const demos = connectors.filter((c) => c.type === "demo");
  const demoByConnector = new Map<string, { label: string; role: string; address: string }>(
    (info?.demoWallets ?? []).map((w) => [`demo-${w.address.toLowerCase()}`, w]),
  );

  return (
    <div className="wallet-menu">
      {me.signedIn ? (
        <>
          <span className="signed-in" title={me.address ?? ""}>
            <span className="visually-hidden">Signed in as </span>
            <code>{shortAddress(me.address)}</code> <span className={`badge role-${me.role}`}>{me.role}</span>{" "}
            <VotingPower />
          </span>
          <button
            type="button"
            className="button secondary small"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await signOut();
              } finally {
                setBusy(false);
              }
            }}
          >
            Sign out
          </button>
        </>
      ) : (
        <button type="button" className="button small" onClick={openSignIn}>
          Sign in
        </button>
      )}
      <dialog ref={dialogRef} aria-labelledby={titleId} className="dialog">
        <div className="dialog-head">
          <h2 id={titleId}>Sign in with Ethereum</h2>
          <button
            type="button"
            className="button secondary small"
            onClick={() => dialogRef.current?.close()}
            aria-label="Close"
          >
            ✕
          </button>
        </div>
        <p className="muted">
          Reading needs no sign-in. Signing in lets you draft proposals, endorse, review and comment. Your
          wallet signs a message; nothing is sent on chain and no gas is spent.
        </p>
        <section aria-labelledby={`${titleId}-browser`}>
          <h3 id={`${titleId}-browser`}>Browser wallet</h3>
          {injected && injectedAvailable ? (
            <button type="button" className="button wide" disabled={busy} onClick={() => run(injected)}>
              Sign in with {injected.name}
            </button>
          ) : (
            // A statement, not a control: nothing to press until a wallet extension is installed.
            <p className="wallet-missing">
              <strong>No browser wallet found.</strong> Install a wallet extension such as MetaMask or Rabby
              and reload, or use a demo wallet below.
            </p>
          )}
        </section>
        {info?.walletConnect && (
          <section aria-labelledby={`${titleId}-walletconnect`}>
            <h3 id={`${titleId}-walletconnect`}>Mobile wallet</h3>
            <button
              type="button"
              className="button wide"
              disabled={busy}
              aria-describedby={walletConnectError ? `${titleId}-walletconnect-error` : undefined}
              onClick={runWalletConnect}
            >
              Sign in with WalletConnect
            </button>
            {walletConnectError ? (
              <p id={`${titleId}-walletconnect-error`} role="alert" className="error">
                {walletConnectError}
              </p>
            ) : (
              <p className="hint">Scan a QR code with any WalletConnect wallet on your phone.</p>
            )}
          </section>
        )}
        {demos.length > 0 && (
          <section aria-labelledby={`${titleId}-demo`} className="demo-wallets">
            <h3 id={`${titleId}-demo`}>Demo wallets</h3>
            <p className="warning">
              Throwaway keys offered by this demo installation only. Anyone can sign with them: never send
              funds to these addresses.
            </p>
            <ul className="plain-list">
              {demos.map((c) => {
                const w = demoByConnector.get(c.id);
                return (
                  <li key={c.uid}>
                    <button
                      type="button"
                      className="button secondary wide"
                      disabled={busy}
                      onClick={() => run(c)}
                    >
                      <span>{w?.label ?? c.name}</span>{" "}
                      {w && <span className={`badge role-${w.role}`}>{w.role}</span>}{" "}
                      {w && <code className="muted">{shortAddress(w.address)}</code>}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        )}
        <div aria-live="polite" className="status-line">
          {step}
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </dialog>
    </div>
  );
}
