// `npm test` on a machine without a system chromium: the suite then drives the chromium shipped in the npm package
// @sparticuz/chromium (tests/support/chromium.ts). This file drives that browser whatever the machine has, with
// the system one out of the way, so the fallback is proven on every run, not only on bare machines.
import { chromium } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { findChromium, SYSTEM_CHROMIUM } from "../support/chromium.ts";

describe("the browser shipped in node_modules", () => {
  it("is chosen when the system has none, and renders the app's home page", async () => {
    const found = await findChromium({ systemPath: "/nonexistent/chromium" });
    expect(found.executablePath).not.toBe(SYSTEM_CHROMIUM);
    expect(found.description).toMatch(/^no chromium at \/nonexistent\/chromium: .*@sparticuz\/chromium@/);

    const browser = await chromium.launch({
      executablePath: found.executablePath,
      env: { ...process.env, ...found.env },
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const response = await page.goto(inject("baseUrl"), { waitUntil: "networkidle" });
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { name: /Live parameter set/ }).textContent()).resolves.toMatch(
        /v\d+/,
      );
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("refuses a CHROMIUM_PATH that names no executable, in one line", async () => {
    await expect(findChromium({ chromiumPath: "/nonexistent/chromium" })).rejects.toThrow(
      "CHROMIUM_PATH=/nonexistent/chromium: no executable there",
    );
  });
});
