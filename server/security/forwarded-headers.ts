// Who the client is and which origin it reached, decided once where the connection arrives (scripts/serve.ts),
// so that a client cannot name its own address (X-Forwarded-For: per-IP rate limits) or the host it believes it
// signs in to (X-Forwarded-Host: sign-in domain, cross-origin check). Forwarded headers are the word of a proxy:
// believed only from TRUST_PROXY proxies in front of the app (0 by default: none).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

const FORWARDED_SITE_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

/**
 * Rewrites an incoming request's headers in place: X-Forwarded-For becomes the one client address (the socket's
 * peer when no proxy is trusted; else the address the outermost trusted proxy saw), X-Real-IP is dropped, and
 * X-Forwarded-Host/Proto/Port are kept only when a proxy is trusted. Next then fills in what is missing from the
 * socket and the Host header (`??=` in its base server), which is the truth when nothing was forwarded.
 */
export function applyProxyTrust(
  headers: IncomingHttpHeaders,
  socketAddress: string | undefined,
  trustedProxies: number,
): void {
  const forwardedFor = [headers["x-forwarded-for"]]
    .flat()
    .flatMap((v) => (v ?? "").split(","))
    .map((a) => a.trim())
    .filter(Boolean);
  // The chain as the last trusted proxy knows it: what each proxy appended, then that proxy's own address.
  const chain = [...forwardedFor, socketAddress ?? "unknown"];
  const client = chain[Math.max(0, chain.length - 1 - trustedProxies)]!;
  headers["x-forwarded-for"] = client;
  delete headers["x-real-ip"];
  if (trustedProxies === 0) for (const name of FORWARDED_SITE_HEADERS) delete headers[name];
}

/** A Node request handler that first applies the proxy trust rule (the app's server wraps Next's handler in it). */
export function proxyTrustingHandler(
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
  trustedProxies: number,
) {
  return (req: IncomingMessage, res: ServerResponse) => {
    applyProxyTrust(req.headers, req.socket.remoteAddress, trustedProxies);
    void handle(req, res);
  };
}

/** The client's address: X-Forwarded-For as scripts/serve.ts left it (one address). */
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}

/**
 * The origin a request reached: APP_URL when configured; else the Host header (over http: the app serves plain
 * http itself), or what a trusted proxy forwarded (its host and scheme).
 */
export function requestOrigin(
  headers: Headers,
  config: { appUrl: string | null; trustedProxies: number },
): string | null {
  if (config.appUrl) return new URL(config.appUrl).origin;
  const trusted = config.trustedProxies > 0;
  const host = (trusted && headers.get("x-forwarded-host")?.split(",")[0]?.trim()) || headers.get("host");
  if (!host) return null;
  const proto = (trusted && headers.get("x-forwarded-proto")?.split(",")[0]?.trim()) || "http";
  return `${proto}://${host}`;
}
