/**
 * WalletConnect's relay, RPC, verify and wallet-list services, from Reown's CSP guidance
 * (docs.reown.com/advanced/security/content-security-policy). Allowed only when a project id is configured:
 * without one the app never loads WalletConnect, so nothing needs these origins.
 */
export const WALLETCONNECT_SOURCES = {
  // The relay (WebSocket), rpc./pulse./verify./echo./keys. and the other service hosts, and AppKit's wallet list.
  connect: [
    "wss://relay.walletconnect.com",
    "wss://relay.walletconnect.org",
    "https://*.walletconnect.com",
    "https://*.walletconnect.org",
    "https://api.web3modal.com",
    "https://api.web3modal.org",
  ],
  // The Verify API's attestation iframe and the secure-site iframe of embedded wallets.
  frame: [
    "https://verify.walletconnect.com",
    "https://verify.walletconnect.org",
    "https://secure.walletconnect.com",
    "https://secure.walletconnect.org",
  ],
  // Wallet icons in the QR modal.
  img: [
    "https://walletconnect.com",
    "https://walletconnect.org",
    "https://*.walletconnect.com",
    "https://*.walletconnect.org",
    "https://api.web3modal.com",
    "https://api.web3modal.org",
  ],
  // The QR modal's typeface.
  font: ["https://fonts.reown.com"],
} as const;

export type CspOptions = {
  nonce: string;
  /** `next dev` evaluates code and talks to its HMR server over a WebSocket. */
  dev: boolean;
  /** The Snapshot hub the wallet posts signed messages to directly, if any. */
  snapshotHubUrl?: string | undefined;
  /** Whether WalletConnect is offered (a project id is configured). */
  walletConnect: boolean;
};

const sources = (list: readonly string[]) => list.filter(Boolean).join(" ");

/**
 * A strict policy: only scripts carrying this request's nonce (and those they load) run, so Markdown or any other
 * injected text cannot execute; everything else comes from our own origin, plus the few services the wallet talks
 * to from the browser.
 */
export function contentSecurityPolicy(o: CspOptions): string {
  const wc = o.walletConnect;
  const hub = o.snapshotHubUrl ? new URL(o.snapshotHubUrl).origin : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.dev ? " 'unsafe-eval'" : ""}`,
    // React and chart.js set inline style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    `img-src ${sources(["'self'", "blob:", "data:", ...(wc ? WALLETCONNECT_SOURCES.img : [])])}`,
    `font-src ${sources(["'self'", ...(wc ? WALLETCONNECT_SOURCES.font : [])])}`,
    `connect-src ${sources(["'self'", hub, ...(wc ? WALLETCONNECT_SOURCES.connect : []), o.dev ? "ws:" : ""])}`,
    `frame-src ${sources(["'self'", ...(wc ? WALLETCONNECT_SOURCES.frame : [])])}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
