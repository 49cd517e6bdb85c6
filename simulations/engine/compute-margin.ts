/**
 * The one-portfolio API: market + portfolio (+ parameter set, + returns for VaR/ES) -> margin report.
 * Inputs may be raw JSON values (validated here) or already parsed objects.
 */
import { type MarketSnapshot, parseMarketSnapshot } from "../input/market-snapshot.ts";
import { type Portfolio, parsePortfolio } from "../input/portfolio.ts";
import { parseParamSet } from "../models/registry.ts";
import type { ReturnsMatrix } from "../risk/historical-scenarios.ts";
import type { MarginReport } from "./margin-report.ts";

export type ComputeMarginInput = {
  market: MarketSnapshot | unknown;
  portfolio: Portfolio | unknown;
  /** A parameter-set JSON value (`{"model"?, ...fields}`); absent = span-grid defaults. */
  params?: unknown;
  history?: ReturnsMatrix;
  historyUnavailable?: string;
  portfolioSource?: string;
};

function isMarket(v: unknown): v is MarketSnapshot {
  return typeof v === "object" && v !== null && typeof (v as MarketSnapshot).asOfMs === "number";
}

function isPortfolio(v: unknown): v is Portfolio {
  const p = v as Portfolio;
  return (
    typeof v === "object" &&
    v !== null &&
    Array.isArray(p.collateral) &&
    Array.isArray(p.positions) &&
    p.positions.every((x) => typeof x?.instrument === "object")
  );
}

export function computeMargin(input: ComputeMarginInput): MarginReport {
  const market = isMarket(input.market) ? input.market : parseMarketSnapshot(input.market);
  const portfolio = isPortfolio(input.portfolio) ? input.portfolio : parsePortfolio(input.portfolio);
  const { model, params } = parseParamSet(input.params ?? {});
  return model.compute({
    market,
    portfolio,
    params,
    ...(input.history ? { history: input.history } : {}),
    ...(input.historyUnavailable ? { historyUnavailable: input.historyUnavailable } : {}),
    ...(input.portfolioSource ? { portfolioSource: input.portfolioSource } : {}),
  });
}
