/**
 * The span-grid margin of one portfolio: bind it to the market, price every distinct instrument once
 * per grid scenario (risk array), aggregate the account, add contingencies and the optional VaR/ES
 * add-on, and report Greeks, scenario losses, standard margin, VaR/ES, collateral and account state.
 */
import { bindPortfolio } from "../../engine/bind-portfolio.ts";
import { historicalRisk } from "../../engine/historical-risk.ts";
import type { MarginReport, ScenarioLoss } from "../../engine/margin-report.ts";
import { portfolioGreeks, positionGreeks } from "../../engine/position-greeks.ts";
import { marginAccountBook, spanGridUniverseOf } from "../../engine/span-grid-universe.ts";
import { EngineError } from "../../errors.ts";
import type { RiskAddOnSpec } from "../../margin/aggregate-accounts.ts";
import type { MarginInput } from "../registry.ts";
import type { SpanGridParams } from "./params.ts";

export function computeSpanGrid(input: MarginInput<SpanGridParams>): MarginReport {
  const { market, portfolio, params } = input;
  const bound = bindPortfolio({
    market,
    portfolio,
    params,
    ...(input.portfolioSource ? { source: input.portfolioSource } : {}),
  });
  const { table, book } = bound;
  const universe = spanGridUniverseOf(table, { market, params });
  const { scenarios, riskArray } = universe;
  const risk = historicalRisk({
    table,
    book,
    history: input.history,
    params,
    ...(input.historyUnavailable ? { unavailable: input.historyUnavailable } : {}),
  });

  let addOn: RiskAddOnSpec | undefined;
  if (params.riskAddOn !== "none") {
    if (!risk.riskArrays) {
      throw new EngineError({
        code: "MISSING_HISTORY",
        path: ["riskAddOn"],
        reason: `${params.riskAddOn} add-on needs historical returns: ${risk.var.unavailable ?? "none given"}`,
      });
    }
    const filtered = params.riskAddOn.startsWith("filtered");
    addOn = {
      riskArray: filtered ? risk.riskArrays.filtered : risk.riskArrays.historical,
      measure: params.riskAddOn.endsWith("-es") ? "es" : "var",
      confidence: params.varConfidence,
      mode: params.riskAddOnMode,
    };
  }
  const m = marginAccountBook({ universe, book, ...(addOn ? { addOn } : {}) });

  // Scenario losses of the portfolio, per underlying and in total.
  const S = scenarios.count;
  const scenarioLosses: ScenarioLoss[] = [];
  let argmax = 0;
  for (let s = 0; s < S; s++) {
    const byUnderlying: Record<string, number> = {};
    for (const u of table.underlyings) byUnderlying[u] = 0;
    let total = 0;
    for (let p = book.offsets[0]!; p < book.offsets[1]!; p++) {
      const i = book.instrument[p]!;
      const l = book.qty[p]! * riskArray.loss[i * S + s]!;
      const u = table.underlyings[table.underlying[i]!]!;
      byUnderlying[u]! += l;
      total += l;
    }
    scenarioLosses.push({
      priceShock: scenarios.priceShock[s]!,
      volShock: scenarios.volShockLabel[s]!,
      weight: scenarios.weight[s]!,
      loss: total,
      byUnderlying,
    });
    if (total > scenarioLosses[argmax]!.loss) argmax = s;
  }
  const worstIndex = m.worstScenario[0]! >= 0 ? m.worstScenario[0]! : argmax;
  const worst = scenarioLosses[worstIndex];
  let worstUnderlying: string | undefined;
  if (worst && m.worstScenario[0]! >= 0 && params.underlyingAggregation === "per-underlying") {
    worstUnderlying = Object.entries(worst.byUnderlying).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  }

  const positions = portfolio.positions.map((p) => positionGreeks(market, p));
  const greeks = portfolioGreeks(
    portfolio.positions.map((p, k) => ({ underlying: p.instrument.underlying, greeks: positions[k]! })),
  );
  const initial = m.initial[0]!;
  const maintenance = m.maintenance[0]!;
  const equity = m.equity[0]!;
  const collateralValue = bound.collateral.reduce((s, c) => s + c.valueUsd, 0);
  const collateralHaircutValue = bound.collateral.reduce((s, c) => s + c.haircutValueUsd, 0);
  return {
    model: "span-grid",
    asOf: market.asOf,
    positions,
    greeks,
    scenarioLosses,
    worstLoss: m.worstLoss[0]!,
    worstScenario: {
      priceShock: worst?.priceShock ?? 0,
      volShock: worst?.volShock ?? 0,
      ...(worstUnderlying ? { underlying: worstUnderlying } : {}),
    },
    portfolioMargin: {
      initial,
      maintenance,
      components: {
        worstLoss: m.worstLoss[0]!,
        shortOptionMinimum: m.shortOptionMinimum[0]!,
        linearContingency: m.linearContingency[0]!,
        riskAddOn: m.riskAddOn[0]!,
      },
    },
    standardMargin: { initial: m.standardInitial[0]!, maintenance: m.standardMaintenance[0]! },
    var: risk.var,
    es: risk.es,
    collateral: {
      holdings: bound.collateral,
      valueUsd: collateralValue,
      haircutValueUsd: collateralHaircutValue,
    },
    account: {
      equity,
      initialExcess: equity - initial,
      maintenanceExcess: equity - maintenance,
      marginRatio: equity > 0 ? maintenance / equity : null,
      initialMarginRatio: equity > 0 ? initial / equity : null,
    },
  };
}
