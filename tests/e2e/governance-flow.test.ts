// The whole governance flow in a real browser against the production build: members sign in with an injected
// wallet (window.ethereum backed by a viem account in this test process; the key never enters the page), draft a
// proposal while the quick preview follows their typing, publish it, watch the simulation's progress bar, read the
// charts, endorse it from two other members, review it as a steward until it is backed, and export it as Markdown.
// Also: the demo wallet picker signs in without an extension, and the pages work on a phone-sized screen.
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { computeReportHash } from "../../simulations/report/report-hash.ts";
import { launchBrowser, screenshot, watchConsole } from "../support/browser.ts";
import { alice, bob, carol, steward, type TestAccount } from "../support/wallets.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
const contexts: BrowserContext[] = [];
const consoleErrors: { page: string; errors: string[] }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

type Hex = `0x${string}`;

/** A browser profile whose window.ethereum signs with `account` in this process (EIP-1193 over exposeFunction). */
async function walletContext(account: TestAccount | null, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  contexts.push(context);
  if (account) {
    await context.exposeFunction("__wallet", async (method: string, params: unknown[]) => {
      try {
        switch (method) {
          case "eth_requestAccounts":
          case "eth_accounts":
            return { result: [account.address] };
          case "eth_chainId":
            return { result: "0x1" };
          case "personal_sign":
            return { result: await account.signMessage({ message: { raw: params[0] as Hex } }) };
          case "eth_signTypedData_v4":
            return { result: await account.signTypedData(JSON.parse(params[1] as string)) };
          default:
            return { error: { code: 4200, message: `${method} is not supported by the test wallet` } };
        }
      } catch (e) {
        return { error: { code: -32603, message: (e as Error).message } };
      }
    });
    await context.addInitScript(() => {
      type Answer = { result?: unknown; error?: { code: number; message: string } };
      const w = window as unknown as {
        __wallet: (m: string, p: unknown[]) => Promise<Answer>;
        ethereum: unknown;
      };
      w.ethereum = {
        async request({ method, params }: { method: string; params?: unknown[] }) {
          const answer = await w.__wallet(method, params ?? []);
          if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
          return answer.result;
        },
        on() {},
        removeListener() {},
      };
    });
  }
  return context;
}

async function openPage(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  const errors = watchConsole(page);
  consoleErrors.push({ page: path, errors });
  const res = await page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle" });
  expect(res?.status()).toBe(200);
  return page;
}

async function signInWithInjected(page: Page) {
  await page.getByRole("button", { name: "Sign in", exact: true }).first().click();
  const dialog = page.getByRole("dialog", { name: "Sign in with Ethereum" });
  await dialog.getByRole("button", { name: /^Sign in with / }).click();
  await expect(
    page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 20_000 }),
  ).resolves.toBeUndefined();
}

/** Screenshot for the test artifacts, after checking that nothing makes the page wider than the window. */
async function snap(page: Page, name: string) {
  const { scrollWidth, viewport } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `horizontal scroll on ${name}`).toBe(viewport);
  await screenshot(page, name);
}

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`.toLowerCase();

let proposalNumber = 0;
let proposalPath = "";

describe("governance flow in the browser", () => {
  it("signs in with an injected wallet, drafts a proposal and sees the preview follow the typing", async () => {
    const context = await walletContext(alice);
    const page = await openPage(context, "/");
    await snap(page, "dashboard");
    await signInWithInjected(page);
    await expect(page.locator(".wallet-menu").textContent()).resolves.toContain(short(alice.address));

    await page.getByRole("link", { name: "New proposal" }).first().click();
    await page.waitForURL(/\/proposals\/new$/);
    await page.getByLabel("Title").fill("Widen the price scan range to ±25% for the next cycle");
    await page
      .getByLabel(/^Rationale/)
      .fill("Recent crashes moved **BTC** by more than 15% in a day; a wider scan range covers them.");

    const preview = page.getByTestId("preview-btc-short-strangle");
    await page.getByText("Preview up to date.").waitFor({ timeout: 20_000 });
    const before = await preview.textContent();
    const scan = page.getByLabel(/^Price scan range/);
    await scan.fill("0.25");
    // The changes table and the preview follow the input: the short strangle needs more margin on a wider range.
    await page.getByRole("heading", { name: /Changes against live\s*1/ }).waitFor();
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).not.toBe(before);
    // An out-of-bounds value is explained next to the field, and the preview waits for a valid one.
    await scan.fill("1.5");
    await expect(page.locator("#field-priceScanRange-error").textContent()).resolves.toContain(
      "must be greater than 0, at most 1",
    );
    await page.getByText("Preview paused: fix the highlighted fields.").waitFor();
    // A fraction shown as "0.25 (25%)" may be typed as a percentage.
    await scan.fill("25%");
    await page.getByText("Preview up to date.").waitFor({ timeout: 20_000 });
    await snap(page, "proposal-editor");

    // Unsaved work survives a reload: the browser warns first, and the form comes back with a note to say so.
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    await page.waitForTimeout(500); // the autosave is debounced (250 ms)
    await page.reload({ waitUntil: "networkidle" });
    await page.getByText(/Restored unsaved changes from/).waitFor({ timeout: 20_000 });
    expect(dialogs).toContain("beforeunload");
    await expect(page.getByLabel("Title").inputValue()).resolves.toBe(
      "Widen the price scan range to ±25% for the next cycle",
    );
    await expect(page.getByLabel(/^Price scan range/).inputValue()).resolves.toBe("25%");
    await page.getByRole("heading", { name: /Changes against live\s*1/ }).waitFor();

    await page.getByRole("button", { name: "Save as draft" }).click();
    await page.waitForURL(/\/proposals\/\d+$/, { timeout: 20_000 });
    // Saved: nothing is kept for the next new proposal.
    await expect(
      page.evaluate(() => window.localStorage.getItem("marginlab:unsaved-proposal:new")),
    ).resolves.toBeNull();
    proposalPath = new URL(page.url()).pathname;
    proposalNumber = Number(proposalPath.split("/").pop());
    await page.getByRole("heading", { name: /Widen the price scan range to ±25%/ }).waitFor();
    await expect(page.getByRole("table").first().textContent()).resolves.toContain("0.25 (25%)");

    // The author can still edit the draft: the form opens with the saved change applied.
    await page.getByRole("link", { name: "Edit draft" }).click();
    await page.waitForURL(/\/edit$/);
    await expect(page.getByLabel(/^Price scan range/).inputValue()).resolves.toBe("0.25");
    await page.getByLabel("Title").fill("Widen the price scan range to ±25% for the next cycle (v2)");
    // Edits of a saved draft are kept too, and can be discarded back to the saved draft.
    await page.waitForTimeout(500);
    await page.reload({ waitUntil: "networkidle" });
    await page.getByText(/Restored unsaved changes from/).waitFor({ timeout: 20_000 });
    await expect(page.getByLabel("Title").inputValue()).resolves.toMatch(/\(v2\)$/);
    await page.getByRole("button", { name: "Discard them" }).click();
    await expect(page.getByLabel("Title").inputValue()).resolves.toBe(
      "Widen the price scan range to ±25% for the next cycle",
    );
    await page.getByLabel("Title").fill("Widen the price scan range to ±25% for the next cycle (v2)");
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.waitForURL(new RegExp(`${proposalPath}$`));
    await page.getByRole("heading", { name: /\(v2\)/ }).waitFor();
    await page.close();
  }, 120_000);

  it("publishes, shows the run's progress bar, then the report with its charts", async () => {
    const context = contexts[0] as BrowserContext;
    const page = await openPage(context, proposalPath);
    await page.getByRole("button", { name: "Publish and simulate" }).click();
    const progress = page.getByRole("progressbar", { name: "Simulation progress" });
    await progress.waitFor({ timeout: 20_000 });
    await snap(page, "proposal-running");
    await page.locator(".verdict").waitFor({ timeout: 240_000 });
    await expect(progress.count()).resolves.toBe(0);
    await expect(page.locator(".verdict").textContent()).resolves.toMatch(/margin [+\u2212]\d/);

    // Charts: canvases are drawn (some pixel is not transparent).
    await page.locator(".chart-box canvas").first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    const canvases = await page.locator(".chart-box canvas").evaluateAll((els) =>
      els.map((el) => {
        const c = el as HTMLCanvasElement;
        const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        if (data) for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 0) painted++;
        return { width: c.width, height: c.height, painted };
      }),
    );
    expect(canvases.length).toBeGreaterThanOrEqual(4);
    for (const c of canvases) {
      expect(c.width).toBeGreaterThan(0);
      expect(c.painted).toBeGreaterThan(100);
    }
    await expect(page.locator("table.heatmap td").count()).resolves.toBeGreaterThan(4);
    await expect(page.locator("pre.cli").textContent()).resolves.toContain("npm run -s marginlab -- verify");
    // The first screen: what it costs and what risk it removes, each with its base, then the frontier
    // before any table.
    await expect(page.locator(".trade-off").textContent()).resolves.toMatch(
      /What it costs.*Initial margin held.*Base: one moment.*What risk it removes.*Bad debt 99% ES over 30 days across Monte Carlo paths.*Accounts insolvent/s,
    );
    const top = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
    expect(await top("#frontier-heading")).toBeLessThan(await top("table.metrics"));
    expect(await top(".trade-off")).toBeLessThan(await top("#frontier-heading"));
    await snap(page, "proposal-report");
    await page.close();
  }, 300_000);

  it("is endorsed by two members and reviewed by a steward until it is backed", async () => {
    for (const member of [bob, carol]) {
      const context = await walletContext(member);
      const page = await openPage(context, proposalPath);
      await signInWithInjected(page);
      await page.getByRole("button", { name: "Endorse with my wallet" }).click();
      // The button gives way to the confirmation once the endorsement is recorded (or an error says why not).
      await page
        .getByText("You endorsed the current report.")
        .or(page.locator(".endorse [role=alert]"))
        .waitFor({ timeout: 20_000 });
      await expect(page.locator(".endorse [role=alert]").count()).resolves.toBe(0);
      await page.close();
    }
    const context = await walletContext(steward);
    const page = await openPage(context, proposalPath);
    await signInWithInjected(page);
    await expect(page.locator(".wallet-menu").textContent()).resolves.toContain("steward");
    await page.getByText(/2 of 2 member endorsements/).waitFor();
    await page.getByRole("radio", { name: "Approve" }).check();
    await page.getByLabel(/^Comment/).fill("Checked the FTX and LUNA windows: the extra margin is worth it.");
    await page.getByRole("button", { name: "Submit review" }).click();
    await page.locator(".proposal-head .badge.state-backed").waitFor({ timeout: 20_000 });
    await expect(page.locator(".proposal-head").textContent()).resolves.toContain("Backed");
    await page.getByText("Checked the FTX and LUNA windows").waitFor();

    // Discussion: a comment and a one-level reply.
    await page.getByLabel(/^Add a comment/).fill("Does this also cover the **2020-03** crash?");
    await page.getByRole("button", { name: "Comment", exact: true }).click();
    await page.locator(".comment").filter({ hasText: "2020-03" }).waitFor();
    await page
      .getByRole("button", { name: /^Reply/ })
      .first()
      .click();
    await page.getByLabel(/^Your reply/).fill("Yes: see the Black Thursday window.");
    await page.getByRole("button", { name: "Reply", exact: true }).click();
    await page.locator(".reply-list .comment").filter({ hasText: "Black Thursday" }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export Markdown" }).click(),
    ]);
    const path = await download.path();
    const md = readFileSync(path, "utf8");
    expect(md).toContain(`# #${proposalNumber}: Widen the price scan range to ±25%`);
    expect(md).toContain("**Verdict:** margin");
    expect(md).toContain("npm run -s marginlab -- verify");
    expect(md).toContain("2 of 2 endorsements; steward approved; backed.");

    // The page carries only the report's view; Export JSON fetches the report as stored, whose hash is the one shown.
    const [jsonDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export JSON" }).click(),
    ]);
    const stored = JSON.parse(readFileSync(await jsonDownload.path(), "utf8")) as Record<string, unknown>;
    expect(computeReportHash(stored)).toBe(stored.reportHash);
    await expect(page.locator("#reproduce code.hash").first().textContent()).resolves.toBe(stored.reportHash);
    await snap(page, "proposal-backed");
    await page.close();
  }, 180_000);

  it("signs in with a labelled demo wallet when there is no browser wallet", async () => {
    const context = await walletContext(null);
    const page = await openPage(context, "/runs");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Sign in with Ethereum" });
    // Said in words, not shown as a (disabled) button.
    await dialog.getByText("No browser wallet found.").waitFor();
    await expect(dialog.getByRole("button", { name: /browser wallet/i }).count()).resolves.toBe(0);
    await dialog.getByText(/Throwaway keys/).waitFor();
    await dialog.getByRole("button", { name: /Demo member B/ }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 20_000 });
    // A member queues another run of a proposal from the runs page: another seed.
    const queue = page.getByRole("form", { name: "Queue another run" });
    const choice = queue.getByLabel("Proposal").locator("option", { hasText: `#${proposalNumber} ` });
    await queue.getByLabel("Proposal").selectOption((await choice.getAttribute("value")) ?? "");
    await queue.getByLabel("Seed").fill("seven");
    await queue.getByRole("button", { name: "Queue run" }).click();
    await queue.getByText('"seven" is not a whole number').waitFor();
    await queue.getByLabel("Seed").fill("7");
    await queue.getByRole("button", { name: "Queue run" }).click();
    const queued = queue.getByRole("status");
    await queued.waitFor({ timeout: 20_000 });
    await expect(queued.textContent()).resolves.toMatch(/^Queued: run [a-z0-9]{10}\.$/);
    await snap(page, "runs");
    // The demo wallet stays connected across a reload, so it can sign endorsements later.
    await page.reload({ waitUntil: "networkidle" });
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in", exact: true }).waitFor();
    await page.close();
  }, 60_000);

  it("works on a phone-sized screen: no sideways scroll, the whole nav in view", async () => {
    const context = await walletContext(null, { width: 390, height: 844 });
    // The demo's seeded proposal #1 carries a full report (hundreds of accounts, Monte Carlo paths).
    for (const path of [
      "/",
      proposalPath,
      "/proposals/1",
      "/parameters",
      "/proposals/new",
      "/runs",
      "/stewards",
    ]) {
      const page = await openPage(context, path);
      await page.waitForTimeout(300);
      await snap(page, `phone${path === "/" ? "-dashboard" : path.replace(/\//g, "-")}`);
      const navRight = await page
        .locator(".main-nav a")
        .evaluateAll((links) => Math.max(...links.map((a) => a.getBoundingClientRect().right)));
      expect(navRight, `nav links cut off on ${path}`).toBeLessThanOrEqual(390);
      await page.close();
    }
    const page = await openPage(await walletContext(null), "/parameters");
    await snap(page, "parameters");
    await page.close();
  }, 90_000);

  it("answers 404 for a proposal or a run that does not exist; a run's short id links to it", async () => {
    const page = await (await walletContext(null)).newPage();
    for (const path of ["/proposals/999999", "/runs/doesnotexist00", "/runs/c"]) {
      const res = await page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle" });
      expect(res?.status(), path).toBe(404);
      await page.getByRole("heading", { name: "Not found" }).waitFor();
    }
    // The short id the pages show (10 characters) opens the run, at its full id.
    await page.goto(`${baseUrl}/runs`, { waitUntil: "networkidle" });
    const href = (await page.locator('.run-card a[href^="/runs/"]').first().getAttribute("href")) ?? "";
    const fullId = href.split("/").pop() ?? "";
    expect(fullId.length).toBeGreaterThan(10);
    const res = await page.goto(`${baseUrl}/runs/${fullId.slice(0, 10)}`, { waitUntil: "networkidle" });
    expect(res?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/runs/${fullId}`);
    await page.getByRole("heading", { name: new RegExp(`run ${fullId.slice(0, 10)}`) }).waitFor();
    await expect(page.getByText("Loading the run").count()).resolves.toBe(0);
    await page.close();
  });

  it("logged no console errors (including hydration errors) on any page", () => {
    expect(consoleErrors.filter((c) => c.errors.length > 0)).toEqual([]);
  });
});
