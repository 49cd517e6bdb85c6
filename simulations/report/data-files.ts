/** sha256 of the market data files a run read, keyed by file name (reports pin the exact data). */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { historyFiles } from "../market/history.ts";

export function dataFileHashes(symbols: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of symbols) {
    const f = historyFiles(s);
    for (const path of [f.prices, f.dvol]) {
      if (path) out[basename(path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  }
  return out;
}
