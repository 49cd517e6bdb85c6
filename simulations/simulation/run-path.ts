/**
 * Steps one path for several parameter sets on the same opened population. Per step:
 *  1. perps settle their P&L to cash at the new spot; options that expired settle at intrinsic and
 *     are rolled into the listed option nearest their original moneyness and tenor (at mark);
 *     delta-hedged books re-hedge with the perp;
 *  2. every account is margined at the step's market (risk array built once, shared by accounts and,
 *     when their grids agree, by parameter sets);
 *  3. backtest: each account's loss since the previous step is compared with the initial margin it
 *     held then (a breach when the loss is larger);
 *  4. liquidation rounds: accounts in a gradual unwind sell their next chunk, then accounts whose
 *     margin equity is below maintenance are liquidated, worst first; their flow moves the price
 *     (square-root impact), every remaining account is revalued at the moved price, and newly
 *     failing accounts are liquidated in the next round (up to MAX_ROUNDS): the cascade.
 */

import {
  continueUnwind,
  emptyTotals,
  type LiquidationStep,
  liquidateAccount,
} from "../liquidation/liquidate.ts";
import type { LiquidationSettings } from "../liquidation/liquidation-settings.ts";
import { impactModel, priceImpact } from "../liquidation/market-impact.ts";
import { type AccountMargins, allocateAccountMargins } from "../margin/aggregate-accounts.ts";
import { ARCHETYPES } from "../population/account-template.ts";
import { listedExpiries, nearestListedExpiryIndex } from "../population/listed-expiries.ts";
import { strikeStep, strikeSteps } from "../population/listed-strikes.ts";
import { type AccountState, ALIVE, INSOLVENT } from "./account-state.ts";
import { initialWithShare } from "./close-profile.ts";
import {
  cloneRegistry,
  type InstrumentRegistry,
  optionRow,
  ROW_CALL,
  ROW_PERP,
  ROW_PUT,
} from "./instrument-registry.ts";
import {
  createRiskArrayCache,
  type MarginEvaluation,
  type MarginStepper,
  type RiskArrayCache,
} from "./margin-stepper.ts";
import {
  cloneBook,
  cloneOpening,
  hedgedAccounts,
  type OpenedBook,
  openAccounts,
  rehedge,
} from "./open-accounts.ts";
import {
  ACCOUNT_BREACHED,
  ACCOUNT_INSOLVENT,
  ACCOUNT_LIQUIDATED,
  type PathSetResult,
} from "./path-result.ts";
import type { SimPath } from "./sim-path.ts";
import { impactedMarket, type StepMarket } from "./step-market.ts";
import { buildStepTable, type StepTable } from "./step-table.ts";
import { evaluateSubset, type SubsetEvaluation } from "./subset-evaluation.ts";

export const MAX_ROUNDS = 6;

export type SetRuntime = {
  /** false: never liquidate (a probe of the margin the book asks for; used for procyclicality). */
  liquidate?: boolean;
  /**
   * Largest spot move of the set's scenario grid: cascade rounds re-check only accounts within reach
   * of the liquidation price impact (null: re-check every account).
   */
  screenRange: number | null;
  makeStepper: (args: {
    underlyings: readonly string[];
    cache: RiskArrayCache;
    startDay: string;
  }) => MarginStepper;
  settings: LiquidationSettings;
  haircutOf: (asset: string) => number;
};

function marketAt(path: SimPath, t: number): StepMarket {
  const U = path.underlyings.length;
  const spot = new Float64Array(U);
  const iv = new Float64Array(U);
  for (let u = 0; u < U; u++) {
    spot[u] = path.spot[u]![t]!;
    iv[u] = path.iv[u]![t]!;
  }
  return { timeMs: path.timeMs[t]!, spot, iv };
}

function emptyResult(steps: number, accounts: number): PathSetResult {
  return {
    startInitial: 0,
    startMaintenance: 0,
    startStandard: 0,
    startEquity: 0,
    startInitialByArchetype: ARCHETYPES.map(() => 0),
    startStandardByArchetype: ARCHETYPES.map(() => 0),
    accounts,
    accountsLiquidated: 0,
    liquidationEvents: 0,
    accountsInsolvent: 0,
    accountFlags: new Uint8Array(accounts),
    badDebt: 0,
    penalty: 0,
    slippage: 0,
    notionalClosed: 0,
    observations: 0,
    breaches: 0,
    transitions: { n00: 0, n01: 0, n10: 0, n11: 0 },
    firstHit: new Int8Array(accounts).fill(-1),
    lastHit: new Int8Array(accounts).fill(-1),
    initial: new Array(steps).fill(0),
    equity: new Array(steps).fill(0),
    liquidations: new Array(steps).fill(0),
    badDebtStep: new Array(steps).fill(0),
    maxImpact: new Array(steps).fill(0),
  };
}

/** Haircut value of account a's collateral at these spots: true equity = margin equity + this. */
function addBackOf(state: AccountState, a: number, table: StepTable): number {
  let s = 0;
  for (let p = state.book.offsets[a]!; p < state.book.offsets[a + 1]!; p++) {
    if (state.isCollateral[p] !== 1 || state.haircut[p] === 0) continue;
    s += state.collateralAmount[p]! * state.haircut[p]! * table.table.spot[state.book.instrument[p]!]!;
  }
  return s;
}

type SetState = {
  /** Margins at the first step (from the opening). */
  opening: MarginEvaluation;
  runtime: SetRuntime;
  stepper: MarginStepper;
  state: AccountState;
  result: PathSetResult;
  /** Auction hedge flow scheduled for later steps: pending[t * U + u]. */
  pending: Float64Array;
  /** Slots rolled this step, as (slot, account) pairs: the roll is held to initial margin in stepSet. */
  rollPending: number[];
  /** Per-account arrays stepSet refills every step (a path's steps would otherwise allocate them anew). */
  work: StepWork;
};

type StepWork = {
  /** Margins at the step's market, and at the market moved by liquidation flow. */
  atStep: AccountMargins;
  moved: AccountMargins;
  /** Latest figures per account during the liquidation rounds. */
  equity: Float64Array;
  maintenance: Float64Array;
  initialNow: Float64Array;
  /** 1 once the account was liquidated or unwound in this step. */
  touched: Uint8Array;
  /** Row of the account in the latest subset evaluation, -1 if not in it. */
  subIndex: Int32Array;
  /** The account's previous backtest observation in its unbroken sequence (0 / 1 breach), -1 for none. */
  prevHit: Int8Array;
};

function stepWork(accounts: number): StepWork {
  return {
    atStep: allocateAccountMargins(accounts),
    moved: allocateAccountMargins(accounts),
    equity: new Float64Array(accounts),
    maintenance: new Float64Array(accounts),
    initialNow: new Float64Array(accounts),
    touched: new Uint8Array(accounts),
    subIndex: new Int32Array(accounts),
    prevHit: new Int8Array(accounts).fill(-1),
  };
}

/** Tables a path rebuilds besides its step's own, kept to be refilled (see buildStepTable). */
type ScratchTables = { roll: StepTable | null; moved: StepTable | null };

export function runPath(args: {
  path: SimPath;
  opened: OpenedBook;
  sets: readonly SetRuntime[];
}): PathSetResult[] {
  const { path, sets } = args;
  const T = path.timeMs.length;
  const U = path.underlyings.length;
  const registry = cloneRegistry(args.opened.registry);
  const opened = cloneBook(args.opened, registry);
  const cache = createRiskArrayCache();
  const startDay = path.stepLabels[0]!.slice(0, 10);
  let market = marketAt(path, 0);
  let step = buildStepTable(registry, market);
  const scratch: ScratchTables = { roll: null, moved: null };
  const maxUnwind = Math.max(1, ...sets.map((s) => s.settings.unwindSteps));
  const runs: SetState[] = sets.map((runtime) => {
    const stepper = runtime.makeStepper({ underlyings: path.underlyings, cache, startDay });
    // Paths from the same opened book (Monte Carlo, shocks) share the opening step's evaluation.
    let opening = args.opened.openings.get(runtime);
    if (!opening) {
      opening = openAccounts({ opened, stepper, step, market, haircutOf: runtime.haircutOf });
      args.opened.openings.set(runtime, opening);
    }
    const state = cloneOpening(opening, opened.instrument);
    return {
      opening: opening.ev,
      runtime,
      stepper,
      state,
      result: emptyResult(T, opened.accounts),
      pending: new Float64Array((T + maxUnwind + 1) * U),
      rollPending: [],
      work: stepWork(opened.accounts),
    };
  });

  // Perps are never rolled: their slots, and the accounts that delta-hedge, are fixed for the path.
  const perpSlotList: number[] = [];
  const perpAccountList: number[] = [];
  for (let a = 0; a < opened.accounts; a++) {
    for (let p = opened.offsets[a]!; p < opened.offsets[a + 1]!; p++) {
      if (registry.kind[opened.instrument[p]!] === ROW_PERP) {
        perpSlotList.push(p);
        perpAccountList.push(a);
      }
    }
  }
  const perpSlots = Int32Array.from(perpSlotList);
  const perpAccounts = Int32Array.from(perpAccountList);
  const hedged = hedgedAccounts(opened.offsets, opened.isHedge);

  for (let t = 0; t < T; t++) {
    if (t > 0) {
      const prev = market;
      market = marketAt(path, t);
      settlePerps({ runs, perpSlots, perpAccounts, step, prev, now: market, instrument: opened.instrument });
      rollExpiries({ runs, opened, fromMs: prev.timeMs, market, scratch });
      step = buildStepTable(registry, market, step);
      for (const r of runs) {
        rehedge({
          hedged,
          offsets: opened.offsets,
          instrument: opened.instrument,
          qty: r.state.book.qty,
          isHedge: opened.isHedge,
          step,
        });
      }
    }
    for (const r of runs) stepSet({ r, t, step, market, registry, scratch });
  }
  // Counted here, not at stepSet's last step: a call reached once per path made the compiled step
  // loop bail out (no type feedback yet) and be compiled again, path after path.
  for (const r of runs) finish(r.state, r.result);
  return runs.map((r) => r.result);
}

/** Perpetuals settle their P&L to cash at the new spot (slots in account order, so sums keep their order). */
function settlePerps(args: {
  runs: SetState[];
  perpSlots: Int32Array;
  perpAccounts: Int32Array;
  step: StepTable;
  prev: StepMarket;
  now: StepMarket;
  instrument: Int32Array;
}): void {
  const { runs, perpSlots, perpAccounts, step, prev, now, instrument } = args;
  for (let k = 0; k < perpSlots.length; k++) {
    const p = perpSlots[k]!;
    const a = perpAccounts[k]!;
    const u = step.table.underlying[instrument[p]!]!;
    const move = now.spot[u]! - prev.spot[u]!;
    for (const r of runs) {
      const q = r.state.book.qty[p]!;
      if (q !== 0) r.state.book.cashUsd[a]! += q * move;
    }
  }
}

/**
 * Settle options that expired since the previous step at intrinsic and roll them; true if any rolled.
 * (Rows rolled into always expire after now, so no slot can hold an older expired row.)
 */
function rollExpiries(args: {
  runs: SetState[];
  opened: OpenedBook;
  fromMs: number;
  market: StepMarket;
  scratch: ScratchTables;
}): boolean {
  const { runs, opened, fromMs, market, scratch } = args;
  const reg = opened.registry;
  let expired: Uint8Array | null = null;
  for (let i = 0; i < reg.expiryMs.length; i++) {
    if (reg.expiryMs[i]! > fromMs && reg.expiryMs[i]! <= market.timeMs) {
      expired ??= new Uint8Array(reg.expiryMs.length);
      expired[i] = 1;
    }
  }
  if (!expired) return false;
  let listed: number[] | null = null;
  let any = false;
  const rolledInto = new Map<number, number>();
  for (let a = 0; a < opened.accounts; a++) {
    for (let p = opened.offsets[a]!; p < opened.offsets[a + 1]!; p++) {
      const i = opened.instrument[p]!;
      if (expired[i] !== 1) continue;
      const k = reg.kind[i]!;
      if (k !== ROW_CALL && k !== ROW_PUT) continue;
      const u = reg.underlying[i]!;
      const spot = market.spot[u]!;
      const strike = reg.strike[i]!;
      const intrinsic = k === ROW_CALL ? Math.max(spot - strike, 0) : Math.max(strike - spot, 0);
      listed ??= listedExpiries(market.timeMs);
      const step = strikeStep(spot);
      const steps = strikeSteps(spot, opened.moneyness[p]!, step);
      const expiryAt = nearestListedExpiryIndex(market.timeMs, opened.tenorDays[p]!, listed);
      // Many slots roll into the same option: build its name (and registry lookup) once. The key
      // numbers the option by strike, listed expiry, underlying and kind (a small integer: a string
      // per slot was most of the step's garbage).
      const key = ((steps * listed.length + expiryAt) * 2 + u) * 2 + k;
      let next = rolledInto.get(key);
      if (next === undefined) {
        next = optionRow(reg, {
          underlying: reg.underlyings[u]!,
          kind: k === ROW_CALL ? "call" : "put",
          strike: steps * step,
          expiryMs: listed[expiryAt]!,
        });
        rolledInto.set(key, next);
      }
      opened.instrument[p] = next;
      any = true;
      for (const r of runs) {
        const q = r.state.book.qty[p]!;
        if (q === 0) continue;
        r.state.book.cashUsd[a]! += q * intrinsic;
        r.rollPending.push(p, a);
      }
    }
  }
  if (!any) return false;
  // Pay for the rolled-into options at mark (one table build for all of them).
  const step = buildStepTable(reg, market, scratch.roll);
  scratch.roll = step;
  for (const r of runs) {
    const list = r.rollPending;
    for (let k = 0; k < list.length; k += 2) {
      const p = list[k]!;
      const a = list[k + 1]!;
      r.state.book.cashUsd[a]! -= r.state.book.qty[p]! * step.mark[opened.instrument[p]!]!;
    }
  }
  return true;
}

/**
 * An exchange opens a position only if the account still meets initial margin afterwards, so a roll
 * into an option whose margin the account cannot carry is cut to the largest share k of its rolled
 * options that keeps initial margin <= equity (opening at mark leaves equity unchanged; the unopened
 * share's premium is refunded). The evaluation's figures are updated for those accounts.
 */
function limitRolls(args: { r: SetState; ev: MarginEvaluation; step: StepTable }): void {
  const { r, ev, step } = args;
  const { state } = r;
  const list = r.rollPending;
  const mask = new Uint8Array(state.book.qty.length);
  const byAccount = new Map<number, number[]>();
  for (let k = 0; k < list.length; k += 2) {
    const p = list[k]!;
    const a = list[k + 1]!;
    if (state.status[a] !== ALIVE || ev.equity[a]! >= ev.initial[a]!) continue;
    const slots = byAccount.get(a);
    if (slots) slots.push(p);
    else byAccount.set(a, [p]);
  }
  for (const [a, slots] of byAccount) {
    for (const p of slots) mask[p] = 1;
    const profile = ev.profile(a, mask);
    const equity = ev.equity[a]!;
    const fits = (k: number) => initialWithShare(profile, k) <= equity;
    let keep = 0;
    if (fits(0)) {
      let lo = 0;
      let hi = 1;
      for (let s = 15; s >= 0; s--) {
        if (fits(s / 16)) {
          lo = s / 16;
          hi = Math.min(1, (s + 1) / 16);
          break;
        }
      }
      for (let b = 0; b < 30; b++) {
        const mid = 0.5 * (lo + hi);
        if (fits(mid)) lo = mid;
        else hi = mid;
      }
      keep = lo;
    }
    for (const p of slots) {
      const q = state.book.qty[p]!;
      state.book.cashUsd[a]! += (1 - keep) * q * step.mark[state.book.instrument[p]!]!;
      state.book.qty[p] = keep * q;
      mask[p] = 0;
    }
    const im = initialWithShare(profile, keep);
    ev.initial[a] = im;
    ev.maintenance[a] = im * profile.mmFactor;
  }
}

function stepSet(args: {
  r: SetState;
  t: number;
  step: StepTable;
  market: StepMarket;
  registry: InstrumentRegistry;
  scratch: ScratchTables;
}): void {
  const { r, t, step, market, registry, scratch } = args;
  const { state, result, stepper } = r;
  const n = state.accounts;
  const U = market.spot.length;
  const ev0 =
    t === 0
      ? r.opening
      : stepper.evaluate({
          step,
          market,
          book: state.book,
          isCollateral: state.isCollateral,
          into: r.work.atStep,
        });
  if (r.rollPending.length > 0) {
    limitRolls({ r, ev: ev0, step });
    r.rollPending.length = 0;
  }
  if (t === 0) {
    for (let a = 0; a < n; a++) {
      const k = state.archetype[a]!;
      result.startInitial += ev0.initial[a]!;
      result.startMaintenance += ev0.maintenance[a]!;
      result.startStandard += ev0.standardInitial[a]!;
      result.startEquity += ev0.equity[a]!;
      result.startInitialByArchetype[k]! += ev0.initial[a]!;
      result.startStandardByArchetype[k]! += ev0.standardInitial[a]!;
      state.equityHeld[a] = ev0.equity[a]!;
      state.initialHeld[a] = ev0.initial[a]!;
    }
    // Every account opens with equity >= buffer x initial margin: nothing to liquidate yet.
    result.initial[0] = result.startInitial;
    result.equity[0] = result.startEquity;
    return;
  } else {
    const { prevHit } = r.work;
    const { accountFlags, firstHit, lastHit, transitions } = result;
    for (let a = 0; a < n; a++) {
      if (state.status[a] !== ALIVE) continue;
      if (state.observe[a] === 1) {
        result.observations++;
        // A breach is a loss beyond the margin held, by more than rounding: the equity sums carry
        // relative errors near 1e-15 per term, so 1e-9 of the amounts involved is far above them.
        const held = state.equityHeld[a]!;
        const tolerance = 1e-9 * (Math.abs(held) + state.initialHeld[a]!);
        const hit = held - ev0.equity[a]! > state.initialHeld[a]! + tolerance ? 1 : 0;
        if (hit === 1) {
          result.breaches++;
          accountFlags[a]! |= ACCOUNT_BREACHED;
        }
        // The account's breach sequence, in step order, for Christoffersen's independence test.
        const prev = prevHit[a]!;
        if (prev === 0) {
          if (hit === 1) transitions.n01++;
          else transitions.n00++;
        } else if (prev === 1) {
          if (hit === 1) transitions.n11++;
          else transitions.n10++;
        }
        prevHit[a] = hit;
        if (firstHit[a] === -1) firstHit[a] = hit;
        lastHit[a] = hit;
      }
    }
  }

  // Liquidation rounds. Latest margin figures per account: everyone at round 0, then only the accounts
  // a cascade round re-checks.
  const totals = emptyTotals();
  const flow = new Float64Array(U);
  for (let u = 0; u < U; u++) flow[u] = r.pending[t * U + u]!;
  const impact = impactModel({
    settings: r.runtime.settings,
    underlyings: step.table.underlyings,
    iv: market.iv,
  });
  const { touched, subIndex, equity, maintenance, initialNow } = r.work;
  touched.fill(0);
  subIndex.fill(-1);
  const impactNow = () => {
    const i = new Float64Array(U);
    for (let u = 0; u < U; u++) i[u] = priceImpact(impact.coefficient[u]!, flow[u]!);
    return i;
  };
  let table = step;
  let full: MarginEvaluation = ev0;
  let subset: SubsetEvaluation | null = null;
  /** Price impact at which the current figures were computed. */
  let impactValued = new Float64Array(U);
  if (flow.some((x) => x !== 0)) {
    impactValued = impactNow();
    // Auction winners of earlier steps are still hedging: the step starts at a moved price.
    const moved = impactedMarket(market, impactNow());
    table = buildStepTable(registry, moved, scratch.moved);
    scratch.moved = table;
    full = stepper.evaluate({
      step: table,
      market: moved,
      book: state.book,
      isCollateral: state.isCollateral,
      into: r.work.moved,
    });
  }
  equity.set(full.equity);
  maintenance.set(full.maintenance);
  initialNow.set(full.initial);
  const profileOf = (a: number) => (subset ? subset.ev.profile(subIndex[a]!) : full.profile(a));
  // A probe run (liquidate: false) only measures how much margin the book asks for as markets move.
  const rounds = r.runtime.liquidate === false ? 0 : MAX_ROUNDS;
  for (let round = 0; round < rounds; round++) {
    const ctx: LiquidationStep = {
      settings: r.runtime.settings,
      impact,
      flow,
      schedule: (ahead, u, x) => {
        const idx = (t + ahead) * U + u;
        if (idx < r.pending.length) r.pending[idx]! += x;
      },
      step: table,
      baseSpot: market.spot,
      valuedAtFlow: flow.slice(),
    };
    const before = flow.slice();
    ctx.valuedAtFlow = before;
    let acted = 0;
    if (round === 0) {
      for (let a = 0; a < n; a++) {
        if (state.status[a] !== ALIVE || state.unwindLeft[a]! <= 0) continue;
        continueUnwind({
          ctx,
          state,
          account: a,
          equity: equity[a]!,
          addBack: addBackOf(state, a, table),
          totals,
        });
        touched[a] = 1;
        acted++;
      }
    }
    const candidates: number[] = [];
    const eligible = (a: number) =>
      state.status[a] === ALIVE && touched[a] !== 1 && state.unwindLeft[a]! <= 0;
    const checked = subset ? subset.accounts : null;
    if (checked) {
      for (const a of checked) if (eligible(a) && equity[a]! < maintenance[a]!) candidates.push(a);
    } else {
      for (let a = 0; a < n; a++) if (eligible(a) && equity[a]! < maintenance[a]!) candidates.push(a);
    }
    // Worst first: the most under-margined account is liquidated first (and trades at the best price).
    const gap = (a: number) => (equity[a]! - maintenance[a]!) / Math.max(maintenance[a]!, 1);
    candidates.sort((x, y) => gap(x) - gap(y) || x - y);
    for (const a of candidates) {
      liquidateAccount({
        ctx,
        state,
        account: a,
        equity: equity[a]!,
        addBack: addBackOf(state, a, table),
        profile: profileOf(a),
        totals,
      });
      touched[a] = 1;
      acted++;
    }
    if (acted === 0 || flow.every((x, u) => x === before[u])) break;
    // Revalue at the price the liquidations pushed to; the next round catches new failures. Only
    // accounts whose maintenance excess is within reach of the move are re-checked: a move of |I|
    // costs a book with convex losses at most |I| / scan range of its grid worst loss, and we allow 3x.
    const impactAfter = impactNow();
    // A round that moved the price by less than a basis point cannot start a cascade worth a round
    // (daily closes are not more precise than that): stop.
    let moreMove = 0;
    for (let u = 0; u < U; u++) moreMove = Math.max(moreMove, Math.abs(impactAfter[u]! - impactValued[u]!));
    if (moreMove < 1e-4) break;
    impactValued = impactAfter;
    const moved = impactedMarket(market, impactAfter);
    table = buildStepTable(registry, moved, scratch.moved);
    scratch.moved = table;
    let move = 0;
    for (let u = 0; u < U; u++) move = Math.max(move, Math.abs(impactAfter[u]!));
    const range = r.runtime.screenRange;
    const recheck: number[] = [];
    for (let a = 0; a < n; a++) {
      if (!eligible(a)) continue;
      if (range === null || equity[a]! - maintenance[a]! <= (3 * move * initialNow[a]!) / range)
        recheck.push(a);
    }
    if (recheck.length === 0) break;
    subset = evaluateSubset({ stepper, step: table, market: moved, state, accounts: recheck });
    recheck.forEach((a, j) => {
      subIndex[a] = j;
      equity[a] = subset!.ev.equity[j]!;
      maintenance[a] = subset!.ev.maintenance[j]!;
      initialNow[a] = subset!.ev.initial[j]!;
    });
  }

  // Record the step.
  let totalInitial = 0;
  let totalEquity = 0;
  for (let a = 0; a < n; a++) {
    if (state.status[a] === ALIVE && touched[a] !== 1) {
      totalInitial += ev0.initial[a]!;
      totalEquity += ev0.equity[a]!;
      state.equityHeld[a] = ev0.equity[a]!;
      state.initialHeld[a] = ev0.initial[a]!;
      state.observe[a] = 1;
    } else if (state.status[a] === ALIVE) {
      // Liquidated this step: its book changed mid-step, so its next one-step loss is not observed
      // (and its breach sequence starts again).
      state.observe[a] = 0;
      r.work.prevHit[a] = -1;
    }
  }
  let maxImpact = 0;
  for (let u = 0; u < U; u++)
    maxImpact = Math.max(maxImpact, Math.abs(priceImpact(impact.coefficient[u]!, flow[u]!)));
  result.initial[t] = totalInitial;
  result.equity[t] = totalEquity;
  result.liquidations[t] = totals.events;
  result.badDebtStep[t] = totals.badDebtUsd;
  result.maxImpact[t] = maxImpact;
  result.liquidationEvents += totals.events;
  result.badDebt += totals.badDebtUsd;
  result.penalty += totals.penaltyUsd;
  result.slippage += totals.slippageUsd;
  result.notionalClosed += totals.notionalClosedUsd;
}

function finish(state: AccountState, result: PathSetResult): void {
  let liquidated = 0;
  let insolvent = 0;
  const flags = result.accountFlags;
  for (let a = 0; a < state.accounts; a++) {
    if (state.liquidated[a] === 1) {
      liquidated++;
      flags[a]! |= ACCOUNT_LIQUIDATED;
    }
    if (state.status[a] === INSOLVENT) {
      insolvent++;
      flags[a]! |= ACCOUNT_INSOLVENT;
    }
  }
  result.accountsLiquidated = liquidated;
  result.accountsInsolvent = insolvent;
}
