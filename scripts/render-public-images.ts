/**
 * Renders the committed images of public/ from their sources, with Debian's chromium (playwright-core, no
 * network): public/favicon.ico (16, 32 and 48 px PNGs of app/icon.svg, for browsers that ask for /favicon.ico)
 * and public/og-report.png (the 1200x630 link-preview card of report permalinks, from
 * scripts/public-images/og-report.svg). Run `npx tsx scripts/render-public-images.ts` after changing a source.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";

const ROOT = join(import.meta.dirname, "..");
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FAVICON_SIZES = [16, 32, 48] as const;

/** The SVG drawn at exactly width x height CSS pixels (device scale 1), transparent where it is. */
async function renderSvg(browser: Browser, svg: string, width: number, height: number): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  try {
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${src}" width="${width}" height="${height}" style="display:block"></body></html>`,
    );
    await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
    return await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width, height } });
  } finally {
    await page.close();
  }
}

/**
 * An ICO file holding PNG images (supported by every browser since Windows Vista's format revision): a 6-byte
 * header, one 16-byte directory entry per image, then the PNGs.
 */
export function icoOfPngs(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    e.writeUInt8(size >= 256 ? 0 : size, 1); // height
    e.writeUInt8(0, 2); // no palette
    e.writeUInt8(0, 3); // reserved
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const icon = readFileSync(join(ROOT, "app/icon.svg"), "utf8");
    const pngs = [];
    for (const size of FAVICON_SIZES) pngs.push({ size, png: await renderSvg(browser, icon, size, size) });
    writeFileSync(join(ROOT, "public/favicon.ico"), icoOfPngs(pngs));
    const card = readFileSync(join(ROOT, "scripts/public-images/og-report.svg"), "utf8");
    writeFileSync(join(ROOT, "public/og-report.png"), await renderSvg(browser, card, 1200, 630));
  } finally {
    await browser.close();
  }
  console.log("wrote public/favicon.ico and public/og-report.png");
}

await main();
