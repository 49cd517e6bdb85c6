import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy } from "./server/security/content-security-policy.ts";

/**
 * The Content-Security-Policy (server/security/content-security-policy.ts) with a fresh nonce per request. Next reads
 * the nonce from the request-side header for its own inline bootstrap scripts. Pages are rendered per request anyway
 * (they read the database).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    // The wallet signs Snapshot messages in the browser and posts them to the hub directly.
    snapshotHubUrl: process.env.SNAPSHOT_HUB_URL,
    // As server/env.ts reads it: an empty value is unset.
    walletConnect: Boolean(process.env.WALLETCONNECT_PROJECT_ID?.trim()),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
