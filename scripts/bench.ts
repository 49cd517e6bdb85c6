// Runs every suite in scripts/bench/*.bench.ts (or those named on the command line) and prints one table.
// Figures are ratios against a baseline measured in the same process, so they travel between machines.
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchRow, BenchSuite } from "./bench/types.ts";

const dir = fileURLToPath(new URL("./bench/", import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

let failed = 0;
for (const file of files) {
  const suite = (await import(pathToFileURL(dir + file).href)).default as BenchSuite;
  console.log(`\n## ${suite.title}  (${file})`);
  const rows: BenchRow[] = await suite.run();
  const width = Math.max(...rows.map((r) => r.measure.length), 10);
  for (const r of rows) {
    const verdict = r.ok === undefined ? "" : r.ok ? "  ok" : "  MISSED";
    if (r.ok === false) failed++;
    console.log(
      `${r.measure.padEnd(width)}  ${r.value.padStart(18)}  ${(r.target ?? "").padEnd(14)}${verdict}`,
    );
  }
}
console.log(`\n${files.length} suite(s); ${failed} target(s) missed`);
