// On-chain governance in the production build, as `npm start` runs it on the embedded database: the local chain
// with the contracts deployed and the demo wallets' delegated tokens. In chromium: a demo member sees their votes,
// reads a proposal's lane and fork preview, downloads the Safe batch, and endorses (accepted by token weight).
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SafeBatchFile, safeBatchChecksum } from "../../server/chain/safe-batch.ts";
import { startAppOnOwnDatabase } from "../support/app-process.ts";
import { launchBrowser, screenshot, watchConsole } from "../support/browser.ts";

let browser: Browser;
let app: Awaited<ReturnType<typeof startAppOnOwnDatabase>>;

beforeAll(async () => {
  app = await startAppOnOwnDatabase("onchain", {
    LOCAL_CHAIN: "on",
    RUN_DEFAULT_ACCOUNTS: "20",
    RUN_DEFAULT_PATHS: "2",
  });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function signInAsDemo(page: Page, label: string) {
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Sign in with Ethereum" });
  await dialog.getByRole("button", { name: new RegExp(label) }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 20_000 });
}

describe("on-chain governance", () => {
  it("shows a member's votes, the proposal's lane and fork preview, the Safe batch, and weighs the endorsement", async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors = watchConsole(page);
    await page.goto(`${app.base}/proposals/1`, { waitUntil: "networkidle" });
    await signInAsDemo(page, "Demo member A");
    // Votes are read from the chain after sign-in.
    await expect
      .poll(() => page.locator(".wallet-menu .signed-in").textContent(), { timeout: 20_000 })
      .toContain("25,000 votes · self-delegated");

    // Seeded proposal #1 widens the scan range 0.15 -> 0.18: +20%, beyond the 10% steward bound.
    const panel = page.locator("#on-chain");
    await panel.getByRole("heading", { name: /On chain:\s*full vote/ }).waitFor({ timeout: 30_000 });
    await expect(panel.textContent()).resolves.toContain("changes 20%, beyond the steward bound of 10%");
    await expect(panel.textContent()).resolves.toContain("The registry accepts setParameters");
    const preview = panel.getByRole("table", { name: "Registry before and after the call" });
    await expect(preview.locator("tbody tr").first().textContent()).resolves.toBe("priceScanRange0.150.18");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      panel.getByRole("button", { name: "Download Safe batch" }).click(),
    ]);
    const batch = JSON.parse(readFileSync((await download.path())!, "utf8")) as SafeBatchFile;
    expect(batch).toMatchObject({ version: "1.0", chainId: "31337" });
    expect(batch.transactions[0]?.contractMethod.name).toBe("setParameters");
    expect(JSON.parse(batch.transactions[0]!.contractInputsValues.names!)).toEqual(["priceScanRange"]);
    expect(batch.meta.checksum).toBe(safeBatchChecksum(batch));

    // The seed's endorsement of #1 by member B (10,000 votes), then member A's (25,000).
    await page.getByRole("button", { name: "Endorse with my wallet" }).click();
    await page
      .getByText("You endorsed the current report.")
      .or(page.locator(".endorse [role=alert]"))
      .waitFor({ timeout: 20_000 });
    await expect(page.locator(".endorse [role=alert]").count()).resolves.toBe(0);
    await expect
      .poll(() => panel.textContent(), { timeout: 20_000 })
      .toContain("Backing weight: 35,000 votes from 2 endorsing members");
    await screenshot(page, "proposal-on-chain");
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
