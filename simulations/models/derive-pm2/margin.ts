/**
 * Derive PM2 maintenance and initial margin (`PMRMLib_2.getMarginAndMarkToMarket`):
 *
 *   worst = min(basis contingency, P&L of every scenario)
 *   MM = worst x mmFactor - MM contingencies + MtM + cash
 *   IM = worst x (imFactor + peg add-on) - IM contingencies - MM contingencies + MtM + cash
 *
 * where the peg add-on is (pegLossThreshold - stable price) x pegLossFactor when the stable coin
 * trades below the threshold. Margin >= 0 means the account is sufficiently collateralised.
 */
import { EngineError } from "../../errors.ts";
import { type DerivePm2Input, derivePm2InputSchema } from "./input.ts";
import {
  type DerivePm2Params,
  derivePm2ParamsSchema,
  type ScenarioKind,
  type VolShockDirection,
} from "./params.ts";
import { type Contingencies, type PreparedPortfolio, preparePortfolio } from "./precompute.ts";
import { scenarioPnl } from "./scenario-pnl.ts";
import { zodIssueToEngineError } from "./zod-error.ts";

export type ScenarioResult = {
  index: number;
  kind: ScenarioKind;
  spotShock: number;
  volShock: VolShockDirection;
  dampening: number;
  /** P&L relative to MtM, after static discounts and dampening (negative = loss). */
  pnl: number;
};

export type ExpiryResult = {
  secToExpiry: number;
  feedIndex: number;
  forward: number;
  discount: number;
  staticDiscountPos: number;
  staticDiscountNeg: number;
  volShockUp: number;
  volShockDown: number;
  mtm: number;
  /** MtM multiplied by the static discount for its sign. */
  discountedMtm: number;
  basisContingency: number;
  nakedShorts: number;
  minConfidence: number;
};

export type DerivePm2Result = {
  mm: number;
  im: number;
  /** MtM + cash: what the account is worth now. */
  markToMarket: number;
  mtm: { cash: number; perp: number; options: number; collateral: number };
  scenarios: ScenarioResult[];
  /** Worst (lowest) P&L per group; 0 when the group has no scenario. */
  worstRegularLoss: number;
  worstTailLoss: number;
  worstSkewLoss: number;
  /** The binding loss: min(basis contingency, all scenario P&Ls). */
  worstLoss: number;
  /** Index of the binding scenario, or null when the basis contingency binds. */
  worstScenarioIndex: number | null;
  basisContingency: number;
  contingencies: Contingencies;
  mmFactor: number;
  /** imFactor plus the stable de-peg add-on. */
  imFactor: number;
  pegLossAddOn: number;
  expiries: ExpiryResult[];
};

export type ComputeOptions = {
  /** Skip zod validation (the caller already parsed both); structural errors still throw. */
  trusted?: boolean;
};

function validate(input: unknown, params: unknown): { input: DerivePm2Input; params: DerivePm2Params } {
  const p = derivePm2ParamsSchema.safeParse(params);
  if (!p.success) {
    throw p.error.issues[0]
      ? zodIssueToEngineError(p.error.issues[0], "INVALID_PARAMS")
      : new EngineError({ code: "INVALID_PARAMS", reason: "invalid derive-pm2 parameters" });
  }
  const i = derivePm2InputSchema.safeParse(input);
  if (!i.success) {
    throw i.error.issues[0]
      ? zodIssueToEngineError(i.error.issues[0], "INVALID_INPUT")
      : new EngineError({ code: "INVALID_INPUT", reason: "invalid Derive PM2 input" });
  }
  return { input: i.data, params: p.data };
}

export function computeDerivePm2Margin(
  input: DerivePm2Input,
  params: DerivePm2Params,
  options: ComputeOptions = {},
): DerivePm2Result {
  const v = options.trusted ? { input, params } : validate(input, params);
  const prepared = preparePortfolio(v.input, v.params);
  return assembleMargin(prepared, v.params);
}

export function assembleMargin(p: PreparedPortfolio, params: DerivePm2Params): DerivePm2Result {
  const scenarios: ScenarioResult[] = [];
  let worstLoss = p.basisContingency;
  let worstScenarioIndex: number | null = null;
  let worstRegularLoss = 0;
  let worstTailLoss = 0;
  let worstSkewLoss = 0;
  const seenKind = { regular: false, tail: false, skew: false };
  params.scenarios.forEach((s, index) => {
    const pnl = scenarioPnl(p, s, params);
    scenarios.push({
      index,
      kind: s.kind,
      spotShock: s.spotShock,
      volShock: s.volShock,
      dampening: s.dampening,
      pnl,
    });
    if (pnl < worstLoss) {
      worstLoss = pnl;
      worstScenarioIndex = index;
    }
    if (s.kind === "regular") {
      worstRegularLoss = seenKind.regular ? Math.min(worstRegularLoss, pnl) : pnl;
    } else if (s.kind === "tail") {
      worstTailLoss = seenKind.tail ? Math.min(worstTailLoss, pnl) : pnl;
    } else {
      worstSkewLoss = seenKind.skew ? Math.min(worstSkewLoss, pnl) : pnl;
    }
    seenKind[s.kind] = true;
  });

  const other = params.otherContingency;
  const pegLossAddOn =
    p.stablePrice < other.pegLossThreshold
      ? (other.pegLossThreshold - p.stablePrice) * other.pegLossFactor
      : 0;
  const mmFactor = params.margin.mmFactor;
  const imFactor = params.margin.imFactor + pegLossAddOn;
  const markToMarket = p.totalMtm + p.cash;
  const c = p.contingencies;
  const mm = worstLoss * mmFactor - c.mmTotal + markToMarket;
  const im = worstLoss * imFactor - c.imTotal - c.mmTotal + markToMarket;

  return {
    mm,
    im,
    markToMarket,
    mtm: { cash: p.cash, perp: p.perpValue, options: p.optionMtm, collateral: p.collateralMtm },
    scenarios,
    worstRegularLoss,
    worstTailLoss,
    worstSkewLoss,
    worstLoss,
    worstScenarioIndex,
    basisContingency: p.basisContingency,
    contingencies: c,
    mmFactor,
    imFactor,
    pegLossAddOn,
    expiries: p.expiries.map((e) => ({
      secToExpiry: e.secToExpiry,
      feedIndex: e.feedIndex,
      forward: e.fwdVariable + e.fwdFixed,
      discount: e.discount,
      staticDiscountPos: e.staticDiscountPos,
      staticDiscountNeg: e.staticDiscountNeg,
      volShockUp: e.volShockUp,
      volShockDown: e.volShockDown,
      mtm: e.mtm,
      discountedMtm: e.mtm * (e.mtm >= 0 ? e.staticDiscountPos : e.staticDiscountNeg),
      basisContingency: e.basisContingency,
      nakedShorts: e.nakedShorts,
      minConfidence: e.minConfidence,
    })),
  };
}
