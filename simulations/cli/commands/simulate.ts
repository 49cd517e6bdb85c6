/**
 * `marginlab simulate --live L.json --proposed P.json [--accounts N] [--paths N] [--windows ids...]
 *   [--seed S] [--threads N] [--horizon-days D] [--population F.json|F.csv] [--out report.json]`
 * Runs the stress simulation of both parameter sets (partial sets are merged onto their model's
 * defaults) with a progress bar on stderr, and writes the JSON report to --out (stdout without it).
 * `--windows` takes window ids, `all` or `none` (space- or comma-separated); `--paths 0` skips Monte Carlo.
 */
import { readFileSync, writeFileSync } from "node:fs";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { EngineError } from "../../errors.ts";
import { PopulationError, parsePopulationJson } from "../../population/import-population.ts";
import { runSimulation, type SimulationReport } from "../../simulation/run-simulation.ts";
import {
  parseSimulationInputs,
  SimulationInputError,
  type SimulationInputs,
} from "../../simulation/simulation-inputs.ts";
import { findNonFinite } from "../assert-finite.ts";
import type { CliCommand } from "../command.ts";
import { UsageError } from "../command.ts";
import { checkFileSize, readJsonFile } from "../read-json-file.ts";

export type SimulateOptions = {
  live: string;
  proposed: string;
  accounts?: string;
  paths?: string;
  windows?: string[];
  seed?: string;
  threads?: string;
  horizonDays?: string;
  population?: string;
  out?: string;
};

function integer(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${flag}: must be a whole number, got "${value}"`);
  return Number(value);
}

/**
 * A population file's largest size: MAX_IMPORTED_ACCOUNTS accounts of a few positions each (about 400 bytes an
 * account in JSON).
 */
export const MAX_POPULATION_FILE_BYTES = 64 * 1024 * 1024;

/** Read the population file: JSON (`{"accounts": [...]}` or the bare array) or CSV by extension. */
function populationInput(path: string): Record<string, unknown> {
  checkFileSize(path, MAX_POPULATION_FILE_BYTES, "a population file");
  if (path.toLowerCase().endsWith(".csv")) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new EngineError({
        code: "INVALID_INPUT",
        reason: code === "ENOENT" ? "file not found" : `cannot read file (${code})`,
        source: path,
      });
    }
    return { csv: text };
  }
  const json = readJsonFile(path, { maxBytes: MAX_POPULATION_FILE_BYTES, what: "a population file" });
  // Its shape checked here, so a wrong one is named by its field in this file (e.g. `accounts: must be an array`).
  try {
    parsePopulationJson(json);
  } catch (e) {
    if (!(e instanceof PopulationError)) throw e;
    throw new EngineError({ code: "INVALID_INPUT", reason: `${e.field}: ${e.reason}`, source: path });
  }
  return { accounts: Array.isArray(json) ? json : (json as { accounts: unknown }).accounts };
}

/** Build and validate the inputs; errors name the file (or flag), the field and the reason. */
export function simulateInputs(opts: SimulateOptions): SimulationInputs {
  const live = readJsonFile(opts.live);
  const proposed = readJsonFile(opts.proposed);
  const windows = opts.windows
    ?.flatMap((w) => w.split(","))
    .map((w) => w.trim())
    .filter((w) => w !== "");
  const raw: Record<string, unknown> = {
    live,
    proposed,
    accounts: integer("--accounts", opts.accounts),
    paths: integer("--paths", opts.paths),
    seed: integer("--seed", opts.seed),
    horizonDays: integer("--horizon-days", opts.horizonDays),
    ...(windows ? { windows } : {}),
    ...(opts.population ? { population: populationInput(opts.population) } : {}),
  };
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  try {
    return parseSimulationInputs(raw);
  } catch (e) {
    if (!(e instanceof SimulationInputError)) throw e;
    const [head, ...rest] = e.field.split(/(?<=^[A-Za-z]+)(?=[.[])/);
    const field = rest.join("").replace(/^\./, "");
    if (head === "live" || head === "proposed") {
      throw new EngineError({
        code: "INVALID_PARAMS",
        path: field ? field.split(".") : [],
        reason: e.reason,
        source: head === "live" ? opts.live : opts.proposed,
      });
    }
    if (head === "population" && opts.population) {
      const reason = e.reason.replace(/^population(\.csv)?: /, "");
      throw new EngineError({
        code: "INVALID_INPUT",
        reason: field && !reason.startsWith(field) ? `${field}: ${reason}` : reason,
        source: opts.population,
      });
    }
    const flag = head === "horizonDays" ? "--horizon-days" : `--${head}`;
    throw new UsageError(`${flag}${field && !field.startsWith("[") ? ` ${field}` : ""}: ${e.reason}`);
  }
}

/** Run with a progress bar on stderr (drawn only on a terminal); Ctrl-C aborts cleanly. */
export async function runWithProgress(
  inputs: SimulationInputs,
  threads: number | undefined,
): Promise<SimulationReport> {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: "simulating [{bar}] {percentage}% | {stage}",
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1000, 0, { stage: "starting" });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    return await runSimulation(inputs, {
      threads,
      signal: controller.signal,
      onProgress: (p) => bar.update(Math.round(p.fraction * 1000), { stage: p.stage }),
    });
  } finally {
    process.removeListener("SIGINT", onSigint);
    bar.stop();
  }
}

export async function runSimulate(opts: SimulateOptions): Promise<void> {
  const inputs = simulateInputs(opts);
  const threads = integer("--threads", opts.threads);
  if (threads !== undefined && (threads < 1 || threads > 64))
    throw new UsageError("--threads: must be in [1, 64]");
  let report: SimulationReport;
  try {
    report = await runWithProgress(inputs, threads);
  } catch (e) {
    if (e instanceof PopulationError)
      throw new EngineError({
        code: "INVALID_INPUT",
        reason: e.message,
        ...(opts.population ? { source: opts.population } : {}),
      });
    throw e;
  }
  const bad = findNonFinite(report);
  if (bad) throw new Error(`internal: non-finite number at ${bad} in the report`);
  const text = `${JSON.stringify(report, null, 2)}\n`;
  if (opts.out) {
    writeFileSync(opts.out, text);
    process.stderr.write(`report ${report.reportHash} written to ${opts.out}\n`);
  } else process.stdout.write(text);
}

export const simulateCommand: CliCommand = {
  name: "simulate",
  register(program: Command) {
    program
      .command("simulate")
      .description(
        "stress simulation of a live and a proposed parameter set: capital efficiency vs insolvency report",
      )
      .requiredOption(
        "--live <file>",
        'live parameter set JSON: {"model"?: "span-grid", ...fields} (partial sets are merged onto defaults)',
      )
      .requiredOption("--proposed <file>", "proposed parameter set JSON")
      .option("--accounts <n>", "accounts in the generated population (default 10000)")
      .option("--paths <n>", "Monte Carlo paths (default 200; 0 skips Monte Carlo)")
      .option("--windows <ids...>", "stress window ids, all or none (default all)")
      .option("--seed <n>", "random seed (default 1)")
      .option("--threads <n>", "worker threads (default: cores, up to 4)")
      .option("--horizon-days <n>", "Monte Carlo and shock path horizon in days (default 30)")
      .option(
        "--population <file>",
        'import accounts from JSON ({"accounts": [...]}) or CSV instead of generating them',
      )
      .option("--out <file>", "write the JSON report here (default: stdout)")
      .action(async (opts: SimulateOptions) => {
        await runSimulate(opts);
      });
  },
};
