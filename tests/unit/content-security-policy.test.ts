import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { proxy } from "../../proxy.ts";
import {
  contentSecurityPolicy,
  WALLETCONNECT_SOURCES,
} from "../../server/security/content-security-policy.ts";

/** The policy as directive name -> its sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

const base = { nonce: "bm9uY2U=", dev: false, snapshotHubUrl: "http://127.0.0.1:3100/graphql" };

describe("the content security policy", () => {
  it("allows only our own origin (and the Snapshot hub) without WalletConnect", () => {
    const d = directives(contentSecurityPolicy({ ...base, walletConnect: false }));
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(d.get("connect-src")).toEqual(["'self'", "http://127.0.0.1:3100"]);
    expect(d.get("frame-src")).toEqual(["'self'"]);
    expect(d.get("img-src")).toEqual(["'self'", "blob:", "data:"]);
    expect(d.get("font-src")).toEqual(["'self'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("adds WalletConnect's relay, services, verify frames, icons and font only when it is offered", () => {
    const d = directives(contentSecurityPolicy({ ...base, walletConnect: true }));
    expect(d.get("connect-src")).toEqual(
      expect.arrayContaining([
        "'self'",
        "wss://relay.walletconnect.com",
        "wss://relay.walletconnect.org",
        "https://*.walletconnect.org",
        "https://api.web3modal.org",
      ]),
    );
    expect(d.get("frame-src")).toEqual(["'self'", ...WALLETCONNECT_SOURCES.frame]);
    expect(d.get("img-src")).toEqual(expect.arrayContaining(["https://api.web3modal.org"]));
    expect(d.get("font-src")).toEqual(["'self'", "https://fonts.reown.com"]);
    // Scripts stay nonce-only: WalletConnect's code is our own bundle's chunk.
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
  });
});

describe("proxy", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  const served = () =>
    proxy(new NextRequest("http://127.0.0.1:3000/")).headers.get("content-security-policy");

  it("sends the WalletConnect origins exactly when WALLETCONNECT_PROJECT_ID is set", () => {
    vi.stubEnv("WALLETCONNECT_PROJECT_ID", "0123456789abcdef0123456789abcdef");
    expect(served()).toContain("wss://relay.walletconnect.org");
    expect(served()).toContain("frame-src 'self' https://verify.walletconnect.com");

    // Empty means unset, as everywhere in the environment.
    vi.stubEnv("WALLETCONNECT_PROJECT_ID", "");
    expect(served()).not.toMatch(/walletconnect|web3modal|reown/);
    vi.stubEnv("WALLETCONNECT_PROJECT_ID", undefined);
    expect(served()).not.toMatch(/walletconnect|web3modal|reown/);
  });

  it("puts a fresh nonce on every response", () => {
    const nonceOf = (csp: string | null) => csp?.match(/'nonce-([^']+)'/)?.[1];
    expect(nonceOf(served())).toBeTruthy();
    expect(nonceOf(served())).not.toBe(nonceOf(served()));
  });
});
