/**
 * The accounts of one path under one parameter set, as flat arrays over position slots (the engine's
 * CSR AccountBook plus what the simulation tracks): quantities and cash change as options expire and
 * roll, perps settle and re-hedge, and liquidations close positions.
 */
import type { AccountBook } from "../margin/account-book.ts";

export const ALIVE = 0;
/** Fully liquidated (derivatives closed) with equity left: the account has left the market. */
export const CLOSED = 1;
/** Liquidated with negative equity: its shortfall became bad debt. */
export const INSOLVENT = 2;

export type AccountState = {
  accounts: number;
  /** offsets / instrument / qty / cashUsd: the engine's book (qty and cash are updated in place). */
  book: AccountBook;
  /** Per slot: 1 for collateral held in kind (book qty = amount x (1 - haircut)). */
  isCollateral: Uint8Array;
  /** Per slot: 1 for a perp that delta-hedges the account's options in its underlying. */
  isHedge: Uint8Array;
  /** Per slot: collateral amount in coins and its haircut (for true equity = margin equity + haircut value). */
  collateralAmount: Float64Array;
  haircut: Float64Array;
  /** Per option slot: moneyness and tenor it is rolled into when it expires. */
  moneyness: Float64Array;
  tenorDays: Float64Array;
  /** Per account. */
  archetype: Uint8Array;
  status: Uint8Array;
  /** 1 once the account has been liquidated on this path. */
  liquidated: Uint8Array;
  /** Gradual unwind: steps left, and the share of the book at trigger that is to remain. */
  unwindLeft: Int32Array;
  unwindRemain: Float64Array;
  /** Share of the book at trigger still held during an unwind. */
  unwindHeld: Float64Array;
  /** Backtest: equity and initial margin held after the previous step; observe = 0 skips the next observation. */
  equityHeld: Float64Array;
  initialHeld: Float64Array;
  observe: Uint8Array;
};
