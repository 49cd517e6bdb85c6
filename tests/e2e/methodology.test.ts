// The methodology as a page of the production build, the field help's links into it, and the files of public/
// (favicon, link-preview card) with the metadata that points crawlers at them.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, SCREENSHOT_DIR, watchConsole } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The content attribute of a meta tag in server-rendered HTML (attributes in React's order: name/property first). */
function meta(html: string, key: string): string | undefined {
  const m = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html);
  return m?.[1]?.replaceAll("&amp;", "&");
}

describe("/methodology", () => {
  it("renders docs/methodology.md with GitHub-style heading ids, tables and the parameter anchors", async () => {
    const page = await browser.newPage();
    const errors = watchConsole(page);
    const response = await page.goto(`${baseUrl}/methodology`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    await expect(
      page.getByRole("heading", { level: 1, name: "MarginLab methodology" }).isVisible(),
    ).resolves.toBe(true);
    // Heading slugs as GitHub makes them, so links into the document work in both places.
    await expect(page.locator("h1#part-iii-the-margin-engine").textContent()).resolves.toBe(
      "Part III: the margin engine",
    );
    await expect(page.locator('h2[id="26-standard-margin-the-efficiency-baseline"]').count()).resolves.toBe(
      1,
    );
    // A table of contents before section 1 links every section and part by its id.
    const contents = page.getByRole("navigation", { name: "Contents" });
    await expect(
      contents.getByRole("link", { name: "28. span-grid parameters" }).getAttribute("href"),
    ).resolves.toBe("#28-span-grid-parameters");
    await expect(
      contents.getByRole("link", { name: "Part III: the margin engine" }).getAttribute("href"),
    ).resolves.toBe("#part-iii-the-margin-engine");
    // GFM tables are tables (the stress windows of section 3 among them).
    await expect(page.locator("table code", { hasText: "2022-11-ftx" }).count()).resolves.toBeGreaterThan(0);
    // Every parameter entry is an anchor followed by the field's name; raw HTML is otherwise not rendered.
    await expect(page.locator('a[id^="param-"]').count()).resolves.toBeGreaterThanOrEqual(86);
    await expect(page.locator("#param-span-grid-priceScanRange + strong").textContent()).resolves.toBe(
      "priceScanRange",
    );
    await expect(page.getByText('<a id="param-').count()).resolves.toBe(0);
    // The top of the page only: a full-page capture of this long document takes longer than a test may.
    await page.screenshot({ path: `${SCREENSHOT_DIR}/methodology.png` });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("is reached from a parameter's help on the parameters page, at that parameter's entry", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchConsole(page);
    await page.goto(`${baseUrl}/parameters`, { waitUntil: "networkidle" });
    // The live set's third field, whatever the seeded model: its row names its key, its help links to its entry.
    const row = page.locator("table.param-table tbody tr").nth(2);
    const key = (await row.locator("code.param-key").textContent()) ?? "";
    const link = row.getByRole("link", { name: /^Methodology: / });
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/methodology#param-(span-grid|derive-pm2)-[A-Za-z0-9-]+$/);
    await link.click();
    await page.waitForURL(`${baseUrl}${href}`);
    await page.waitForLoadState("networkidle");
    const anchor = page.locator(`[id="${href.slice("/methodology#".length)}"]`);
    await expect(anchor.count()).resolves.toBe(1);
    // The entry names the field and has been scrolled to: its top is inside the viewport, below the sticky header.
    await expect(anchor.locator("xpath=following-sibling::strong[1]").textContent()).resolves.toBe(key);
    const box = await anchor.locator("xpath=following-sibling::strong[1]").boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThan(0);
    expect(box!.y).toBeLessThan(900 / 2);
    await expect(page.evaluate(() => window.scrollY)).resolves.toBeGreaterThan(1000);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/methodology-parameter.png` });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("the proposal form's field help", () => {
  it("opens a parameter's entry in a new tab, so the draft being written stays", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchConsole(page);
    await page.goto(`${baseUrl}/proposals/new`, { waitUntil: "networkidle" });
    // The first field of the live set's model, whatever it is.
    const help = page.locator(".field .field-desc a.doc-link").first();
    const href = (await help.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/methodology#param-(span-grid|derive-pm2)-[A-Za-z0-9-]+$/);
    await expect(help.getAttribute("target")).resolves.toBe("_blank");
    await expect(help.getAttribute("aria-label")).resolves.toMatch(
      /^Methodology: .+ \(opens in a new tab\)$/,
    );
    const [doc] = await Promise.all([page.context().waitForEvent("page"), help.click()]);
    await doc.waitForLoadState("networkidle");
    expect(doc.url()).toBe(`${baseUrl}${href}`);
    const id = href.slice("/methodology#".length);
    await expect(doc.locator(`[id="${id}"]`).count()).resolves.toBe(1);
    // The form is still there, on its own page.
    expect(page.url()).toBe(`${baseUrl}/proposals/new`);
    expect(errors).toEqual([]);
    await doc.close();
    await page.close();
  });
});

describe("public/ and link previews", () => {
  it("serves /favicon.ico as an icon with 16, 32 and 48 px images", async () => {
    const res = await fetch(`${baseUrl}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
    const ico = Buffer.from(await res.arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon), 3 images; then each entry's width.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 3]);
    expect([ico[6], ico[22], ico[38]]).toEqual([16, 32, 48]);
  });

  it("serves the 1200x630 link-preview card", async () => {
    const res = await fetch(`${baseUrl}/og-report.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const png = Buffer.from(await res.arrayBuffer());
    // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers.
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });

  it("gives a report permalink an Open Graph and Twitter card pointing at the card image", async () => {
    const res = await fetch(`${baseUrl}/proposals/1`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const title = meta(html, "og:title") ?? "";
    expect(title).toMatch(/^#1 \S/);
    expect(meta(html, "twitter:title")).toBe(title);
    expect(meta(html, "og:url")).toBe(`${baseUrl}/proposals/1`);
    expect(meta(html, "og:image")).toBe(`${baseUrl}/og-report.png`);
    expect(meta(html, "og:image:width")).toBe("1200");
    expect(meta(html, "og:image:height")).toBe("630");
    expect(meta(html, "twitter:card")).toBe("summary_large_image");
    expect(meta(html, "twitter:image")).toBe(`${baseUrl}/og-report.png`);
    // The seeded proposal has a report: its verdict is the description.
    expect(meta(html, "og:description")).toMatch(/^MarginLab impact report, proposed vs live: margin /);
  });
});
