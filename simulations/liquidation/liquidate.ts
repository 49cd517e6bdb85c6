/**
 * Liquidation of one account whose margin equity fell below maintenance, at the step's market as
 * already pushed by earlier liquidations of the same step (market-impact.ts). Three modes:
 * - market: the closed share trades at once into the book: impact cost on the step's flow;
 * - gradual: the closed share is unwound in `unwindSteps` equal chunks on consecutive steps, each
 *   paying a smaller impact, while the rest of the book keeps its market risk until it is sold;
 * - dutch-auction: the share is sold at once to a bidder for a discount that covers at least the
 *   penalty and the bidder's cost of hedging over `unwindSteps` steps; the bidder's hedge flow hits
 *   the market over those steps.
 * Every mode charges the penalty (a fee on notional closed) and the option spread (widened in
 * stress). Closing at mark changes nothing else: the account's equity falls by exactly its costs. If
 * true equity (haircut value of collateral added back) ends below zero, the account is insolvent: the
 * shortfall is bad debt, its collateral is seized and every position closed.
 */
import { type AccountState, ALIVE, CLOSED, INSOLVENT } from "../simulation/account-state.ts";
import type { CloseProfile } from "../simulation/close-profile.ts";
import { initialAfterClose } from "../simulation/close-profile.ts";
import type { StepTable } from "../simulation/step-table.ts";
import { solveCloseFraction } from "./close-fraction.ts";
import type { LiquidationSettings } from "./liquidation-settings.ts";
import { chunkedImpactCost, type ImpactModel, impactCost } from "./market-impact.ts";

export type LiquidationStep = {
  settings: LiquidationSettings;
  impact: ImpactModel;
  /** Signed flow per underlying already traded in this step (USD), updated by every liquidation. */
  flow: Float64Array;
  /** The flow at which `step` was priced (the start of this liquidation round). */
  valuedAtFlow: Float64Array;
  /** Adds hedge flow of an auction winner to a later step (1 = next step). */
  schedule: (stepsAhead: number, underlying: number, flowUsd: number) => void;
  /** Instruments at the impacted prices of this round. */
  step: StepTable;
  /** Spot per underlying before impact: perps were settled to cash at this price. */
  baseSpot: Float64Array;
};

export type LiquidationTotals = {
  events: number;
  notionalClosedUsd: number;
  penaltyUsd: number;
  slippageUsd: number;
  badDebtUsd: number;
  insolvencies: number;
};

export function emptyTotals(): LiquidationTotals {
  return { events: 0, notionalClosedUsd: 0, penaltyUsd: 0, slippageUsd: 0, badDebtUsd: 0, insolvencies: 0 };
}

type Exposure = { notional: number; optionValue: Float64Array; deltaUsd: Float64Array };

/**
 * Notional, net option time value and USD delta of an account's derivatives, per underlying. The
 * option spread is charged on time value (premium minus intrinsic): deep in-the-money options trade
 * close to intrinsic plus a delta hedge, whose cost the impact on the delta flow already prices. It is
 * charged on the net time value per underlying: liquidators close a book's options as one package (a
 * calendar or a vertical spread costs the spread of its net value, not of both legs).
 */
function exposure(state: AccountState, a: number, ctx: LiquidationStep): Exposure {
  const U = ctx.baseSpot.length;
  const optionValue = new Float64Array(U);
  const deltaUsd = new Float64Array(U);
  let notional = 0;
  const { book, isCollateral } = state;
  const { table, delta, mark } = ctx.step;
  for (let p = book.offsets[a]!; p < book.offsets[a + 1]!; p++) {
    const q = book.qty[p]!;
    if (q === 0 || isCollateral[p] === 1) continue;
    const i = book.instrument[p]!;
    const u = table.underlying[i]!;
    const s = table.spot[i]!;
    notional += Math.abs(q) * s;
    deltaUsd[u]! += q * delta[i]! * s;
    const instrument = table.instruments[i]!;
    if (instrument.type === "option") {
      const k = table.strike[i]!;
      const intrinsic = instrument.kind === "call" ? Math.max(s - k, 0) : Math.max(k - s, 0);
      optionValue[u]! += q * Math.max(0, mark[i]! - intrinsic);
    }
  }
  return { notional, optionValue, deltaUsd };
}

type CostSplit = { penalty: number; slippage: number };

/** Costs of closing share f now ("market"), as a chunk of a gradual unwind, or through an auction. */
function costOf(
  ctx: LiquidationStep,
  e: Exposure,
  f: number,
  how: "market" | "auction" | "estimate-gradual",
): CostSplit {
  const { settings, impact, flow } = ctx;
  let spread = 0;
  let slip = 0;
  for (let u = 0; u < flow.length; u++) {
    spread += settings.optionSpread * impact.stress[u]! * f * Math.abs(e.optionValue[u]!);
    const x = -f * e.deltaUsd[u]!;
    slip +=
      how === "market"
        ? impactCost(impact.coefficient[u]!, flow[u]!, x, ctx.valuedAtFlow[u]!)
        : chunkedImpactCost(impact.coefficient[u]!, x, settings.unwindSteps);
  }
  const penalty = settings.penalty * f * e.notional;
  if (how === "auction") {
    // The winning bid's discount covers the bidder's hedging cost, and never less than the penalty.
    const discount = Math.max(penalty, spread + slip);
    return { penalty: Math.min(penalty, discount), slippage: discount - Math.min(penalty, discount) };
  }
  return { penalty, slippage: spread + slip };
}

/**
 * The penalty is paid out of what the account has left after execution costs, never beyond it:
 * a liquidator's fee must not create bad debt by itself (as in lending protocols, the bonus shrinks
 * when collateral runs out).
 */
function capPenalty(c: CostSplit, trueEquity: number): CostSplit {
  return { penalty: Math.min(c.penalty, Math.max(0, trueEquity - c.slippage)), slippage: c.slippage };
}

/** Close share g of every derivative slot at the impacted marks (perps realise impacted minus settled price). */
function closeShare(state: AccountState, a: number, g: number, ctx: LiquidationStep): void {
  const { book, isCollateral } = state;
  const { table, mark } = ctx.step;
  let cash = book.cashUsd[a]!;
  for (let p = book.offsets[a]!; p < book.offsets[a + 1]!; p++) {
    const q = book.qty[p]!;
    if (q === 0 || isCollateral[p] === 1) continue;
    const i = book.instrument[p]!;
    const closed = g * q;
    if (table.instruments[i]!.type === "option") cash += closed * mark[i]!;
    else cash += closed * (table.spot[i]! - ctx.baseSpot[table.underlying[i]!]!);
    book.qty[p] = g >= 1 ? 0 : q - closed;
  }
  book.cashUsd[a] = cash;
}

function addFlow(ctx: LiquidationStep, e: Exposure, f: number, chunks: number): void {
  for (let u = 0; u < ctx.flow.length; u++) {
    const x = -f * e.deltaUsd[u]!;
    if (x === 0) continue;
    ctx.flow[u]! += x / chunks;
    for (let k = 1; k < chunks; k++) ctx.schedule(k, u, x / chunks);
  }
}

/** True equity below zero: book the shortfall as bad debt, seize the collateral, close everything. */
function settle(
  state: AccountState,
  a: number,
  marginEquity: number,
  addBack: number,
  totals: LiquidationTotals,
  fullyClosed: boolean,
): void {
  const real = marginEquity + addBack;
  if (real < 0) {
    totals.badDebtUsd += -real;
    totals.insolvencies++;
    for (let p = state.book.offsets[a]!; p < state.book.offsets[a + 1]!; p++) {
      state.book.qty[p] = 0;
      state.collateralAmount[p] = 0;
    }
    state.book.cashUsd[a] = 0;
    state.status[a] = INSOLVENT;
    state.unwindLeft[a] = 0;
  } else if (fullyClosed) {
    state.status[a] = CLOSED;
    state.unwindLeft[a] = 0;
  }
}

/**
 * Liquidate account a (margin equity below maintenance) at this round's impacted market. `equity`
 * is its margin equity there, `addBack` the haircut value of its collateral, `profile` what closing
 * does to its initial margin. Returns the share of the derivatives closed or set to be unwound.
 */
export function liquidateAccount(args: {
  ctx: LiquidationStep;
  state: AccountState;
  account: number;
  equity: number;
  addBack: number;
  profile: CloseProfile;
  totals: LiquidationTotals;
}): number {
  const { ctx, state, account: a, equity, addBack, profile, totals } = args;
  const { settings } = ctx;
  const e = exposure(state, a, ctx);
  const how =
    settings.mode === "market"
      ? "market"
      : settings.mode === "dutch-auction"
        ? "auction"
        : "estimate-gradual";
  const total = (f: number) => {
    const c = costOf(ctx, e, f, how);
    return c.penalty + c.slippage;
  };
  const f =
    settings.close === "full" || equity + addBack < 0
      ? 1
      : solveCloseFraction({ equity, cost: total, initialAfter: (x) => initialAfterClose(profile, x) });
  const share = f <= 0 ? 1 : f; // below maintenance but IM already met by equity: close the minimum anyway
  totals.events++;
  state.liquidated[a] = 1;
  if (settings.mode === "gradual" && settings.unwindSteps > 1 && equity + addBack >= 0) {
    state.unwindLeft[a] = settings.unwindSteps;
    state.unwindRemain[a] = 1 - share;
    state.unwindHeld[a] = 1;
    continueUnwind({ ctx, state, account: a, equity, addBack, totals });
    return share;
  }
  const cost = capPenalty(
    costOf(ctx, e, share, how === "estimate-gradual" ? "market" : how),
    equity + addBack,
  );
  closeShare(state, a, share, ctx);
  addFlow(ctx, e, share, how === "auction" ? settings.unwindSteps : 1);
  const paid = cost.penalty + cost.slippage;
  state.book.cashUsd[a]! -= paid;
  totals.penaltyUsd += cost.penalty;
  totals.slippageUsd += cost.slippage;
  totals.notionalClosedUsd += share * e.notional;
  settle(state, a, equity - paid, addBack, totals, share >= 1);
  return share;
}

/**
 * One step of a gradual unwind: close the next chunk at market-mode costs on this step's flow. An
 * account whose true equity is already negative is closed at once.
 */
export function continueUnwind(args: {
  ctx: LiquidationStep;
  state: AccountState;
  account: number;
  equity: number;
  addBack: number;
  totals: LiquidationTotals;
}): void {
  const { ctx, state, account: a, equity, addBack, totals } = args;
  const left = state.unwindLeft[a]!;
  if (left <= 0 || state.status[a] !== ALIVE) return;
  const held = state.unwindHeld[a]!;
  const remain = state.unwindRemain[a]!;
  const broke = equity + addBack < 0;
  const nextHeld = broke ? remain : held - (held - remain) / left;
  // Share of the current book to close now.
  const g = broke ? 1 : held > 0 ? (held - nextHeld) / held : 1;
  const e = exposure(state, a, ctx);
  const cost = capPenalty(costOf(ctx, e, g, "market"), equity + addBack);
  closeShare(state, a, g, ctx);
  addFlow(ctx, e, g, 1);
  const paid = cost.penalty + cost.slippage;
  state.book.cashUsd[a]! -= paid;
  totals.penaltyUsd += cost.penalty;
  totals.slippageUsd += cost.slippage;
  totals.notionalClosedUsd += g * e.notional;
  state.unwindHeld[a] = broke ? 0 : nextHeld;
  state.unwindLeft[a] = broke ? 0 : left - 1;
  const done = broke || nextHeld <= 1e-12;
  settle(state, a, equity - paid, addBack, totals, done);
}
