import { join } from "node:path";
import { computeMargin } from "../../../simulations/engine/compute-margin.ts";
import { EngineError, formatPath } from "../../../simulations/errors.ts";
import { KNOWN_BAD_CLOSES } from "../../../simulations/market/bad-closes.ts";
import { readDailyOhlcCsv, readDailyValueCsv } from "../../../simulations/market/daily-csv.ts";
import { addDays } from "../../../simulations/market/iso-day.ts";
import { getModel } from "../../../simulations/models/registry.ts";
import type { ReturnsMatrix } from "../../../simulations/risk/historical-scenarios.ts";
import { AppError } from "../../errors/app-error.ts";
import { applyChanges, type ParameterChanges } from "./parameter-changes.ts";

/**
 * The quick preview of a draft: the margin a handful of representative accounts pay under the live set and under
 * the proposed one, on today's market (last close and DVOL in simulations/data). It runs in milliseconds, so the
 * editor can call it as the member types; the full stress simulation runs when the proposal is published.
 */

export type PreviewMarket = { date: string; assets: Record<string, { spot: number; dvol: number | null }> };

export type PreviewMargins = { initial: number; maintenance: number; standardInitial: number };

export type PreviewPortfolio = {
  id: string;
  name: string;
  description: string;
  live: PreviewMargins;
  proposed: PreviewMargins;
};

export type PreviewResult = { market: PreviewMarket; portfolios: PreviewPortfolio[] };

const SYMBOLS = ["BTC", "ETH"] as const;
type Symbol = (typeof SYMBOLS)[number];

type Series = { dates: string[]; close: Float64Array; dvol: Map<string, number> };

let seriesCache: { series: Record<Symbol, Series>; loadedAt: number } | undefined;
const CACHE_TTL_MS = 10 * 60_000;

/**
 * Daily closes (known bad closes replaced by the next open, as the engine's history loader does) and DVOL.
 * Read from the project's data folder (cwd), not relative to this module: inside Next's server bundle the module
 * URL points into `.next/`, where the CSV files are not.
 */
function loadSeries(dataDir = join(process.cwd(), "simulations/data")): Record<Symbol, Series> {
  if (seriesCache && Date.now() - seriesCache.loadedAt < CACHE_TTL_MS) return seriesCache.series;
  const series = {} as Record<Symbol, Series>;
  for (const sym of SYMBOLS) {
    const lower = sym.toLowerCase();
    const ohlc = readDailyOhlcCsv(join(dataDir, `${lower}-usd-daily.csv`));
    const close = Float64Array.from(ohlc.close);
    for (const day of KNOWN_BAD_CLOSES[sym] ?? []) {
      const i = ohlc.dates.indexOf(day);
      if (i >= 0 && i + 1 < close.length) close[i] = ohlc.open[i + 1] as number;
    }
    const raw = readDailyValueCsv(join(dataDir, `${lower}-dvol-daily.csv`), "dvol");
    // DVOL is quoted in percent; the engine wants a decimal vol.
    const dvol = new Map(raw.dates.map((d, k) => [d, (raw.values[k] as number) / 100] as const));
    series[sym] = { dates: ohlc.dates, close, dvol };
  }
  seriesCache = { series, loadedAt: Date.now() };
  return series;
}

/** Spot and DVOL of BTC and ETH on the last day both have a close. */
export function latestMarket(): PreviewMarket {
  const series = loadSeries();
  const date = SYMBOLS.map((s) => series[s].dates[series[s].dates.length - 1] as string).sort()[0] as string;
  const assets: PreviewMarket["assets"] = {};
  for (const sym of SYMBOLS) {
    const s = series[sym];
    const i = s.dates.lastIndexOf(date);
    assets[sym] = { spot: s.close[i] as number, dvol: s.dvol.get(date) ?? null };
  }
  return { date, assets };
}

/** The last `days` joint daily log returns ending the day before `date` (for VaR/ES add-ons). */
function returnsBefore(date: string, days: number): ReturnsMatrix {
  const series = loadSeries();
  const end = addDays(date, -1);
  const indexes = SYMBOLS.map((s) => new Map(series[s].dates.map((d, i) => [d, i] as const)));
  const common = series.BTC.dates.filter((d) => d <= end && indexes.every((m) => m.has(d)));
  if (common.length - 1 < days) {
    throw new AppError(
      "INVALID_INPUT",
      `only ${common.length - 1} days of joint history, the add-on needs ${days}`,
      {
        field: "changes.varLookbackDays",
      },
    );
  }
  const dates = common.slice(common.length - days);
  const returns: Record<string, Float64Array> = {};
  SYMBOLS.forEach((sym, k) => {
    const idx = indexes[k] as Map<string, number>;
    const close = series[sym].close;
    const out = new Float64Array(days);
    for (let j = 0; j < days; j++) {
      const t = idx.get(common[common.length - days + j] as string) as number;
      const p = idx.get(common[common.length - days + j - 1] as string) as number;
      out[j] = Math.log((close[t] as number) / (close[p] as number));
    }
    returns[sym] = out;
  });
  return { dates, returns };
}

const round = (x: number, step: number) => Math.max(step, Math.round(x / step) * step);

type Spec = { id: string; name: string; description: string; portfolio: unknown };

/** Typical accounts of a derivatives venue, sized from today's spots so they stay realistic as prices move. */
export function representativePortfolios(market: PreviewMarket): Spec[] {
  const spot = (s: Symbol) => market.assets[s]?.spot ?? 1;
  const expiry = addDays(market.date, 28);
  const btc = spot("BTC");
  const eth = spot("ETH");
  const option = (underlying: Symbol, strike: number, kind: "call" | "put", qty: number) => ({
    type: "option",
    underlying,
    expiry,
    strike,
    kind,
    qty,
  });
  const btcStep = 1000;
  const ethStep = 50;
  return [
    {
      id: "btc-short-strangle",
      name: "BTC short strangle",
      description: "Market maker: short 10 calls at +10% and 10 puts at -10%, 4 weeks, USD collateral.",
      portfolio: {
        collateral: round(10 * btc * 0.3, 1000),
        positions: [
          option("BTC", round(btc * 1.1, btcStep), "call", -10),
          option("BTC", round(btc * 0.9, btcStep), "put", -10),
        ],
      },
    },
    {
      id: "btc-covered-call",
      name: "BTC covered call",
      description: "Holder of 10 BTC writing 10 calls at +10%, 4 weeks; collateral is the BTC itself.",
      portfolio: {
        collateral: [{ asset: "BTC", amount: 10 }],
        positions: [option("BTC", round(btc * 1.1, btcStep), "call", -10)],
      },
    },
    {
      id: "btc-put-spread",
      name: "BTC put spread buyer",
      description: "Defined-risk hedge: long 10 puts at -10%, short 10 puts at -20%, 4 weeks.",
      portfolio: {
        collateral: round(10 * btc * 0.05, 1000),
        positions: [
          option("BTC", round(btc * 0.9, btcStep), "put", 10),
          option("BTC", round(btc * 0.8, btcStep), "put", -10),
        ],
      },
    },
    {
      id: "eth-short-straddle",
      name: "ETH short straddle",
      description: "Vol seller: short 200 ATM calls and 200 ATM puts, 4 weeks, USD collateral.",
      portfolio: {
        collateral: round(200 * eth * 0.35, 1000),
        positions: [
          option("ETH", round(eth, ethStep), "call", -200),
          option("ETH", round(eth, ethStep), "put", -200),
        ],
      },
    },
    {
      id: "eth-long-perp",
      name: "ETH long perp, 5x",
      description: "Directional trader: long ETH perpetual worth 5 times the USD collateral.",
      portfolio: {
        collateral: 100_000,
        positions: [{ type: "perp", underlying: "ETH", qty: Math.round((500_000 / eth) * 100) / 100 }],
      },
    },
    {
      id: "btc-eth-pair",
      name: "BTC/ETH pair",
      description: "Relative value: long 5 BTC perp, short the same USD notional of ETH perp.",
      portfolio: {
        collateral: round(5 * btc * 0.2, 1000),
        positions: [
          { type: "perp", underlying: "BTC", qty: 5 },
          { type: "perp", underlying: "ETH", qty: -Math.round(((5 * btc) / eth) * 100) / 100 },
        ],
      },
    },
  ];
}

function marginsOf(report: ReturnType<typeof computeMargin>): PreviewMargins {
  return {
    initial: report.portfolioMargin.initial,
    maintenance: report.portfolioMargin.maintenance,
    standardInitial: report.standardMargin.initial,
  };
}

/**
 * Margins of the representative accounts under the live set and with the member's changes applied. Invalid
 * changes fail with the field they are about (`changes.<path>`), like saving a draft does.
 */
export function previewMargins(args: {
  live: { model: string; params: Record<string, unknown> };
  changes: ParameterChanges;
  market?: PreviewMarket;
}): PreviewResult {
  const market = args.market ?? latestMarket();
  const proposedParams = applyChanges(args.live.model, args.live.params, args.changes);
  const snapshot = {
    asOf: `${market.date}T08:00:00Z`,
    underlyings: Object.fromEntries(
      Object.entries(market.assets).map(([sym, a]) => [sym, { spot: a.spot, vol: a.dvol ?? 0.6, rate: 0 }]),
    ),
  };
  const model = getModel(args.live.model);
  const historyFor = (params: Record<string, unknown>) => {
    const days = model.historyDays(model.resolveParams(params));
    return days > 0 ? returnsBefore(market.date, days) : undefined;
  };
  const histories = new Map<Record<string, unknown>, ReturnsMatrix | undefined>([
    [args.live.params, historyFor(args.live.params)],
    [proposedParams, historyFor(proposedParams)],
  ]);
  const portfolios = representativePortfolios(market).map((spec) => {
    const margin = (params: Record<string, unknown>) => {
      try {
        return marginsOf(
          computeMargin({
            market: snapshot,
            portfolio: spec.portfolio,
            params: { ...params, model: args.live.model },
            ...(histories.get(params) ? { history: histories.get(params) } : {}),
          }),
        );
      } catch (e) {
        if (e instanceof EngineError) {
          // Portfolios are built here and valid, so an engine error is about the parameters.
          const field = e.code === "MISSING_HISTORY" ? `changes.${formatPath(e.path)}` : "changes";
          throw new AppError("INVALID_INPUT", `${spec.name}: ${e.reason}`, { field, cause: e });
        }
        throw e;
      }
    };
    return {
      id: spec.id,
      name: spec.name,
      description: spec.description,
      live: margin(args.live.params),
      proposed: margin(proposedParams),
    };
  });
  return { market, portfolios };
}
