/**
 * derive-pm2 as a model of the registry (id "derive-pm2"): Derive's PM2 margin (margin.ts) on the
 * engine's generic inputs, a market snapshot (spot, ATM vol, rate per underlying) and a portfolio of
 * parsed instruments. The parameter set is Derive's (params.ts) plus a `collateral` group of per-asset
 * haircuts: in Derive those are per-collateral settings of the manager (`PMRM_2.setCollateralParameters`),
 * governed like the rest, so a DAO proposes them here.
 *
 * The adapter (docs/methodology.md, section 15; the model itself: section 29) builds one Derive account per
 * underlying, since a PM2 manager margins one base asset:
 * - each option expiry gets a feed with forward F = S e^{rT} and rate r (Derive discounts with
 *   e^{-max(r, 0) T}: it floors rates at 0), T = whole seconds to expiry / 365 days, and a flat SVI
 *   surface (a = vol^2 T, b = rho = m = sigma = 0) that returns the snapshot's ATM vol at every strike;
 *   a position with its own `iv` keeps that vol (the input's `vol` override), as the generic engine does;
 * - perpetuals and dated futures are one perp balance at spot (the generic engine has no basis), with
 *   no unrealised P&L or funding;
 * - stablecoin collateral (not quoted in the snapshot) is Derive's cash at a stable price of 1; any other
 *   asset is collateral of its own underlying's account at spot, risk-cancelling (it moves with that
 *   underlying in every scenario, so BTC collateral under a short BTC put book shows wrong-way risk),
 *   with the parameter set's MM and IM haircuts;
 * - every oracle confidence is 1, so no confidence contingency applies.
 * Requirements add up over the accounts (no offset between underlyings, like span-grid's
 * per-underlying aggregation). Equity is cash + Derive's mark-to-market (collateral at full value:
 * Derive charges haircuts as contingencies), so equity - initial is exactly the sum of Derive's IM.
 */
import { z } from "zod";
import { assertPriceable, STABLE_ASSETS } from "../../engine/bind-portfolio.ts";
import type {
  CollateralReport,
  MarginReport,
  RiskMeasure,
  ScenarioLoss,
} from "../../engine/margin-report.ts";
import { portfolioGreeks, positionGreeks } from "../../engine/position-greeks.ts";
import { EngineError } from "../../errors.ts";
import type { MarketSnapshot } from "../../input/market-snapshot.ts";
import type { Portfolio } from "../../input/portfolio.ts";
import { standardMargin } from "../../margin/standard-margin.ts";
import { type FieldBounds, type FieldMeta, type ModelFieldMeta, methodologyAnchor } from "../field-meta.ts";
import type { MarginInput, MarginModel } from "../registry.ts";
import { resolveParams } from "../resolve-params.ts";
import { SPAN_GRID_DEFAULTS } from "../span-grid/params.ts";
import { SECONDS_PER_YEAR } from "./black76.ts";
import { derivePm2FieldMeta, type FieldMeta as Pm2FieldMeta } from "./field-meta.ts";
import type { CollateralPosition, DerivePm2Input, ExpiryFeed, OptionPosition } from "./input.ts";
import { computeDerivePm2Margin } from "./margin.ts";
import {
  basisContingencyParamsSchema,
  type DerivePm2Params,
  derivePm2ParamsSchema,
  marginParamsSchema,
  otherContingencyParamsSchema,
  SCENARIO_COUNT,
  scenarioKindSchema,
  skewShockParamsSchema,
  type VolShockDirection,
  volShockDirectionSchema,
  volShockParamsSchema,
} from "./params.ts";
import { deribitStylePreset, derivePm2Defaults } from "./presets.ts";

const haircut = z.number().min(0).max(1);
const assetSymbol = z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: "asset symbols are upper case" });

/** Per-asset collateral haircuts (Derive's `CollateralParams.MMHaircut` / `IMHaircut`). */
export const collateralHaircutParamsSchema = z.strictObject({
  mmHaircuts: z.record(assetSymbol, haircut),
  imHaircuts: z.record(assetSymbol, haircut),
  defaultMmHaircut: haircut,
  defaultImHaircut: haircut,
});

/** The registry's derive-pm2 parameter set: Derive's parameters and the collateral haircuts. */
export const derivePm2ModelParamsSchema = derivePm2ParamsSchema.safeExtend({
  collateral: collateralHaircutParamsSchema,
});
export type DerivePm2ModelParams = z.infer<typeof derivePm2ModelParamsSchema>;

/** A partial set: any group, each with any subset of its fields; the scenario list only whole. */
const partialSchema = z.strictObject({
  scenarios: derivePm2ParamsSchema.shape.scenarios.optional(),
  volShock: volShockParamsSchema.partial().optional(),
  skewShock: skewShockParamsSchema.partial().optional(),
  margin: marginParamsSchema.partial().optional(),
  basisContingency: basisContingencyParamsSchema.partial().optional(),
  otherContingency: otherContingencyParamsSchema.partial().optional(),
  collateral: collateralHaircutParamsSchema.partial().optional(),
});

/**
 * The haircuts Derive's published PM2 cases use most for base-asset collateral (MM 2%, IM 3% on top,
 * so IM charges 5%: span-grid's default haircut for BTC and ETH).
 */
export const DERIVE_PM2_COLLATERAL_DEFAULTS: DerivePm2ModelParams["collateral"] = {
  mmHaircuts: {},
  imHaircuts: {},
  defaultMmHaircut: 0.02,
  defaultImHaircut: 0.03,
};

export const derivePm2ModelDefaults: DerivePm2ModelParams = {
  ...structuredClone(derivePm2Defaults),
  collateral: structuredClone(DERIVE_PM2_COLLATERAL_DEFAULTS),
};

function toFieldMeta(m: Pm2FieldMeta): FieldMeta {
  const bounds: FieldBounds = {};
  if (m.min !== undefined) bounds.min = m.min;
  if (m.max !== undefined) bounds.max = m.max;
  if (m.exclusiveMin) bounds.exclusiveMin = true;
  if (m.exclusiveMax) bounds.exclusiveMax = true;
  const meta: FieldMeta = {
    label: m.label,
    unit: m.unit,
    description: m.description,
    doc: m.doc,
    kind: "number",
  };
  if (Object.keys(bounds).length > 0) meta.bounds = bounds;
  return meta;
}

const ENUM_ITEMS: Record<string, readonly string[]> = {
  volShock: volShockDirectionSchema.options,
  kind: scenarioKindSchema.options,
};

function scenarioItemFields(): Record<string, FieldMeta> {
  const out: Record<string, FieldMeta> = {};
  for (const [path, m] of Object.entries(derivePm2FieldMeta)) {
    if (!path.startsWith("scenarios[].")) continue;
    const key = path.slice("scenarios[].".length);
    const options = ENUM_ITEMS[key];
    out[key] = options ? { ...toFieldMeta(m), kind: "enum", options } : toFieldMeta(m);
  }
  return out;
}

/** Every field by path (`margin.mmFactor`); the scenario list is one `list` field, replaced whole. */
export const DERIVE_PM2_FIELDS: Readonly<Record<string, ModelFieldMeta>> = {
  scenarios: {
    label: "Scenarios",
    unit: "list of scenarios",
    description: `Derive's scenario list (regular grid, dampened tail moves, Linear and Abs skew shocks), ${SCENARIO_COUNT.min} to ${SCENARIO_COUNT.max} scenarios.`,
    doc: methodologyAnchor("derive-pm2", "scenarios"),
    kind: "list",
    items: scenarioItemFields(),
    itemLabel: "Scenario",
    minItems: SCENARIO_COUNT.min,
    maxItems: SCENARIO_COUNT.max,
  },
  ...Object.fromEntries(
    Object.entries(derivePm2FieldMeta)
      .filter(([path]) => !path.startsWith("scenarios[]."))
      .map(([path, m]) => [path, toFieldMeta(m)]),
  ),
  "collateral.mmHaircuts": {
    label: "Collateral MM haircuts",
    unit: "fraction of value",
    description: "MM contingency per USD of each collateral asset (Derive's MMHaircut).",
    doc: methodologyAnchor("derive-pm2", "collateral.mmHaircuts"),
    kind: "record",
    valueBounds: { min: 0, max: 1 },
  },
  "collateral.imHaircuts": {
    label: "Collateral IM haircuts",
    unit: "fraction of value",
    description: "IM contingency per USD of each collateral asset, on top of the MM haircut (IMHaircut).",
    doc: methodologyAnchor("derive-pm2", "collateral.imHaircuts"),
    kind: "record",
    valueBounds: { min: 0, max: 1 },
  },
  "collateral.defaultMmHaircut": {
    label: "Default collateral MM haircut",
    unit: "fraction of value",
    description: "MM haircut of a non-stable collateral asset without its own entry.",
    doc: methodologyAnchor("derive-pm2", "collateral.defaultMmHaircut"),
    kind: "number",
    bounds: { min: 0, max: 1 },
  },
  "collateral.defaultImHaircut": {
    label: "Default collateral IM haircut",
    unit: "fraction of value",
    description: "IM haircut (on top of MM) of a non-stable collateral asset without its own entry.",
    doc: methodologyAnchor("derive-pm2", "collateral.defaultImHaircut"),
    kind: "number",
    bounds: { min: 0, max: 1 },
  },
};

/** One Derive account per underlying, as the adapter builds it. */
export type DerivePm2Account = { underlying: string; input: DerivePm2Input };

export type DerivePm2Adaptation = {
  accounts: DerivePm2Account[];
  /** Stablecoin collateral: Derive's cash (USD). */
  cashUsd: number;
  collateral: CollateralReport["holdings"];
};

type AccountDraft = {
  options: Map<string, OptionPosition>;
  feeds: Map<number, ExpiryFeed>;
  perp: number;
  collaterals: CollateralPosition[];
};

/** A flat SVI surface: total variance vol^2 T at every strike, so `sviVol` returns `vol`. */
function flatFeed(args: { spot: number; vol: number; rate: number; secToExpiry: number }): ExpiryFeed {
  const years = args.secToExpiry / SECONDS_PER_YEAR;
  // SVI needs tau > 0; an option expiring now takes one second (its value is intrinsic anyway).
  const tauYears = Math.max(years, 1 / SECONDS_PER_YEAR);
  const forward = args.spot * Math.exp(args.rate * years);
  return {
    secToExpiry: args.secToExpiry,
    forward,
    forwardFixed: 0,
    forwardConfidence: 1,
    rate: args.rate,
    rateConfidence: 1,
    svi: { a: args.vol * args.vol * tauYears, b: 0, rho: 0, m: 0, sigma: 0, forward, tauYears },
    volConfidence: 1,
  };
}

/** The generic market + portfolio as Derive PM2 accounts (one per underlying); see the file comment. */
export function adaptToDerivePm2(args: {
  market: MarketSnapshot;
  portfolio: Portfolio;
  collateral: DerivePm2ModelParams["collateral"];
  source?: string;
}): DerivePm2Adaptation {
  const { market, portfolio, collateral: haircuts, source } = args;
  const drafts = new Map<string, AccountDraft>();
  const draftOf = (u: string): AccountDraft => {
    let d = drafts.get(u);
    if (!d) {
      d = { options: new Map(), feeds: new Map(), perp: 0, collaterals: [] };
      drafts.set(u, d);
    }
    return d;
  };

  portfolio.positions.forEach((p, k) => {
    assertPriceable(market, p.instrument, k, source);
    const ins = p.instrument;
    const m = market.underlyings[ins.underlying]!;
    const d = draftOf(ins.underlying);
    if (ins.type === "perp" || ins.type === "future") {
      d.perp += p.qty;
      return;
    }
    if (ins.type !== "option") return;
    const secToExpiry = Math.floor((ins.expiryMs - market.asOfMs) / 1000);
    if (!d.feeds.has(secToExpiry)) {
      d.feeds.set(secToExpiry, flatFeed({ spot: m.spot, vol: m.vol, rate: m.rate, secToExpiry }));
    }
    // Derive holds one balance per option: positions in the same instrument (and mark vol) net.
    const key = `${ins.name}@${p.iv ?? ""}`;
    const held = d.options.get(key);
    if (held) held.amount += p.qty;
    else {
      const option: OptionPosition = {
        secToExpiry,
        strike: ins.strike,
        isCall: ins.kind === "call",
        amount: p.qty,
      };
      if (p.iv !== undefined) option.vol = p.iv;
      d.options.set(key, option);
    }
  });

  let cashUsd = 0;
  const holdings: CollateralReport["holdings"] = portfolio.collateral.map((c, k) => {
    if (STABLE_ASSETS.has(c.asset) && !Object.hasOwn(market.underlyings, c.asset)) {
      cashUsd += c.amount;
      const value = c.amount;
      return {
        asset: c.asset,
        amount: c.amount,
        priceUsd: 1,
        haircut: 0,
        valueUsd: value,
        haircutValueUsd: value,
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
    const mmHaircut = haircuts.mmHaircuts[c.asset] ?? haircuts.defaultMmHaircut;
    const imHaircut = haircuts.imHaircuts[c.asset] ?? haircuts.defaultImHaircut;
    draftOf(c.asset).collaterals.push({
      name: c.asset,
      amount: c.amount,
      price: m.spot,
      confidence: 1,
      isRiskCancelling: true,
      mmHaircut,
      imHaircut,
    });
    const value = c.amount * m.spot;
    return {
      asset: c.asset,
      amount: c.amount,
      priceUsd: m.spot,
      haircut: mmHaircut,
      valueUsd: value,
      haircutValueUsd: value * (1 - mmHaircut),
    };
  });

  const accounts: DerivePm2Account[] = [...drafts].map(([underlying, d]) => {
    const spot = market.underlyings[underlying]!.spot;
    const input: DerivePm2Input = {
      spot: { price: spot, confidence: 1 },
      stable: { price: 1, confidence: 1 },
      cash: 0,
      feeds: [...d.feeds.values()],
      options: [...d.options.values()],
      collaterals: d.collaterals,
    };
    if (d.perp !== 0) {
      input.perp = { amount: d.perp, price: spot, confidence: 1, unrealisedPnl: 0, unrealisedFunding: 0 };
    }
    return { underlying, input };
  });
  return { accounts, cashUsd, collateral: holdings };
}

/** Derive's scenario vol shock as the report's number: the relative shock at 30 days (skew: 0). */
function volShockNumber(direction: VolShockDirection, p: DerivePm2Params): number {
  if (direction === "Up") return p.volShock.volRangeUp;
  if (direction === "Down") return -p.volShock.volRangeDown;
  return 0;
}

function pm2Params(params: DerivePm2ModelParams): DerivePm2Params {
  const { collateral: _haircuts, ...rest } = params;
  return rest;
}

const NO_RISK_MEASURE: RiskMeasure = {
  historical: null,
  filtered: null,
  confidence: SPAN_GRID_DEFAULTS.varConfidence,
  horizonDays: SPAN_GRID_DEFAULTS.varHorizonDays,
  lookbackDays: 0,
  observations: 0,
  from: null,
  to: null,
  unavailable: "the derive-pm2 model has no VaR/ES add-on",
};

export function computeDerivePm2Report(input: MarginInput<DerivePm2ModelParams>): MarginReport {
  const { market, portfolio, params } = input;
  const adapted = adaptToDerivePm2({
    market,
    portfolio,
    collateral: params.collateral,
    ...(input.portfolioSource ? { source: input.portfolioSource } : {}),
  });
  const pm2 = pm2Params(params);
  const results = adapted.accounts.map((a) => ({
    underlying: a.underlying,
    // The adapter builds complete, valid inputs from validated ones and params are resolved.
    result: computeDerivePm2Margin(a.input, pm2, { trusted: true }),
  }));

  const c = {
    scenarioLossIm: 0,
    scenarioLossMm: 0,
    worstLoss: 0,
    worstRegularLoss: 0,
    worstTailLoss: 0,
    worstSkewLoss: 0,
    basisContingency: 0,
    perpContingencyMm: 0,
    perpContingencyIm: 0,
    optionContingencyMm: 0,
    optionContingencyIm: 0,
    collateralHaircutMm: 0,
    collateralHaircutIm: 0,
    confidenceContingency: 0,
    deriveMM: 0,
    deriveIM: 0,
  };
  let equity = adapted.cashUsd;
  let initial = 0;
  let maintenance = 0;
  let worstUnderlying: string | undefined;
  let worstUnderlyingLoss = -1;
  for (const { underlying, result: r } of results) {
    const k = r.contingencies;
    // Derive's margin is MtM + cash - requirement; the requirement is what the report calls margin.
    const reqIm = -r.worstLoss * r.imFactor + k.imTotal + k.mmTotal;
    const reqMm = -r.worstLoss * r.mmFactor + k.mmTotal;
    initial += reqIm;
    maintenance += reqMm;
    equity += r.markToMarket;
    c.scenarioLossIm += -r.worstLoss * r.imFactor;
    c.scenarioLossMm += -r.worstLoss * r.mmFactor;
    c.worstLoss += -r.worstLoss;
    c.worstRegularLoss += -r.worstRegularLoss;
    c.worstTailLoss += -r.worstTailLoss;
    c.worstSkewLoss += -r.worstSkewLoss;
    c.basisContingency += -r.basisContingency;
    c.perpContingencyMm += k.mmPerp;
    c.perpContingencyIm += k.imPerp;
    c.optionContingencyMm += k.mmOption;
    c.optionContingencyIm += k.imOption;
    c.collateralHaircutMm += k.mmCollateral;
    c.collateralHaircutIm += k.imCollateral;
    c.confidenceContingency += k.confidencePerp + k.confidenceOptions + k.confidenceCollateral;
    if (-r.worstLoss > worstUnderlyingLoss) {
      worstUnderlyingLoss = -r.worstLoss;
      worstUnderlying = underlying;
    }
  }
  c.deriveMM = equity - maintenance;
  c.deriveIM = equity - initial;

  const scenarioLosses: ScenarioLoss[] = params.scenarios.map((s, i) => {
    const byUnderlying: Record<string, number> = {};
    let loss = 0;
    for (const { underlying, result } of results) {
      const l = -result.scenarios[i]!.pnl;
      byUnderlying[underlying] = l;
      loss += l;
    }
    return {
      priceShock: s.spotShock - 1,
      volShock: volShockNumber(s.volShock, params),
      weight: s.dampening,
      loss,
      byUnderlying,
    };
  });
  let argmax = 0;
  scenarioLosses.forEach((s, i) => {
    if (s.loss > scenarioLosses[argmax]!.loss) argmax = i;
  });
  const worst = scenarioLosses[argmax];

  const positions = portfolio.positions.map((p) => positionGreeks(market, p));
  const greeks = portfolioGreeks(
    portfolio.positions.map((p, k) => ({ underlying: p.instrument.underlying, greeks: positions[k]! })),
  );
  // The baseline capital efficiency is measured against, with the engine's standard-margin defaults.
  const standard = standardMargin({
    positions: portfolio.positions.map((p, k) => ({
      instrument: p.instrument,
      qty: p.qty,
      spot: market.underlyings[p.instrument.underlying]!.spot,
      mark: positions[k]!.price,
    })),
    params: SPAN_GRID_DEFAULTS,
  });

  return {
    model: "derive-pm2",
    asOf: market.asOf,
    positions,
    greeks,
    scenarioLosses,
    worstLoss: c.worstLoss,
    worstScenario: {
      priceShock: worst?.priceShock ?? 0,
      volShock: worst?.volShock ?? 0,
      ...(results.length > 1 && worstUnderlying ? { underlying: worstUnderlying } : {}),
    },
    portfolioMargin: { initial, maintenance, components: c },
    standardMargin: standard,
    var: { ...NO_RISK_MEASURE },
    es: { ...NO_RISK_MEASURE },
    collateral: {
      holdings: adapted.collateral,
      valueUsd: adapted.collateral.reduce((s, h) => s + h.valueUsd, 0),
      haircutValueUsd: adapted.collateral.reduce((s, h) => s + h.haircutValueUsd, 0),
    },
    account: {
      equity,
      initialExcess: equity - initial,
      maintenanceExcess: equity - maintenance,
      marginRatio: equity > 0 ? maintenance / equity : null,
      initialMarginRatio: equity > 0 ? initial / equity : null,
    },
  };
}

export const derivePm2Model: MarginModel<DerivePm2ModelParams> = {
  id: "derive-pm2",
  title: "Derive PM2 portfolio margin",
  description:
    "Derive's PM2 model: Black-76 revaluation over a tenor-scaled spot/vol grid, dampened tail moves and skew shocks, static discounts, basis, perp, option and collateral contingencies, one account per underlying.",
  schema: derivePm2ModelParamsSchema,
  defaults: derivePm2ModelDefaults,
  fields: DERIVE_PM2_FIELDS,
  resolveParams: (partial) =>
    resolveParams({
      partial,
      partialSchema,
      fullSchema: derivePm2ModelParamsSchema,
      defaults: derivePm2ModelDefaults,
      fields: DERIVE_PM2_FIELDS,
    }),
  historyDays: () => 0,
  compute: computeDerivePm2Report,
};

/** Derive's presets as registry parameter sets (the collateral haircuts at their defaults). */
export const derivePm2ModelPresets: ReadonlyArray<{
  id: string;
  title: string;
  description: string;
  params: DerivePm2ModelParams;
}> = [
  {
    id: "derive-pm2-mainnet",
    title: "Derive PM2 (published defaults)",
    description:
      "The baseline of Derive's 139 published PM2 test vectors: +-18% grid, vol up 0.5 / down 0.275, powers 0.3 / 0.13, MM factor 0.8.",
    params: derivePm2ModelDefaults,
  },
  {
    id: "deribit-style",
    title: "Deribit-style on Derive PM2",
    description:
      "Derive's machinery with Deribit's published settings: +-16% range, vol up 0.5 / down 0.25, powers 0.3 / 0.13, MM factor 0.8.",
    params: {
      ...structuredClone(deribitStylePreset),
      collateral: structuredClone(DERIVE_PM2_COLLATERAL_DEFAULTS),
    },
  },
];
