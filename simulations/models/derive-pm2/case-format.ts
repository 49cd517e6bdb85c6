/**
 * Reader for Derive's published PM2 test-case files (derivexyz/v2-core,
 * test/risk-managers/unit-tests/PMRM_2/portfolio_cases/*.json): `Scenario` (the account and its
 * feeds), `Parameters` (scenario list and the five parameter groups) and `Result` (expected values).
 * Numbers may be JSON numbers or decimal strings, as in the published files. A malformed case is
 * rejected with the case-file path of the offending field.
 *
 * Conversions follow Derive's own harness (TestPMRM_2_PortfolioCasesNEW.t.sol): expiries are seconds
 * from the reference time, DTE_FLOOR is in days, a forward less than 30 minutes from expiry is split
 * into a fixed part (fraction (1800 - t) / 1800) and a part that moves with spot, and a scenario is
 * regular / tail / skew by its position in `Result.reg_losses`, `tail_losses`, `skew_losses`.
 */
import { z } from "zod";
import { EngineError, type FieldPath } from "../../errors.ts";
import type { DerivePm2Input } from "./input.ts";
import { derivePm2InputSchema } from "./input.ts";
import {
  type DerivePm2Params,
  type DerivePm2Scenario,
  derivePm2ParamsSchema,
  type ScenarioKind,
  type VolShockDirection,
} from "./params.ts";
import { zodIssueToEngineError } from "./zod-error.ts";

const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** A JSON number or a decimal string (the published files use both). */
const num = z.union([
  z.number(),
  z
    .string()
    .regex(DECIMAL, "must be a decimal number")
    .transform((s) => Number(s)),
]);
const nonNeg = num.pipe(z.number().min(0));
const conf = num.pipe(z.number().min(0).max(1));
const flag = z.union([z.boolean(), z.literal(0).transform(() => false), z.literal(1).transform(() => true)]);

const caseCollateralSchema = z.object({
  Name: z.string().min(1),
  Amount: nonNeg,
  Price: nonNeg,
  Confidence: conf,
  IsRiskCancelling: flag,
  IMHaircut: num.pipe(z.number().min(0).max(1)),
  MMHaircut: num.pipe(z.number().min(0).max(1)),
});

const caseOptionSchema = z.object({
  Expiry: z.number().int().min(0),
  Strike: nonNeg,
  IsCall: flag,
  Amount: num,
});

const caseFeedSchema = z.object({
  FeedExpiry: z.number().int().min(0),
  Forward: num.pipe(z.number().positive()),
  ForwardConfidence: conf,
  Rate: num,
  RateConfidence: conf,
  /** a, b, rho, m, sigma, forward, tau (years). */
  SVIparam: z.tuple([
    num,
    nonNeg,
    num,
    num,
    nonNeg,
    num.pipe(z.number().positive()),
    num.pipe(z.number().positive()),
  ]),
  OptionVolConfidences: conf,
});

const caseScenarioSchema = z.object({
  Cash: num,
  Collaterals: z.array(caseCollateralSchema),
  SpotPrice: num.pipe(z.number().positive()),
  SpotConfidence: conf,
  NumPerps: num,
  PerpPrice: nonNeg,
  PerpConfidence: conf,
  UnrealisedPerpPNL: num,
  UnrealisedFunding: num,
  StablePrice: num.pipe(z.number().positive()),
  StableConfidence: conf,
  Options: z.array(caseOptionSchema),
  OptionFeeds: z.array(caseFeedSchema),
});

const caseScenarioRowSchema = z.object({
  SpotShock: nonNeg,
  VolShockDirection: z.enum(["Up", "Down", "None", "LINEAR", "ABS"]),
  DampeningFactor: nonNeg,
});

/** Case-file name of each parameter, per group: [case section, case key, our group, our field]. */
const PARAM_FIELDS = [
  ["VolShock", "VOLRANGEUP", "volShock", "volRangeUp"],
  ["VolShock", "VOLRANGEDOWN", "volShock", "volRangeDown"],
  ["VolShock", "SHORTTERMPOWER", "volShock", "shortTermPower"],
  ["VolShock", "LONGTERMPOWER", "volShock", "longTermPower"],
  ["VolShock", "DTE_FLOOR", "volShock", "dteFloorDays"],
  ["VolShock", "MIN_VOL_EVAL_SHOCKED", "volShock", "minVolUpShock"],
  ["SkewShock", "LINEAR_SCALE_CAP", "skewShock", "linearBaseCap"],
  ["SkewShock", "ABS_SCALE_CAP", "skewShock", "absBaseCap"],
  ["SkewShock", "LINEAR_CBASE", "skewShock", "linearCBase"],
  ["SkewShock", "ABS_CBASE", "skewShock", "absCBase"],
  ["SkewShock", "MIN_K_STAR", "skewShock", "minKStar"],
  ["SkewShock", "MIN_WIDTH_SCALE", "skewShock", "widthScale"],
  ["SkewShock", "VOL_PARAM_STATIC", "skewShock", "volParamStatic"],
  ["SkewShock", "VOL_PARAM_SCALE", "skewShock", "volParamScale"],
  ["Margin", "IM_LOSS_FACTOR", "margin", "imFactor"],
  ["Margin", "MM_LOSS_FACTOR", "margin", "mmFactor"],
  ["Margin", "SHORT_RATE_MULTSCALE", "margin", "shortRateMultScale"],
  ["Margin", "LONG_RATE_MULTSCALE", "margin", "longRateMultScale"],
  ["Margin", "SHORT_RATE_ADDSCALE", "margin", "shortRateAddScale"],
  ["Margin", "LONG_RATE_ADDSCALE", "margin", "longRateAddScale"],
  ["Margin", "BASE_STATIC_DISCOUNT_NEG", "margin", "shortBaseStaticDiscount"],
  ["Margin", "BASE_STATIC_DISCOUNT", "margin", "longBaseStaticDiscount"],
  ["BasisContingency", "SCENARIO_SPOT_UP", "basisContingency", "scenarioSpotUp"],
  ["BasisContingency", "SCENARIO_SPOT_DOWN", "basisContingency", "scenarioSpotDown"],
  ["BasisContingency", "BASIS_CONT_ADD_FACTOR", "basisContingency", "addFactor"],
  ["BasisContingency", "BASIS_CONT_MULT_FACTOR", "basisContingency", "multFactor"],
  ["OtherContingency", "PEG_LOSS_THRESHOLD", "otherContingency", "pegLossThreshold"],
  ["OtherContingency", "PEG_LOSS_FACTOR", "otherContingency", "pegLossFactor"],
  ["OtherContingency", "CONF_THRESHOLD", "otherContingency", "confThreshold"],
  ["OtherContingency", "CONF_MARGIN", "otherContingency", "confMargin"],
  ["OtherContingency", "MM_PERP_PERCENT", "otherContingency", "mmPerpPercent"],
  ["OtherContingency", "IM_PERP_PERCENT", "otherContingency", "imPerpPercent"],
  ["OtherContingency", "MM_OPTION_PERCENT", "otherContingency", "mmOptionPercent"],
  ["OtherContingency", "IM_OPTION_PERCENT", "otherContingency", "imOptionPercent"],
] as const;

const SECTIONS = ["VolShock", "SkewShock", "Margin", "BasisContingency", "OtherContingency"] as const;
const caseParametersSchema = z.object({
  Scenarios: z.array(caseScenarioRowSchema).min(1),
  ...Object.fromEntries(
    SECTIONS.map((sec) => [
      sec,
      z.object(Object.fromEntries(PARAM_FIELDS.filter((f) => f[0] === sec).map((f) => [f[1], num]))),
    ]),
  ),
}) as unknown as z.ZodType<{
  Scenarios: Array<z.output<typeof caseScenarioRowSchema>>;
  VolShock: Record<string, number>;
  SkewShock: Record<string, number>;
  Margin: Record<string, number>;
  BasisContingency: Record<string, number>;
  OtherContingency: Record<string, number>;
}>;

const lossRow = z.array(z.union([z.number(), z.string()])).min(2);
const caseResultSchema = z.object({
  MM: num,
  IM: num,
  worst_reg_loss: num,
  worst_tail_loss: num,
  worst_skew_loss: num,
  reg_losses: z.array(lossRow),
  tail_losses: z.array(lossRow),
  skew_losses: z.array(lossRow),
  ForwardContingency: num.optional(),
  PortfolioMTM: num.optional(),
  OptionMTM: num.optional(),
  OptionMTMPerExpiry: z.array(num).optional(),
  OptionMTMPerExpiryDiscounted: z.array(num).optional(),
  CollateralMTM: num.optional(),
  PerpMTM: num.optional(),
  MMPerpCont: num.optional(),
  IMPerpCont: num.optional(),
  MMBaseCont: num.optional(),
  IMBaseCont: num.optional(),
  MMOptionCont: num.optional(),
  IMOptionCont: num.optional(),
  OracleCont: num.optional(),
  discount_factors: z.array(z.tuple([num, num])).optional(),
});

export const deriveCaseSchema = z.object({
  Scenario: caseScenarioSchema,
  Parameters: caseParametersSchema,
  Result: caseResultSchema.optional(),
});

export type DeriveCaseFile = z.output<typeof deriveCaseSchema>;

/** The expected values of a case, in the case file's sign convention (losses and contingencies negative). */
export type DeriveCaseExpected = {
  mm: number;
  im: number;
  worstRegLoss: number;
  worstTailLoss: number;
  worstSkewLoss: number;
  /** Expected P&L per scenario, in scenario order (regular, then tail, then skew). */
  scenarioLosses: number[];
  forwardContingency?: number;
  portfolioMtm?: number;
  optionMtm?: number;
  optionMtmPerFeed?: number[];
  optionMtmPerFeedDiscounted?: number[];
  collateralMtm?: number;
  perpMtm?: number;
  mmPerpCont?: number;
  imPerpCont?: number;
  mmBaseCont?: number;
  imBaseCont?: number;
  mmOptionCont?: number;
  imOptionCont?: number;
  oracleCont?: number;
  /** [positive-value static discount, negative-value static discount] per feed. */
  staticDiscountsPerFeed?: Array<[number, number]>;
};

export type DeriveCase = {
  input: DerivePm2Input;
  params: DerivePm2Params;
  expected: DeriveCaseExpected | undefined;
};

/** Seconds before expiry during which part of the forward is already fixed by settlement averaging. */
const SETTLEMENT_WINDOW_SEC = 30 * 60;

const DIRECTIONS: Record<string, VolShockDirection> = {
  Up: "Up",
  Down: "Down",
  None: "None",
  LINEAR: "Linear",
  ABS: "Abs",
};

function lossValue(row: Array<number | string>): number {
  const last = row[row.length - 1];
  const v = typeof last === "number" ? last : Number(last);
  return v;
}

function invalid(
  path: FieldPath,
  reason: string,
  code: "INVALID_INPUT" | "INVALID_PARAMS" = "INVALID_INPUT",
) {
  return new EngineError({ code, path, reason });
}

/** Maps a path in our params object back to the case file's field, for error messages. */
function caseParamPath(path: FieldPath): FieldPath {
  const [group, field, ...rest] = path;
  if (group === "scenarios" && typeof field === "number") {
    const key =
      rest[0] === "spotShock"
        ? "SpotShock"
        : rest[0] === "dampening"
          ? "DampeningFactor"
          : "VolShockDirection";
    return ["Parameters", "Scenarios", field, key];
  }
  const hit = PARAM_FIELDS.find((f) => f[2] === group && f[3] === field);
  return hit ? ["Parameters", hit[0], hit[1], ...rest] : ["Parameters", ...path];
}

/** Validates and converts a parsed case document. `source` (a file name) prefixes error messages. */
export function parseDeriveCase(raw: unknown, source?: string): DeriveCase {
  const parsed = deriveCaseSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const err = issue
      ? zodIssueToEngineError(issue, "INVALID_INPUT")
      : invalid([], "not a Derive PM2 case document");
    throw source ? err.withSource(source) : err;
  }
  try {
    return convert(parsed.data);
  } catch (e) {
    if (e instanceof EngineError && source) throw e.withSource(source);
    throw e;
  }
}

function convert(doc: DeriveCaseFile): DeriveCase {
  const s = doc.Scenario;
  const feedSecs = new Set(s.OptionFeeds.map((f) => f.FeedExpiry));
  s.OptionFeeds.forEach((f, i) => {
    if (s.OptionFeeds.findIndex((g) => g.FeedExpiry === f.FeedExpiry) !== i) {
      throw invalid(
        ["Scenario", "OptionFeeds", i, "FeedExpiry"],
        `duplicate feed for expiry ${f.FeedExpiry}`,
      );
    }
  });
  s.Options.forEach((o, i) => {
    if (!feedSecs.has(o.Expiry)) {
      throw invalid(
        ["Scenario", "Options", i, "Expiry"],
        `no entry in Scenario.OptionFeeds for expiry ${o.Expiry}: a position needs a forward, rate and vol surface`,
      );
    }
  });

  const draft = {
    spot: { price: s.SpotPrice, confidence: s.SpotConfidence },
    stable: { price: s.StablePrice, confidence: s.StableConfidence },
    cash: s.Cash,
    perp: {
      amount: s.NumPerps,
      price: s.PerpPrice,
      confidence: s.PerpConfidence,
      unrealisedPnl: s.UnrealisedPerpPNL,
      unrealisedFunding: s.UnrealisedFunding,
    },
    feeds: s.OptionFeeds.map((f) => {
      const t = f.FeedExpiry;
      const fixed =
        t < SETTLEMENT_WINDOW_SEC ? (f.Forward * (SETTLEMENT_WINDOW_SEC - t)) / SETTLEMENT_WINDOW_SEC : 0;
      const [a, b, rho, m, sigma, forward, tauYears] = f.SVIparam;
      return {
        secToExpiry: t,
        forward: f.Forward,
        forwardFixed: fixed,
        forwardConfidence: f.ForwardConfidence,
        rate: f.Rate,
        rateConfidence: f.RateConfidence,
        svi: { a, b, rho, m, sigma, forward, tauYears },
        volConfidence: f.OptionVolConfidences,
      };
    }),
    options: s.Options.map((o) => ({
      secToExpiry: o.Expiry,
      strike: o.Strike,
      isCall: o.IsCall,
      amount: o.Amount,
    })),
    collaterals: s.Collaterals.map((c) => ({
      name: c.Name,
      amount: c.Amount,
      price: c.Price,
      confidence: c.Confidence,
      isRiskCancelling: c.IsRiskCancelling,
      mmHaircut: c.MMHaircut,
      imHaircut: c.IMHaircut,
    })),
  };
  const input = derivePm2InputSchema.safeParse(draft);
  if (!input.success) {
    const issue = input.error.issues[0];
    throw issue ? zodIssueToEngineError(issue, "INVALID_INPUT") : invalid(["Scenario"], "invalid account");
  }

  const r = doc.Result;
  const nReg = r?.reg_losses.length;
  const nTail = r?.tail_losses.length;
  const rows = doc.Parameters.Scenarios;
  if (r && nReg !== undefined && nTail !== undefined && nReg + nTail + r.skew_losses.length !== rows.length) {
    throw invalid(
      ["Result"],
      `${rows.length} scenarios but ${nReg} + ${nTail} + ${r.skew_losses.length} expected losses`,
    );
  }
  const scenarios: DerivePm2Scenario[] = rows.map((row, i) => {
    const volShock = DIRECTIONS[row.VolShockDirection] ?? "None";
    let kind: ScenarioKind;
    if (nReg !== undefined && nTail !== undefined) {
      kind = i < nReg ? "regular" : i < nReg + nTail ? "tail" : "skew";
    } else {
      kind =
        volShock === "Linear" || volShock === "Abs" ? "skew" : row.DampeningFactor !== 1 ? "tail" : "regular";
    }
    return { spotShock: row.SpotShock, volShock, dampening: row.DampeningFactor, kind };
  });

  const P = doc.Parameters;
  const groups: Record<string, Record<string, number>> = {};
  for (const [sec, key, group, field] of PARAM_FIELDS) {
    const value = P[sec][key];
    if (value === undefined) throw invalid(["Parameters", sec, key], "missing", "INVALID_PARAMS");
    groups[group] ??= {};
    groups[group][field] = value;
  }
  const params = derivePm2ParamsSchema.safeParse({ scenarios, ...groups });
  if (!params.success) {
    const issue = params.error.issues[0];
    const path = issue ? issue.path.filter((p): p is string | number => typeof p !== "symbol") : [];
    throw invalid(caseParamPath(path), issue?.message ?? "invalid parameters", "INVALID_PARAMS");
  }

  let expected: DeriveCaseExpected | undefined;
  if (r) {
    expected = {
      mm: r.MM,
      im: r.IM,
      worstRegLoss: r.worst_reg_loss,
      worstTailLoss: r.worst_tail_loss,
      worstSkewLoss: r.worst_skew_loss,
      scenarioLosses: [...r.reg_losses, ...r.tail_losses, ...r.skew_losses].map(lossValue),
      forwardContingency: r.ForwardContingency,
      portfolioMtm: r.PortfolioMTM,
      optionMtm: r.OptionMTM,
      optionMtmPerFeed: r.OptionMTMPerExpiry,
      optionMtmPerFeedDiscounted: r.OptionMTMPerExpiryDiscounted,
      collateralMtm: r.CollateralMTM,
      perpMtm: r.PerpMTM,
      mmPerpCont: r.MMPerpCont,
      imPerpCont: r.IMPerpCont,
      mmBaseCont: r.MMBaseCont,
      imBaseCont: r.IMBaseCont,
      mmOptionCont: r.MMOptionCont,
      imOptionCont: r.IMOptionCont,
      oracleCont: r.OracleCont,
      staticDiscountsPerFeed: r.discount_factors,
    };
  }
  return { input: input.data, params: params.data, expected };
}
