// WalletConnect in the sign-in dialog, on the production build in chromium. Offered only when the deployment has a
// project id (WALLETCONNECT_PROJECT_ID, delivered by system.info); its code is loaded only when chosen; and the
// strict CSP lets it reach its relay and services without a single violation.
//
// What can be asserted without internet access: WalletConnect's relay and services are unreachable here (and the
// test must not depend on them anyway), so every request to them is answered in the browser. The relay WebSocket is
// either simulated (a minimal relay that acknowledges every JSON-RPC request, enough for WalletConnect to create the
// pairing and show its QR code) or refused (the real situation offline); the https services fail like an unresolvable
// host. No wallet ever answers the pairing, so a completed WalletConnect sign-in is not tested here.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { RELAY_TIMEOUT_MS } from "../../app/wallet/walletconnect-failures.ts";
import { startAppOnOwnDatabase } from "../support/app-process.ts";
import { launchBrowser, screenshot } from "../support/browser.ts";

const PROJECT_ID = "0123456789abcdef0123456789abcdef";
const WALLETCONNECT_HOSTS = /(^|\.)(walletconnect\.(com|org)|web3modal\.(com|org)|reown\.com)$/;

const sharedUrl = inject("baseUrl"); // started without a project id (tests/e2e/global-setup.ts)
let app: Awaited<ReturnType<typeof startAppOnOwnDatabase>>;
let browser: Browser;

beforeAll(async () => {
  app = await startAppOnOwnDatabase("walletconnect", { WALLETCONNECT_PROJECT_ID: PROJECT_ID });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Watch = {
  /** Console errors that are not WalletConnect failing to reach its (blocked) services. */
  unexpected: string[];
  /** WalletConnect's own failures to reach them: expected here. */
  network: string[];
  /** URLs of the relay WebSockets the page opened. */
  relaySockets: string[];
  /** The page's JavaScript files, in load order. */
  scripts: string[];
};

/** A page whose WalletConnect traffic is answered locally: `relay` simulates the relay, or refuses it. */
async function walletConnectPage(relay: "simulated" | "unreachable"): Promise<{ page: Page; watch: Watch }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const watch: Watch = { unexpected: [], network: [], relaySockets: [], scripts: [] };
  page.on("request", (r) => {
    if (r.resourceType() === "script") watch.scripts.push(r.url());
  });
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const text = msg.text();
    const from = msg.location().url;
    const failedLoad = /^Failed to load resource/.test(text) && WALLETCONNECT_HOSTS.test(hostOf(from));
    const relayClosed = /^WebSocket connection to 'wss:\/\/relay\.walletconnect\.(org|com)\//.test(text);
    // WalletConnect logs its rejected pairing (pino's browser record, whose message is not serialised).
    const walletConnectLog = /^\{time: \d+, level: 50\}$/.test(text);
    (failedLoad || relayClosed || walletConnectLog ? watch.network : watch.unexpected).push(
      `${text} at ${from}`,
    );
  });
  page.on("pageerror", (e) => watch.unexpected.push(e.message));
  // Recorded from inside the page: a CSP violation must show up even if chromium stops logging it to the console.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  await page.route(
    (url) => WALLETCONNECT_HOSTS.test(url.hostname),
    (route) => route.abort("namenotresolved"),
  );
  await page.routeWebSocket(/^wss:\/\/relay\.walletconnect\.(org|com)\//, (ws) => {
    watch.relaySockets.push(ws.url());
    if (relay === "unreachable") return ws.close({ code: 1006 });
    // The relay's JSON-RPC (irn_subscribe, irn_publish, wc_proposeSession, ...): acknowledged, never answered by a
    // wallet.
    ws.onMessage((raw) => {
      const request = JSON.parse(String(raw)) as {
        id: number;
        method: string;
        params?: { topics?: unknown[] };
      };
      const result =
        request.method === "irn_subscribe"
          ? "0".repeat(64)
          : request.method === "irn_batchSubscribe"
            ? (request.params?.topics ?? []).map(() => "0".repeat(64))
            : request.method === "irn_batchFetchMessages"
              ? { messages: [], hasMore: false }
              : true;
      ws.send(JSON.stringify({ id: request.id, jsonrpc: "2.0", result }));
    });
  });
  return { page, watch };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

async function openSignIn(page: Page, base: string) {
  const res = await page.goto(base, { waitUntil: "networkidle" });
  expect(res?.status()).toBe(200);
  await page.getByRole("banner").getByRole("button", { name: "Sign in" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign in with Ethereum" });
  await dialog.waitFor();
  return { dialog, csp: res!.headers()["content-security-policy"] ?? "" };
}

/** Whether any of these scripts contains WalletConnect's sign client (its session proposal method). */
async function loadsWalletConnectCode(scripts: string[]): Promise<boolean> {
  for (const url of scripts) {
    if ((await (await fetch(url)).text()).includes("wc_sessionPropose")) return true;
  }
  return false;
}

describe("WalletConnect", () => {
  it("is not offered, nor allowed by the CSP, without a project id", async () => {
    const page = await browser.newPage();
    const { dialog, csp } = await openSignIn(page, sharedUrl);
    await expect(dialog.getByRole("button", { name: /Demo member A/ }).isVisible()).resolves.toBe(true);
    await expect(dialog.getByRole("button", { name: /WalletConnect/ }).count()).resolves.toBe(0);
    expect(csp).not.toMatch(/walletconnect|web3modal|reown/);
    await page.close();
  });

  it("opens WalletConnect's QR modal with a pairing URI, loading its code only when chosen", async () => {
    const { page, watch } = await walletConnectPage("simulated");
    const { dialog, csp } = await openSignIn(page, app.base);
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:9 wss://relay.walletconnect.com");
    expect(csp).toMatch(/frame-src 'self' https:\/\/verify\.walletconnect\.com/);
    await expect(loadsWalletConnectCode(watch.scripts)).resolves.toBe(false);

    await dialog.getByRole("button", { name: "Sign in with WalletConnect" }).click();
    // Playwright's CSS locators pierce the modal's shadow roots.
    const qr = page.locator("w3m-modal wui-qr-code");
    await qr.waitFor({ timeout: 30_000 });
    const uri = await qr.evaluate((el) => (el as unknown as { uri: string }).uri);
    expect(uri).toMatch(/^wc:[0-9a-f]{64}@2\?.*relay-protocol=irn.*&symKey=[0-9a-f]{64}/);
    expect(watch.relaySockets.length).toBeGreaterThan(0);
    expect(new URL(watch.relaySockets[0]!).searchParams.get("projectId")).toBe(PROJECT_ID);
    await expect(loadsWalletConnectCode(watch.scripts)).resolves.toBe(true);
    // Visible, not hidden under our sign-in dialog: a modal <dialog> would sit in the top layer above it.
    const box = (await qr.boundingBox())!;
    const topmost = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.tagName.toLowerCase(),
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
    );
    expect(topmost).toBe("w3m-modal");
    await screenshot(page, "walletconnect-qr");

    // Closing WalletConnect's modal abandons the pairing and hands back to the dialog.
    await page.keyboard.press("Escape");
    await page.locator("w3m-modal:not(.open)").waitFor({ state: "attached" });
    await expect(dialog.getByRole("alert").textContent({ timeout: 10_000 })).resolves.toBe(
      "WalletConnect was closed before a wallet connected.",
    );
    expect(watch.unexpected).toEqual([]);
    await page.close();
  });

  it("says next to the button that the relay cannot be reached, and closes WalletConnect's modal", async () => {
    const { page, watch } = await walletConnectPage("unreachable");
    const { dialog } = await openSignIn(page, app.base);
    const button = dialog.getByRole("button", { name: "Sign in with WalletConnect" });
    await button.click();
    const alert = dialog.getByRole("alert");
    await alert.waitFor({ timeout: RELAY_TIMEOUT_MS + 20_000 });
    await expect(alert.textContent()).resolves.toMatch(/Could not reach the WalletConnect relay/);
    // The message is the button's description, and the dialog is modal again.
    const describedBy = await button.getAttribute("aria-describedby");
    await expect(alert.getAttribute("id")).resolves.toBe(describedBy);
    await expect(dialog.evaluate((d) => d.matches(":modal"))).resolves.toBe(true);
    await expect(page.locator("w3m-modal.open").count()).resolves.toBe(0);
    expect(watch.relaySockets.length).toBeGreaterThan(0);
    await screenshot(page, "walletconnect-unreachable");
    expect(watch.unexpected).toEqual([]);
    await page.close();
  });
});
