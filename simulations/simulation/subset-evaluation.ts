/**
 * Margin of a subset of accounts at a (price-impacted) market, pricing only the instruments they
 * hold: the accounts' slots are copied into a small CSR book over a sub-table of those instruments,
 * so a cascade round that re-checks 200 accounts near the line costs 200 accounts, not 10,000.
 */
import type { AccountBook } from "../margin/account-book.ts";
import type { InstrumentTable } from "../margin/instrument-table.ts";
import type { AccountState } from "./account-state.ts";
import type { MarginEvaluation, MarginStepper } from "./margin-stepper.ts";
import type { StepMarket } from "./step-market.ts";
import { nextStepStamp, type StepTable } from "./step-table.ts";

export type SubsetEvaluation = { accounts: number[]; ev: MarginEvaluation };

function subTable(t: InstrumentTable, rows: number[]): InstrumentTable {
  const pick = <A extends Float64Array | Int32Array | Uint8Array>(src: A, make: (n: number) => A): A => {
    const out = make(rows.length);
    rows.forEach((r, k) => {
      out[k] = src[r]!;
    });
    return out;
  };
  return {
    count: rows.length,
    underlyings: t.underlyings,
    instruments: rows.map((r) => t.instruments[r]!),
    kind: pick(t.kind, (n) => new Uint8Array(n)),
    underlying: pick(t.underlying, (n) => new Int32Array(n)),
    spot: pick(t.spot, (n) => new Float64Array(n)),
    vol: pick(t.vol, (n) => new Float64Array(n)),
    rate: pick(t.rate, (n) => new Float64Array(n)),
    strike: pick(t.strike, (n) => new Float64Array(n)),
    years: pick(t.years, (n) => new Float64Array(n)),
  };
}

export function evaluateSubset(args: {
  stepper: MarginStepper;
  step: StepTable;
  market: StepMarket;
  state: AccountState;
  accounts: number[];
}): SubsetEvaluation {
  const { stepper, step, market, state, accounts } = args;
  const { book } = state;
  const rowOf = new Map<number, number>();
  const rows: number[] = [];
  let slots = 0;
  for (const a of accounts) slots += book.offsets[a + 1]! - book.offsets[a]!;
  const sub: AccountBook = {
    accounts: accounts.length,
    offsets: new Int32Array(accounts.length + 1),
    instrument: new Int32Array(slots),
    qty: new Float64Array(slots),
    cashUsd: new Float64Array(accounts.length),
  };
  const isCollateral = new Uint8Array(slots);
  let k = 0;
  accounts.forEach((a, j) => {
    sub.offsets[j] = k;
    sub.cashUsd[j] = book.cashUsd[a]!;
    for (let p = book.offsets[a]!; p < book.offsets[a + 1]!; p++) {
      const i = book.instrument[p]!;
      let r = rowOf.get(i);
      if (r === undefined) {
        r = rows.length;
        rowOf.set(i, r);
        rows.push(i);
      }
      sub.instrument[k] = r;
      sub.qty[k] = book.qty[p]!;
      isCollateral[k] = state.isCollateral[p]!;
      k++;
    }
  });
  sub.offsets[accounts.length] = k;
  const subStep: StepTable = {
    stamp: nextStepStamp(),
    table: subTable(step.table, rows),
    delta: Float64Array.from(rows, (r) => step.delta[r]!),
    mark: Float64Array.from(rows, (r) => step.mark[r]!),
  };
  return { accounts, ev: stepper.evaluate({ step: subStep, market, book: sub, isCollateral }) };
}
