/**
 * `marginlab verify report.json [--threads N]`: checks that the report's `reportHash` is the sha256 of
 * its canonical JSON, then re-runs the simulation from the report's own inputs and fails unless the
 * new report has the same hash. Prints `verified <hash>` on success. A recommendation report
 * (`marginlab recommend`) is re-searched from its live set and search spec (--threads: workers).
 */
import type { Command } from "commander";
import { EngineError } from "../../errors.ts";
import { computeReportHash, ENGINE_VERSION } from "../../simulation/run-simulation.ts";
import { parseSimulationInputs, SimulationInputError } from "../../simulation/simulation-inputs.ts";
import type { CliCommand } from "../command.ts";
import { UsageError } from "../command.ts";
import { readJsonFile } from "../read-json-file.ts";
import { prepareFromFiles, searchWithProgress } from "./recommend.ts";
import { runWithProgress } from "./simulate.ts";

/** The first top-level section whose content differs between two reports. */
function firstDifference(a: Record<string, unknown>, b: Record<string, unknown>): string | null {
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (k === "reportHash") continue;
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return k;
  }
  return null;
}

async function verifyRecommendation(
  file: string,
  r: Record<string, unknown>,
  workers: number | undefined,
): Promise<string> {
  const inputs = r.inputs as { live?: unknown; search?: unknown } | undefined;
  const prepared = prepareFromFiles({
    live: inputs?.live,
    search: inputs?.search,
    liveSource: `${file} (inputs.live)`,
    searchSource: `${file} (inputs.search)`,
  });
  const again = await searchWithProgress(prepared, workers ?? 1);
  if (again.reportHash !== r.reportHash) {
    const where = firstDifference(r, again as unknown as Record<string, unknown>);
    throw new EngineError({
      code: "INVALID_INPUT",
      path: ["reportHash"],
      reason: `re-run gives ${again.reportHash}, the report says ${r.reportHash}${where ? `; first difference in "${where}"` : ""}${r.engineVersion !== again.engineVersion ? ` (report made by engine ${String(r.engineVersion)}, this is ${again.engineVersion})` : ""}`,
      source: file,
    });
  }
  return `verified ${again.reportHash}`;
}

export async function runVerify(file: string, opts: { threads?: string }): Promise<string> {
  const report = readJsonFile(file);
  if (typeof report !== "object" || report === null || Array.isArray(report)) {
    throw new EngineError({ code: "INVALID_INPUT", reason: "a report must be a JSON object", source: file });
  }
  const r = report as Record<string, unknown>;
  if (typeof r.reportHash !== "string") {
    throw new EngineError({
      code: "INVALID_INPUT",
      path: ["reportHash"],
      reason: "missing (not a MarginLab report?)",
      source: file,
    });
  }
  const stored = computeReportHash(r);
  if (stored !== r.reportHash) {
    throw new EngineError({
      code: "INVALID_INPUT",
      path: ["reportHash"],
      reason: `does not match the report's content (content hashes to ${stored}): the file was edited`,
      source: file,
    });
  }
  const threads = opts.threads === undefined ? undefined : Number(opts.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) {
    throw new UsageError("--threads: must be a whole number in [1, 64]");
  }
  if (r.kind === "marginlab-recommendation") return verifyRecommendation(file, r, threads);
  let inputs: ReturnType<typeof parseSimulationInputs>;
  try {
    inputs = parseSimulationInputs(r.inputs);
  } catch (e) {
    if (e instanceof SimulationInputError) {
      throw new EngineError({
        code: "INVALID_INPUT",
        path: ["inputs", ...e.field.split(".")],
        reason: e.reason,
        source: file,
      });
    }
    throw e;
  }
  const again = await runWithProgress(inputs, threads);
  if (again.reportHash !== r.reportHash) {
    const where = firstDifference(r, again as unknown as Record<string, unknown>);
    const engine =
      r.engineVersion !== ENGINE_VERSION
        ? ` (report made by engine ${String(r.engineVersion)}, this is ${ENGINE_VERSION})`
        : "";
    throw new EngineError({
      code: "INVALID_INPUT",
      path: ["reportHash"],
      reason: `re-run gives ${again.reportHash}, the report says ${r.reportHash}${where ? `; first difference in "${where}"` : ""}${engine}`,
      source: file,
    });
  }
  return `verified ${again.reportHash}`;
}

export const verifyCommand: CliCommand = {
  name: "verify",
  register(program: Command) {
    program
      .command("verify")
      .description(
        "re-run a stress or recommendation report from its inputs and fail unless the report hash matches",
      )
      .argument("<report>", "report JSON written by marginlab simulate or marginlab recommend")
      .option("--threads <n>", "worker threads for the re-run (for a recommendation: candidate workers)")
      .action(async (file: string, opts: { threads?: string }) => {
        process.stdout.write(`${await runVerify(file, opts)}\n`);
      });
  },
};
