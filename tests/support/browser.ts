// chromium driven by playwright-core: no browser is ever downloaded. Which one the e2e global setup chose
// (tests/support/chromium.ts). Flags from the machine notes: the background-networking ones keep chromium from
// calling out of a closed network.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

export const SCREENSHOT_DIR = "test-results/screenshots";

/** A fresh headless chromium (playwright gives every launch a new, empty profile folder). */
export async function launchBrowser(): Promise<Browser> {
  const browser = inject("chromium");
  return chromium.launch({
    executablePath: browser.executablePath,
    env: { ...process.env, ...browser.env },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Collects console errors and uncaught page errors (hydration mismatches arrive as console errors). */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`${msg.text()} at ${msg.location().url}`);
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
