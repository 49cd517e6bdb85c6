/**
 * `marginlab recommend --live L.json --search S.json [--out rec.json] [--workers N]`
 * Searches for the most capital-efficient parameter set within the search's insolvency budget
 * (simulations/recommend/), with a progress bar on stderr (candidates done / planned, current
 * best), and writes the recommendation report (stdout without --out). `--workers`: candidate
 * evaluations run at once, one per worker thread (default: the machine's cores, up to 4).
 */

import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { EngineError } from "../../errors.ts";
import { threadExecutor } from "../../recommend/candidate-executor.ts";
import { formatUsd, type RecommendationReport } from "../../recommend/recommendation-report.ts";
import { runSearch } from "../../recommend/run-search.ts";
import { type PreparedSearch, prepareSearch } from "../../recommend/search-spec.ts";
import { findNonFinite } from "../assert-finite.ts";
import type { CliCommand } from "../command.ts";
import { UsageError } from "../command.ts";
import { readJsonFile } from "../read-json-file.ts";

export type RecommendOptions = { live: string; search: string; out?: string; workers?: string };

export function parseWorkers(value: string | undefined): number {
  if (value === undefined) return Math.min(4, availableParallelism());
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 64) {
    throw new UsageError(`--workers: must be a whole number in [1, 64], got "${value}"`);
  }
  return n;
}

/** Validates the search against the live set; errors name the file, the field and the reason. */
export function prepareFromFiles(args: {
  live: unknown;
  search: unknown;
  liveSource: string;
  searchSource: string;
}): PreparedSearch {
  try {
    return prepareSearch({ live: args.live, spec: args.search });
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    const [head, ...rest] = e.path;
    if (head === "live") {
      throw new EngineError({ code: e.code, path: rest, reason: e.reason, source: args.liveSource });
    }
    throw e.withSource(args.searchSource);
  }
}

/** Runs a search with a progress bar on stderr (drawn only on a terminal); Ctrl-C aborts cleanly. */
export async function searchWithProgress(
  prepared: PreparedSearch,
  workers: number,
): Promise<RecommendationReport> {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: "recommend [{bar}] {value}/{total} candidates | {stage} | best: {best}",
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0, { stage: "starting", best: "-" });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  const executor = threadExecutor(workers);
  try {
    return await runSearch({
      prepared,
      executor,
      signal: controller.signal,
      onProgress: (p) => {
        bar.setTotal(Math.max(1, p.total));
        bar.update(p.done, {
          stage: p.stage,
          best: p.best
            ? `${p.best.key} objective ${formatUsd(p.best.objective)} (${p.best.feasible ? "feasible" : "infeasible"}, ${p.best.stage})`
            : "-",
        });
      },
    });
  } finally {
    process.removeListener("SIGINT", onSigint);
    bar.stop();
    await executor.close();
  }
}

export async function runRecommend(opts: RecommendOptions): Promise<void> {
  const prepared = prepareFromFiles({
    live: readJsonFile(opts.live),
    search: readJsonFile(opts.search),
    liveSource: opts.live,
    searchSource: opts.search,
  });
  const report = await searchWithProgress(prepared, parseWorkers(opts.workers));
  const bad = findNonFinite(report);
  if (bad) throw new Error(`internal: non-finite number at ${bad} in the recommendation`);
  const text = `${JSON.stringify(report, null, 2)}\n`;
  if (opts.out) {
    writeFileSync(opts.out, text);
    process.stderr.write(`${report.headline}\nrecommendation ${report.reportHash} written to ${opts.out}\n`);
  } else process.stdout.write(text);
}

export const recommendCommand: CliCommand = {
  name: "recommend",
  register(program: Command) {
    program
      .command("recommend")
      .description(
        "search for the most capital-efficient parameter set within an insolvency budget (see docs/methodology.md)",
      )
      .requiredOption("--live <file>", "live parameter set JSON (partial sets are merged onto defaults)")
      .requiredOption(
        "--search <file>",
        'search spec JSON: {"fields": [{"path", "min", "max", "step"?}], "appetite"?, "budget"?, "evaluation"?, "screening"?, "effort"?, "seed"?}',
      )
      .option(
        "--workers <n>",
        "candidate evaluations at once, one per worker thread (default: cores, up to 4)",
      )
      .option("--out <file>", "write the recommendation report here (default: stdout)")
      .action(async (opts: RecommendOptions) => {
        await runRecommend(opts);
      });
  },
};
