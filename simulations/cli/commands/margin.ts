/**
 * `marginlab margin --market M.json --portfolio P.json [--params X.json] [--format json|table]`
 * Prints the margin report of one portfolio. VaR/ES use real daily returns ending the day before
 * the snapshot (`jointDailyReturns`); if an underlying has no history they are reported unavailable.
 */
import type { Command } from "commander";
import { STABLE_ASSETS } from "../../engine/bind-portfolio.ts";
import { computeMargin } from "../../engine/compute-margin.ts";
import { EngineError } from "../../errors.ts";
import { parseMarketSnapshot } from "../../input/market-snapshot.ts";
import { MAX_PORTFOLIO_FILE_BYTES, parsePortfolio } from "../../input/portfolio.ts";
import { jointDailyReturns } from "../../market/history.ts";
import { runDeriveCaseCommand } from "../../models/derive-pm2/case-command.ts";
import { parseParamSet } from "../../models/registry.ts";
import type { ReturnsMatrix } from "../../risk/historical-scenarios.ts";
import { findNonFinite } from "../assert-finite.ts";
import type { CliCommand } from "../command.ts";
import { UsageError } from "../command.ts";
import { formatReportTable } from "../format-table.ts";
import { inFile, readJsonFile } from "../read-json-file.ts";

type MarginOptions = {
  market?: string;
  portfolio?: string;
  params?: string;
  format: string;
  deriveCase?: string;
  json?: boolean;
};

function dayBefore(asOfMs: number): string {
  return new Date(Date.UTC(...utcDay(asOfMs)) - 86_400_000).toISOString().slice(0, 10);
}

function utcDay(ms: number): [number, number, number] {
  const d = new Date(ms);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}

export function runMargin(opts: MarginOptions): string {
  if (opts.deriveCase !== undefined) {
    if (opts.market !== undefined || opts.portfolio !== undefined || opts.params !== undefined) {
      throw new UsageError("--derive-case takes the whole account and parameters from the case file");
    }
    return runDeriveCaseCommand(opts.deriveCase, { json: opts.json === true });
  }
  if (opts.market === undefined || opts.portfolio === undefined) {
    throw new UsageError("--market and --portfolio are required (or --derive-case <file>)");
  }
  const marketPath = opts.market;
  const portfolioPath = opts.portfolio;
  if (opts.format !== "json" && opts.format !== "table") {
    throw new UsageError(`--format must be json or table, got "${opts.format}"`);
  }
  const market = inFile(marketPath, () => parseMarketSnapshot(readJsonFile(marketPath)));
  const portfolio = inFile(portfolioPath, () =>
    parsePortfolio(
      readJsonFile(portfolioPath, { maxBytes: MAX_PORTFOLIO_FILE_BYTES, what: "a portfolio file" }),
    ),
  );
  const paramsPath = opts.params;
  const paramJson = paramsPath ? readJsonFile(paramsPath) : {};
  const { model, params } = paramsPath
    ? inFile(paramsPath, () => parseParamSet(paramJson))
    : parseParamSet({});

  const symbols = [
    ...new Set([
      ...portfolio.positions.map((p) => p.instrument.underlying),
      ...portfolio.collateral
        .map((c) => c.asset)
        .filter((a) => !(STABLE_ASSETS.has(a) && !market.underlyings[a])),
    ]),
  ].sort();
  let history: ReturnsMatrix | undefined;
  let historyUnavailable: string | undefined;
  const days = model.historyDays(params);
  if (symbols.length > 0 && days > 0) {
    try {
      history = jointDailyReturns(symbols, { days, endDate: dayBefore(market.asOfMs) });
    } catch (e) {
      historyUnavailable = e instanceof Error ? e.message : String(e);
    }
  }

  let report: ReturnType<typeof computeMargin>;
  try {
    report = computeMargin({
      market,
      portfolio,
      params: paramJson,
      ...(history ? { history } : {}),
      ...(historyUnavailable ? { historyUnavailable } : {}),
      portfolioSource: portfolioPath,
    });
  } catch (e) {
    // Field errors raised while margining belong to the file that holds the field.
    if (e instanceof EngineError && e.source === undefined) {
      throw e.withSource(e.code === "MISSING_HISTORY" ? (paramsPath ?? "parameters") : portfolioPath);
    }
    throw e;
  }
  const bad = findNonFinite(report);
  if (bad) throw new Error(`internal: non-finite number at ${bad} in the report`);
  return opts.format === "table" ? formatReportTable(report) : JSON.stringify(report, null, 2);
}

export const marginCommand: CliCommand = {
  name: "margin",
  register(program: Command) {
    program
      .command("margin")
      .description("portfolio margin, standard margin, Greeks, scenario losses and VaR/ES of one portfolio")
      .option(
        "--market <file>",
        'market snapshot JSON: {"asOf", "underlyings": {"BTC": {"spot", "vol", "rate"?}}}',
      )
      .option(
        "--portfolio <file>",
        'portfolio JSON: {"collateral", "positions": [{"instrument", "qty", "iv"?}]}',
      )
      .option("--params <file>", 'parameter set JSON: {"model"?: "span-grid", ...fields}; absent = defaults')
      .option("--format <format>", "json or table", "json")
      .option(
        "--derive-case <file>",
        "instead of --market/--portfolio: one of Derive's published PM2 case files, our result next to the expected one",
      )
      .option(
        "--json",
        "with --derive-case: one JSON object {MM, IM, worst_reg_loss, worst_tail_loss, worst_skew_loss}",
      )
      .action((opts: MarginOptions) => {
        process.stdout.write(`${runMargin(opts)}\n`);
      });
  },
};
