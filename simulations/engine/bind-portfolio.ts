/**
 * Bind one portfolio to a market: validate every position against the snapshot (naming the field),
 * net positions per instrument into a one-account book, and turn collateral into cash (stablecoins)
 * and spot holdings at haircut value that move with their underlying in every scenario, so BTC
 * collateral loses value in exactly the scenarios where a short BTC put book does (wrong-way risk).
 */
import { EngineError } from "../errors.ts";
import type { MarketSnapshot } from "../input/market-snapshot.ts";
import type { Portfolio } from "../input/portfolio.ts";
import type { Instrument } from "../instruments/instrument.ts";
import { type AccountBook, buildAccountBook } from "../margin/account-book.ts";
import {
  buildInstrumentTable,
  type InstrumentTable,
  instrumentProblem,
  type UniverseEntry,
  universeKey,
} from "../margin/instrument-table.ts";

/** Assets valued at 1 USD without a market price. */
export const STABLE_ASSETS: ReadonlySet<string> = new Set([
  "USD",
  "USDC",
  "USDT",
  "DAI",
  "USDE",
  "PYUSD",
  "FDUSD",
]);

export type CollateralParams = {
  collateralHaircuts: Record<string, number>;
  defaultCollateralHaircut: number;
};

export type CollateralLine = {
  asset: string;
  amount: number;
  /** Spot in USD (1 for stable assets). */
  priceUsd: number;
  haircut: number;
  valueUsd: number;
  haircutValueUsd: number;
};

export type BoundPortfolio = {
  table: InstrumentTable;
  book: AccountBook;
  /** Instrument row of each portfolio position, in input order. */
  positionRow: Int32Array;
  collateral: CollateralLine[];
  cashUsd: number;
};

export function haircutOf(asset: string, params: CollateralParams): number {
  const h = params.collateralHaircuts[asset];
  if (h !== undefined) return h;
  return STABLE_ASSETS.has(asset) ? 0 : params.defaultCollateralHaircut;
}

/** Refuses position k when its instrument cannot be priced on this market, naming the position's field. */
export function assertPriceable(market: MarketSnapshot, instrument: Instrument, k: number, source?: string) {
  const problem = instrumentProblem(market, instrument);
  if (!problem) return;
  throw new EngineError({
    code: problem.startsWith("underlying") ? "MISSING_UNDERLYING" : "EXPIRED_INSTRUMENT",
    path: ["positions", k, "instrument"],
    reason: problem,
    ...(source ? { source } : {}),
  });
}

export function bindPortfolio(args: {
  market: MarketSnapshot;
  portfolio: Portfolio;
  params: CollateralParams;
  source?: string;
}): BoundPortfolio {
  const { market, portfolio, params, source } = args;
  const entries: UniverseEntry[] = [];
  const rowOf = new Map<string, number>();
  const row = (entry: UniverseEntry): number => {
    const key = universeKey(entry);
    let r = rowOf.get(key);
    if (r === undefined) {
      r = entries.length;
      rowOf.set(key, r);
      entries.push(entry);
    }
    return r;
  };

  const positionRow = new Int32Array(portfolio.positions.length);
  const holdings: { index: number; qty: number }[] = [];
  portfolio.positions.forEach((p, k) => {
    assertPriceable(market, p.instrument, k, source);
    const r = row(p.iv === undefined ? { instrument: p.instrument } : { instrument: p.instrument, iv: p.iv });
    positionRow[k] = r;
    holdings.push({ index: r, qty: p.qty });
  });

  let cashUsd = 0;
  const collateral: CollateralLine[] = portfolio.collateral.map((c, k) => {
    const haircut = haircutOf(c.asset, params);
    if (STABLE_ASSETS.has(c.asset) && !Object.hasOwn(market.underlyings, c.asset)) {
      const value = c.amount;
      cashUsd += value * (1 - haircut);
      return {
        asset: c.asset,
        amount: c.amount,
        priceUsd: 1,
        haircut,
        valueUsd: value,
        haircutValueUsd: value * (1 - haircut),
      };
    }
    const m = market.underlyings[c.asset];
    if (!m) {
      throw new EngineError({
        code: "MISSING_UNDERLYING",
        path: ["collateral", k, "asset"],
        reason: `collateral asset ${c.asset} has no spot in the market snapshot`,
        ...(source ? { source } : {}),
      });
    }
    const r = row({ instrument: { type: "spot", underlying: c.asset, name: `${c.asset} collateral` } });
    holdings.push({ index: r, qty: c.amount * (1 - haircut) });
    const value = c.amount * m.spot;
    return {
      asset: c.asset,
      amount: c.amount,
      priceUsd: m.spot,
      haircut,
      valueUsd: value,
      haircutValueUsd: value * (1 - haircut),
    };
  });

  const table = buildInstrumentTable({ market, entries });
  const book = buildAccountBook([{ positions: holdings, cashUsd }]);
  return { table, book, positionRow, collateral, cashUsd };
}
