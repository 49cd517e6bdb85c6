/**
 * VaR and ES of one bound portfolio by full revaluation over historical scenarios: every instrument
 * (and collateral holding) is repriced under each past joint move of the underlyings, once plain and
 * once EWMA-filtered (risk/historical-scenarios.ts), and the portfolio's loss sample goes to `varEs`.
 */
import type { AccountBook } from "../margin/account-book.ts";
import { accountScenarioLosses } from "../margin/account-scenario-losses.ts";
import type { InstrumentTable } from "../margin/instrument-table.ts";
import { buildRiskArray, type RiskArray } from "../margin/risk-array.ts";
import { historicalScenarioSet, type ReturnsMatrix } from "../risk/historical-scenarios.ts";
import { varEs } from "../risk/var-es.ts";
import type { RiskMeasure } from "./margin-report.ts";

export type HistoricalRiskParams = {
  varConfidence: number;
  varHorizonDays: number;
  varLookbackDays: number;
  ewmaLambda: number;
};

export type HistoricalRisk = {
  var: RiskMeasure;
  es: RiskMeasure;
  /** Per-unit historical losses (instruments x windows), for the margin add-on; null if unavailable. */
  riskArrays: { historical: RiskArray; filtered: RiskArray } | null;
};

/** Keep the last `days` returns of every series. */
function lastDays(history: ReturnsMatrix, days: number): ReturnsMatrix {
  const n = history.dates.length;
  const from = Math.max(0, n - days);
  const returns: Record<string, Float64Array> = {};
  for (const [k, r] of Object.entries(history.returns)) returns[k] = r.subarray(r.length - (n - from));
  return { dates: history.dates.slice(from), returns };
}

/** Loss of a one-account book in every scenario of a risk array. */
export function bookLosses(book: AccountBook, riskArray: RiskArray, account = 0): Float64Array {
  const out = new Float64Array(riskArray.scenarios);
  accountScenarioLosses(book, account, riskArray, out);
  return out;
}

export function historicalRisk(args: {
  table: InstrumentTable;
  book: AccountBook;
  history: ReturnsMatrix | undefined;
  params: HistoricalRiskParams;
  unavailable?: string;
}): HistoricalRisk {
  const { table, book, params } = args;
  const base = {
    confidence: params.varConfidence,
    horizonDays: params.varHorizonDays,
    lookbackDays: params.varLookbackDays,
  };
  const missing = args.history ? table.underlyings.find((u) => !args.history!.returns[u]) : undefined;
  if (!args.history || missing !== undefined) {
    const why =
      args.unavailable ?? (missing ? `no historical returns for ${missing}` : "no historical returns given");
    const none: RiskMeasure = {
      historical: null,
      filtered: null,
      ...base,
      observations: 0,
      from: null,
      to: null,
      unavailable: why,
    };
    return { var: none, es: { ...none }, riskArrays: null };
  }
  const history = lastDays(args.history, params.varLookbackDays);
  const window = { from: history.dates[0] ?? null, to: history.dates[history.dates.length - 1] ?? null };
  const observations = Math.max(0, history.dates.length - params.varHorizonDays + 1);
  if (observations === 0) {
    const none: RiskMeasure = {
      historical: null,
      filtered: null,
      ...base,
      observations: 0,
      ...window,
      unavailable: `only ${history.dates.length} daily returns, fewer than the ${params.varHorizonDays}-day horizon`,
    };
    return { var: none, es: { ...none }, riskArrays: null };
  }
  const build = (filtered: boolean): RiskArray =>
    buildRiskArray({
      table,
      scenarios: historicalScenarioSet({
        history,
        underlyings: table.underlyings,
        horizonDays: params.varHorizonDays,
        filtered,
        ewmaLambda: params.ewmaLambda,
      }),
      horizonDays: params.varHorizonDays,
    });
  const historical = build(false);
  const filtered = build(true);
  const measure = (ra: RiskArray) =>
    table.count === 0
      ? { var: 0, es: 0 }
      : varEs({ losses: bookLosses(book, ra), confidence: params.varConfidence });
  const h = measure(historical);
  const f = measure(filtered);
  return {
    var: { historical: h.var, filtered: f.var, ...base, observations, ...window },
    es: { historical: h.es, filtered: f.es, ...base, observations, ...window },
    riskArrays: { historical, filtered },
  };
}
