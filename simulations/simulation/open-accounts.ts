/**
 * Opens the population on a path's first day: every template's strikes snap to the listed strike
 * nearest moneyness x spot, expiries to the listed expiry nearest the tenor, quantities are USD
 * notional / spot, delta-hedge perps take minus the options' delta. The instruments and slots are
 * shared by every parameter set on the path; each set then gets its own quantities and cash, with
 * collateral at that set's haircut and stable cash topping equity up to buffer x its initial margin.
 */
import { type AccountTemplate, ARCHETYPES } from "../population/account-template.ts";
import { listedExpiries, nearestListedExpiry } from "../population/listed-expiries.ts";
import { listedStrike } from "../population/listed-strikes.ts";
import { type AccountState, ALIVE } from "./account-state.ts";
import {
  createRegistry,
  type InstrumentRegistry,
  optionRow,
  perpRow,
  spotRow,
} from "./instrument-registry.ts";
import type { MarginEvaluation, MarginStepper } from "./margin-stepper.ts";
import type { StepMarket } from "./step-market.ts";
import { buildStepTable, type StepTable } from "./step-table.ts";

export type OpenedBook = {
  registry: InstrumentRegistry;
  /** Openings per parameter-set runtime, shared by every path that starts from this book. */
  openings: Map<unknown, Opening>;
  accounts: number;
  offsets: Int32Array;
  /** Instrument of every slot; shared by all parameter sets of the path (rolls update it once). */
  instrument: Int32Array;
  /** Quantity per slot (collateral slots: amount in coins, before haircut). */
  qty: Float64Array;
  isCollateral: Uint8Array;
  isHedge: Uint8Array;
  moneyness: Float64Array;
  tenorDays: Float64Array;
  archetype: Uint8Array;
  buffer: Float64Array;
};

export function openBook(args: {
  templates: readonly AccountTemplate[];
  underlyings: readonly string[];
  market: StepMarket;
}): OpenedBook {
  const { templates, underlyings, market } = args;
  const registry = createRegistry(underlyings);
  const listed = listedExpiries(market.timeMs);
  const spotOf = (s: string) => {
    const u = underlyings.indexOf(s);
    if (u < 0) throw new Error(`the population trades ${s}, which this path has no market for`);
    return market.spot[u]!;
  };
  let slots = 0;
  for (const t of templates) slots += t.positions.length + t.spotCollateral.length;
  const n = templates.length;
  const book: OpenedBook = {
    registry,
    openings: new Map(),
    accounts: n,
    offsets: new Int32Array(n + 1),
    instrument: new Int32Array(slots),
    qty: new Float64Array(slots),
    isCollateral: new Uint8Array(slots),
    isHedge: new Uint8Array(slots),
    moneyness: new Float64Array(slots),
    tenorDays: new Float64Array(slots),
    archetype: new Uint8Array(n),
    buffer: new Float64Array(n),
  };
  // Rows by (underlying, kind, strike, expiry) as one number, so opening 10,000 accounts builds each
  // instrument name once, not once per position.
  const rows = new Map<number, number>();
  const expiryIndex = new Map(listed.map((e, k) => [e, k]));
  const U = underlyings.length;
  let k = 0;
  templates.forEach((t, a) => {
    book.offsets[a] = k;
    book.archetype[a] = ARCHETYPES.indexOf(t.archetype);
    book.buffer[a] = t.buffer;
    for (const p of t.positions) {
      const spot = spotOf(p.underlying);
      if (p.type === "option") {
        const strike = listedStrike(spot, p.moneyness);
        const expiryMs = nearestListedExpiry(market.timeMs, p.expiryDays, listed);
        const key =
          ((Math.round(strike * 100) * listed.length + expiryIndex.get(expiryMs)!) * 2 +
            (p.kind === "call" ? 0 : 1)) *
            U +
          underlyings.indexOf(p.underlying);
        let row = rows.get(key);
        if (row === undefined) {
          row = optionRow(registry, { underlying: p.underlying, kind: p.kind, strike, expiryMs });
          rows.set(key, row);
        }
        book.instrument[k] = row;
        book.qty[k] = p.notionalUsd / spot;
        book.moneyness[k] = p.moneyness;
        book.tenorDays[k] = p.expiryDays;
      } else {
        book.instrument[k] = perpRow(registry, p.underlying);
        book.qty[k] = p.deltaHedge ? 0 : p.notionalUsd / spot;
        book.isHedge[k] = p.deltaHedge ? 1 : 0;
      }
      k++;
    }
    for (const c of t.spotCollateral) {
      book.instrument[k] = spotRow(registry, c.asset);
      book.qty[k] = c.valueUsd / spotOf(c.asset);
      book.isCollateral[k] = 1;
      k++;
    }
  });
  book.offsets[n] = k;
  rehedge({
    offsets: book.offsets,
    instrument: book.instrument,
    qty: book.qty,
    isHedge: book.isHedge,
    step: buildStepTable(registry, market),
  });
  return book;
}

/** Deep copy (a path mutates its book: rolls, hedges, liquidations). */
export function cloneBook(b: OpenedBook, registry: InstrumentRegistry): OpenedBook {
  return {
    ...b,
    registry,
    instrument: b.instrument.slice(),
    qty: b.qty.slice(),
  };
}

/**
 * Set every delta-hedge perp to minus the delta of the account's options in its underlying
 * (re-hedging at mark: no cash changes hands, perps settle to cash every step).
 */
export function rehedge(args: {
  offsets: Int32Array;
  instrument: Int32Array;
  qty: Float64Array;
  isHedge: Uint8Array;
  step: StepTable;
  /** The accounts with a hedge slot (default: found by scanning every account). */
  hedged?: Int32Array;
}): void {
  const { offsets, instrument, qty, isHedge, step } = args;
  const U = step.table.underlyings.length;
  const delta = new Float64Array(U);
  const accounts = args.hedged ?? hedgedAccounts(offsets, isHedge);
  for (const a of accounts) {
    delta.fill(0);
    for (let p = offsets[a]!; p < offsets[a + 1]!; p++) {
      const i = instrument[p]!;
      if (isHedge[p] === 1 || step.table.instruments[i]!.type !== "option") continue;
      delta[step.table.underlying[i]!]! += qty[p]! * step.delta[i]!;
    }
    for (let p = offsets[a]!; p < offsets[a + 1]!; p++) {
      if (isHedge[p] === 1) qty[p] = -delta[step.table.underlying[instrument[p]!]!]!;
    }
  }
}

/** Accounts holding at least one delta-hedge slot, ascending. */
export function hedgedAccounts(offsets: Int32Array, isHedge: Uint8Array): Int32Array {
  const out: number[] = [];
  for (let a = 0; a + 1 < offsets.length; a++) {
    for (let p = offsets[a]!; p < offsets[a + 1]!; p++) {
      if (isHedge[p] === 1) {
        out.push(a);
        break;
      }
    }
  }
  return Int32Array.from(out);
}

/**
 * The accounts of one parameter set, opened at the path's first step: collateral slots hold
 * amount x (1 - haircut) (the engine's convention), and stable cash = max(0, buffer x initial margin
 * - equity without cash).
 */
export function openAccounts(args: {
  opened: OpenedBook;
  stepper: MarginStepper;
  step: StepTable;
  market: StepMarket;
  haircutOf: (asset: string) => number;
}): Opening {
  const { opened, stepper, step, market } = args;
  const slots = opened.qty.length;
  const n = opened.accounts;
  const qty = opened.qty.slice();
  const haircut = new Float64Array(slots);
  const collateralAmount = new Float64Array(slots);
  for (let p = 0; p < slots; p++) {
    if (opened.isCollateral[p] !== 1) continue;
    const h = args.haircutOf(step.table.instruments[opened.instrument[p]!]!.underlying);
    haircut[p] = h;
    collateralAmount[p] = opened.qty[p]!;
    qty[p] = opened.qty[p]! * (1 - h);
  }
  const state: AccountState = {
    accounts: n,
    book: {
      accounts: n,
      offsets: opened.offsets,
      instrument: opened.instrument,
      qty,
      cashUsd: new Float64Array(n),
    },
    isCollateral: opened.isCollateral,
    isHedge: opened.isHedge,
    collateralAmount,
    haircut,
    moneyness: opened.moneyness,
    tenorDays: opened.tenorDays,
    archetype: opened.archetype,
    status: new Uint8Array(n).fill(ALIVE),
    liquidated: new Uint8Array(n),
    unwindLeft: new Int32Array(n),
    unwindRemain: new Float64Array(n),
    unwindHeld: new Float64Array(n),
    equityHeld: new Float64Array(n),
    initialHeld: new Float64Array(n),
    observe: new Uint8Array(n).fill(1),
  };
  const ev = stepper.evaluate({ step, market, book: state.book, isCollateral: opened.isCollateral });
  const equity = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    const cash = Math.max(0, opened.buffer[a]! * ev.initial[a]! - ev.equity[a]!);
    state.book.cashUsd[a] = cash;
    equity[a] = ev.equity[a]! + cash;
  }
  // Cash carries no risk: the margins are those of the book without it, equity gains the cash.
  return { state, ev: { ...ev, equity } };
}

/** The accounts as opened, with the margin evaluation of the opening step (cash included). */
export type Opening = { state: AccountState; ev: MarginEvaluation };

/** A fresh copy of an opening's state for one path (the book's instrument array is the path's own). */
export function cloneOpening(o: Opening, instrument: Int32Array): AccountState {
  const s = o.state;
  const n = s.accounts;
  return {
    ...s,
    book: { ...s.book, instrument, qty: s.book.qty.slice(), cashUsd: s.book.cashUsd.slice() },
    collateralAmount: s.collateralAmount.slice(),
    status: new Uint8Array(n).fill(ALIVE),
    liquidated: new Uint8Array(n),
    unwindLeft: new Int32Array(n),
    unwindRemain: new Float64Array(n),
    unwindHeld: new Float64Array(n),
    equityHeld: new Float64Array(n),
    initialHeld: new Float64Array(n),
    observe: new Uint8Array(n).fill(1),
  };
}
