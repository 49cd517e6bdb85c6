/**
 * VaR and ES of every account of a book over historical scenarios (full revaluation: the risk array
 * holds each instrument's loss in each past window): per account, its loss vector is summed from its
 * positions' rows (`accountScenarioLosses`, four rows per pass) and handed to `varEs` (a heap or
 * quickselect, never a sort), reusing two buffers for the whole book.
 *
 * Blocking accounts and days for cache reuse (groups of 8..256 accounts, 64..2,000-day blocks) was
 * measured slower on the reference machine, idle or loaded: the pass is bound by the multiply-adds
 * and bounds-checked loads (~70 operations per account-day for 20 positions), not by memory, so the
 * plain loop is kept.
 */
import { varEs } from "../risk/var-es.ts";
import type { AccountBook } from "./account-book.ts";
import { accountScenarioLosses } from "./account-scenario-losses.ts";

import type { RiskArray } from "./risk-array.ts";

export type AccountsVarEs = { var: Float64Array; es: Float64Array; observations: number; tailCount: number };

export function accountsVarEs(args: {
  book: AccountBook;
  riskArray: RiskArray;
  confidence: number;
}): AccountsVarEs {
  const { book, riskArray, confidence } = args;
  const H = riskArray.scenarios;
  const A = book.accounts;
  const out: AccountsVarEs = {
    var: new Float64Array(A),
    es: new Float64Array(A),
    observations: H,
    tailCount: 0,
  };
  if (H === 0) return out;
  const pnl = new Float64Array(H);
  const scratch = new Float64Array(H);
  for (let a = 0; a < A; a++) {
    accountScenarioLosses(book, a, riskArray, pnl);
    const r = varEs({ losses: pnl, confidence, scratch });
    out.var[a] = r.var;
    out.es[a] = r.es;
    out.tailCount = r.tailCount;
  }
  return out;
}
