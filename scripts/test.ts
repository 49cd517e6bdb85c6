// `npm test`: every check a change must pass, in order, with one summary at the end and a non-zero exit on any
// failure. Integration tests also run against PostgreSQL when TEST_DATABASE_URL is set (.ci/run sets it).
import { spawnSync } from "node:child_process";
import { findChromium } from "../tests/support/chromium.ts";

// Next would otherwise report anonymous telemetry over the network.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

type Step = { name: string; command: string[]; needs?: string };

const steps: Step[] = [
  { name: "typecheck", command: ["npx", "tsc", "--noEmit", "-p", "."] },
  { name: "lint", command: ["npx", "biome", "check", "."] },
  { name: "unit", command: ["npx", "vitest", "run", "--project", "unit"] },
  { name: "integration", command: ["npx", "vitest", "run", "--project", "integration"] },
  { name: "security", command: ["npx", "vitest", "run", "--project", "security"] },
  { name: "build", command: ["npm", "run", "-s", "build"] },
  { name: "e2e", command: ["npx", "vitest", "run", "--project", "e2e"], needs: "build" },
];

const only = process.argv.slice(2);
const results: { name: string; status: "passed" | "FAILED" | "skipped"; seconds: number }[] = [];

for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue;
  if (step.needs && results.some((r) => r.name === step.needs && r.status !== "passed")) {
    results.push({ name: step.name, status: "skipped", seconds: 0 });
    continue;
  }
  console.log(`\n━━ ${step.name}: ${step.command.join(" ")}`);
  if (step.name === "e2e") {
    // Says which browser the suite drives; unpacks the one shipped in node_modules when the system has none.
    try {
      console.log(`e2e browser: ${(await findChromium()).description}`);
    } catch (e) {
      console.error(`e2e: no browser: ${(e as Error).message}`);
      results.push({ name: step.name, status: "FAILED", seconds: 0 });
      continue;
    }
  }
  const started = performance.now();
  const run = spawnSync(step.command[0]!, step.command.slice(1), { stdio: "inherit", env: process.env });
  const seconds = (performance.now() - started) / 1000;
  results.push({ name: step.name, status: run.status === 0 ? "passed" : "FAILED", seconds });
}

console.log("\n━━ Summary");
for (const r of results)
  console.log(`${r.name.padEnd(12)} ${r.status.padEnd(8)} ${r.seconds.toFixed(1).padStart(7)} s`);
const failed = results.filter((r) => r.status !== "passed");
console.log(failed.length === 0 ? "All checks passed." : `${failed.length} check(s) did not pass.`);
process.exit(failed.length === 0 ? 0 : 1);
