import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, watchConsole } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("home page on the production build", () => {
  it("renders the seeded live parameter set from the database without console errors", async () => {
    const page = await browser.newPage();
    const errors = watchConsole(page);
    const response = await page.goto(baseUrl, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    // Security headers: a nonce-based CSP (scripts we did not serve cannot run) and no framing or sniffing.
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toMatch(
      /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
    );
    expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    // Other e2e files may have enacted later versions on this shared server by now.
    await expect(page.getByRole("heading", { name: /Live parameter set/ }).textContent()).resolves.toMatch(
      /v\d+/,
    );
    await screenshot(page, "home");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("answers /api/health with the database kind and migration state", async () => {
    const res = await fetch(`${baseUrl}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      database: { kind: string; migrations: { upToDate: boolean; pending: string[] } };
    };
    expect(body.status).toBe("ok");
    expect(body.database.kind).toBe("pglite");
    expect(body.database.migrations).toMatchObject({ upToDate: true, pending: [] });
  });
});

describe("a run's own report page", () => {
  it("shows a seeded run's report with its reproducibility block, without console errors", async () => {
    const list = await fetch(
      `${baseUrl}/api/trpc/runs.list?input=${encodeURIComponent(JSON.stringify({ json: { status: "succeeded" } }))}`,
    );
    const runs = ((await list.json()) as { result: { data: { json: { id: string }[] } } }).result.data.json;
    expect(runs.length).toBeGreaterThan(0);
    const page = await browser.newPage();
    const errors = watchConsole(page);
    await page.goto(`${baseUrl}/runs/${runs[0]!.id}`, { waitUntil: "networkidle" });
    await expect(page.getByRole("heading", { name: "Impact report" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("heading", { name: "Reproduce this report" }).isVisible()).resolves.toBe(
      true,
    );
    await screenshot(page, "run-report");
    expect(errors).toEqual([]);
    await page.close();
  });
});
