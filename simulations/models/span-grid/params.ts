/**
 * Parameters of the generic SPAN-style grid model ("span-grid"): one table gives every field its
 * default, bounds and words; the zod schema is generated from it, so the bounds a form shows are the
 * bounds the engine enforces.
 */
import { z } from "zod";
import { describeBounds, type FieldBounds, type FieldMeta, methodologyAnchor } from "../field-meta.ts";

export const RISK_ADD_ON_MEASURES = [
  "none",
  "historical-var",
  "historical-es",
  "filtered-var",
  "filtered-es",
] as const;
export type RiskAddOnMeasure = (typeof RISK_ADD_ON_MEASURES)[number];

export type ExplicitScenarios = { priceShocks: number[]; volShocks: number[] };

export type SpanGridParams = {
  priceScanRange: number;
  priceScanSteps: number;
  volShockUp: number;
  volShockDown: number;
  volScanSteps: number;
  volShockTenorPower: number;
  volShockTenorRefDays: number;
  volShockTenorFloorDays: number;
  extremeMoveMultiple: number;
  extremeMoveCoverage: number;
  volRegimePower: number;
  volRegimeReferenceVol: number;
  volRegimeFloor: number;
  volRegimeCap: number;
  volRegimeStressBuffer: number;
  scenarios: ExplicitScenarios | null;
  horizonDays: number;
  underlyingAggregation: "per-underlying" | "joint";
  mmFactor: number;
  shortOptionMinFraction: number;
  linearContingencyFraction: number;
  riskAddOn: RiskAddOnMeasure;
  riskAddOnMode: "floor" | "additive";
  varConfidence: number;
  varHorizonDays: number;
  varLookbackDays: number;
  ewmaLambda: number;
  standardShortOptionBase: number;
  standardShortOptionFloor: number;
  standardLinearFraction: number;
  standardMmFactor: number;
  collateralHaircuts: Record<string, number>;
  defaultCollateralHaircut: number;
  liquidationClose: "partial" | "full";
  liquidationMode: "market" | "gradual" | "dutch-auction";
  liquidationPenalty: number;
  liquidationUnwindSteps: number;
  liquidationImpactCoefficient: number;
  liquidationDepthUsd: Record<string, number>;
  defaultLiquidationDepthUsd: number;
  liquidationDepthReferenceVol: number;
  liquidationDepthVolElasticity: number;
  liquidationOptionSpread: number;
};

/** A field as written below: its anchor in the methodology is derived from its name (SPAN_GRID_META). */
type Field<K extends keyof SpanGridParams> = Omit<FieldMeta, "doc"> & { default: SpanGridParams[K] };

const unit01: FieldBounds = { min: 0, max: 1 };

/** Every field: default, words, bounds. Order is the order a form shows them in. */
export const SPAN_GRID_FIELDS: { [K in keyof SpanGridParams]: Field<K> } = {
  priceScanRange: {
    label: "Price scan range",
    unit: "fraction of spot",
    description: "Largest up and down spot move of the scenario grid (0.15 = +-15%).",
    kind: "number",
    bounds: { min: 0, exclusiveMin: true, max: 1 },
    default: 0.15,
  },
  priceScanSteps: {
    label: "Price steps per side",
    unit: "steps",
    description: "Grid points on each side of the unchanged price (5 gives 11 price levels).",
    kind: "integer",
    bounds: { min: 1, max: 50, integer: true },
    default: 5,
  },
  volShockUp: {
    label: "Vol shock up",
    unit: "relative",
    description: "Largest relative rise of implied vol in the grid (0.3 = vol x 1.3).",
    kind: "number",
    bounds: { min: 0, max: 5 },
    default: 0.3,
  },
  volShockDown: {
    label: "Vol shock down",
    unit: "relative",
    description: "Largest relative fall of implied vol in the grid (0.3 = vol x 0.7).",
    kind: "number",
    bounds: { min: 0, max: 1 },
    default: 0.3,
  },
  volScanSteps: {
    label: "Vol steps per side",
    unit: "steps",
    description: "Vol levels on each side of unchanged vol (1 gives down, unchanged, up).",
    kind: "integer",
    bounds: { min: 0, max: 10, integer: true },
    default: 1,
  },
  volShockTenorPower: {
    label: "Vol shock tenor power",
    unit: "exponent",
    description:
      "Vol shocks scale by (reference days / days to expiry)^power, as Deribit and Derive do; 0 = flat.",
    kind: "number",
    bounds: { min: 0, max: 2 },
    default: 0,
  },
  volShockTenorRefDays: {
    label: "Vol shock reference tenor",
    unit: "days",
    description: "Tenor at which a vol shock applies unscaled (30 days: the DVOL tenor).",
    kind: "number",
    bounds: { min: 0, exclusiveMin: true, max: 3650 },
    default: 30,
  },
  volShockTenorFloorDays: {
    label: "Vol shock tenor floor",
    unit: "days",
    description: "Days to expiry below which the tenor scaling stops growing (keeps near expiries finite).",
    kind: "number",
    bounds: { min: 0, exclusiveMin: true, max: 365 },
    default: 1,
  },
  extremeMoveMultiple: {
    label: "Extreme move",
    unit: "x scan range",
    description:
      "SPAN extreme scenarios move spot by this multiple of the scan range, vol unchanged; 0 = none.",
    kind: "number",
    bounds: { min: 0, max: 10 },
    default: 2,
  },
  extremeMoveCoverage: {
    label: "Extreme move coverage",
    unit: "fraction of loss",
    description: "Share of an extreme scenario's loss that counts (SPAN uses 0.33 to 0.35); 0 = none.",
    kind: "number",
    bounds: unit01,
    default: 0.33,
  },
  volRegimePower: {
    label: "Vol-regime scaling",
    unit: "exponent",
    description:
      "Price shocks scale by (implied vol / reference vol)^power per underlying, so margin follows the vol regime; 0 = fixed range.",
    kind: "number",
    bounds: { min: 0, max: 3 },
    default: 0,
  },
  volRegimeReferenceVol: {
    label: "Vol-regime reference vol",
    unit: "decimal vol",
    description: "Implied vol (DVOL level) at which the price shocks apply unscaled.",
    kind: "number",
    bounds: { min: 0.05, max: 5 },
    default: 0.6,
  },
  volRegimeFloor: {
    label: "Vol-regime floor",
    unit: "x scan range",
    description:
      "Anti-procyclicality floor: the scaled shocks never fall below this multiple of the calibrated (long-lookback) range.",
    kind: "number",
    bounds: { min: 0, max: 1 },
    default: 1,
  },
  volRegimeCap: {
    label: "Vol-regime cap",
    unit: "x scan range",
    description: "The scaled shocks never exceed this multiple of the scan range (and never a 100% move).",
    kind: "number",
    bounds: { min: 1, max: 10 },
    default: 3,
  },
  volRegimeStressBuffer: {
    label: "Stress buffer",
    unit: "fraction of range",
    description:
      "Anti-procyclicality buffer added to the shocks in calm markets and released as vol rises from the reference to twice it (EMIR's 25% buffer).",
    kind: "number",
    bounds: { min: 0, max: 1 },
    default: 0,
  },
  scenarios: {
    label: "Explicit scenarios",
    unit: "relative shocks",
    description:
      "If set, replaces the generated grid by the full cross product of these price and vol shocks.",
    kind: "scenarios",
    default: null,
  },
  horizonDays: {
    label: "Horizon",
    unit: "days",
    description: "Scenarios value positions this many days after the snapshot (time decay included).",
    kind: "number",
    bounds: { min: 0, max: 365 },
    default: 0,
  },
  underlyingAggregation: {
    label: "Cross-underlying offset",
    unit: "",
    description:
      "per-underlying: sum of each underlying's worst loss; joint: all underlyings shocked together.",
    kind: "enum",
    options: ["per-underlying", "joint"],
    default: "per-underlying",
  },
  mmFactor: {
    label: "Maintenance factor",
    unit: "x initial",
    description: "Maintenance margin as a fraction of initial margin.",
    kind: "number",
    bounds: { min: 0, exclusiveMin: true, max: 1 },
    default: 0.8,
  },
  shortOptionMinFraction: {
    label: "Short option minimum",
    unit: "fraction of spot per contract",
    description: "Contingency per net short option contract, whatever the scenarios say.",
    kind: "number",
    bounds: unit01,
    default: 0.005,
  },
  linearContingencyFraction: {
    label: "Perp/future contingency",
    unit: "fraction of notional",
    description: "Contingency on the absolute notional of every net perpetual and future position.",
    kind: "number",
    bounds: unit01,
    default: 0.005,
  },
  riskAddOn: {
    label: "VaR/ES add-on",
    unit: "",
    description:
      "Which historical measure enters initial margin (none, historical or EWMA-filtered VaR or ES).",
    kind: "enum",
    options: RISK_ADD_ON_MEASURES,
    default: "none",
  },
  riskAddOnMode: {
    label: "Add-on mode",
    unit: "",
    description:
      "floor: add only what the measure exceeds the worst loss by; additive: add the whole measure.",
    kind: "enum",
    options: ["floor", "additive"],
    default: "floor",
  },
  varConfidence: {
    label: "VaR confidence",
    unit: "probability",
    description: "Confidence level of historical VaR and ES.",
    kind: "number",
    bounds: { min: 0.5, max: 1, exclusiveMax: true },
    default: 0.99,
  },
  varHorizonDays: {
    label: "VaR horizon",
    unit: "days",
    description: "Holding period of VaR and ES (overlapping multi-day historical returns).",
    kind: "integer",
    bounds: { min: 1, max: 30, integer: true },
    default: 1,
  },
  varLookbackDays: {
    label: "VaR lookback",
    unit: "days",
    description: "Number of past daily returns the historical simulation uses.",
    kind: "integer",
    bounds: { min: 30, max: 5000, integer: true },
    default: 730,
  },
  ewmaLambda: {
    label: "EWMA decay",
    unit: "",
    description: "Decay of the EWMA volatility that scales returns in filtered VaR/ES (RiskMetrics: 0.94).",
    kind: "number",
    bounds: { min: 0, exclusiveMin: true, max: 1, exclusiveMax: true },
    default: 0.94,
  },
  standardShortOptionBase: {
    label: "Standard margin: short option base",
    unit: "fraction of spot",
    description: "a in (max(a - OTM/S, b) * S + mark) per short option under standard margin.",
    kind: "number",
    bounds: unit01,
    default: 0.15,
  },
  standardShortOptionFloor: {
    label: "Standard margin: short option floor",
    unit: "fraction of spot",
    description: "b in (max(a - OTM/S, b) * S + mark) per short option under standard margin.",
    kind: "number",
    bounds: unit01,
    default: 0.1,
  },
  standardLinearFraction: {
    label: "Standard margin: perp/future",
    unit: "fraction of notional",
    description: "c in c * S * |qty| per perpetual or future under standard margin.",
    kind: "number",
    bounds: unit01,
    default: 0.02,
  },
  standardMmFactor: {
    label: "Standard maintenance factor",
    unit: "x initial",
    description: "Standard maintenance margin as a fraction of standard initial margin.",
    kind: "number",
    bounds: { min: 0, exclusiveMin: true, max: 1 },
    default: 0.8,
  },
  collateralHaircuts: {
    label: "Collateral haircuts",
    unit: "fraction of value",
    description: "Haircut per collateral asset; haircut value also moves with the asset in every scenario.",
    kind: "record",
    valueBounds: unit01,
    default: { BTC: 0.05, ETH: 0.05 },
  },
  defaultCollateralHaircut: {
    label: "Default collateral haircut",
    unit: "fraction of value",
    description: "Haircut of a non-stable collateral asset without its own haircut.",
    kind: "number",
    bounds: unit01,
    default: 0.2,
  },
  // Liquidation settings: used by the stress simulation (simulations/liquidation/), not by one-portfolio margin.
  liquidationClose: {
    label: "Liquidation close",
    unit: "",
    description:
      "partial: close the smallest pro-rata share of every position that restores initial margin; full: close everything.",
    kind: "enum",
    options: ["partial", "full"],
    default: "partial",
  },
  liquidationMode: {
    label: "Liquidation mode",
    unit: "",
    description:
      "market: close at once into the book; gradual: unwind over several steps; dutch-auction: sell the book to a bidder who hedges over several steps.",
    kind: "enum",
    options: ["market", "gradual", "dutch-auction"],
    default: "market",
  },
  liquidationPenalty: {
    label: "Liquidation penalty",
    unit: "fraction of notional closed",
    description:
      "Fee the liquidated account pays the liquidator (or auction discount floor) per USD of notional closed.",
    kind: "number",
    bounds: { min: 0, max: 0.2 },
    default: 0.005,
  },
  liquidationUnwindSteps: {
    label: "Unwind steps",
    unit: "steps",
    description: "Simulation steps over which a gradual unwind, or an auction winner's hedge, is spread.",
    kind: "integer",
    bounds: { min: 1, max: 30, integer: true },
    default: 3,
  },
  liquidationImpactCoefficient: {
    label: "Market impact coefficient",
    unit: "Y in Y x sigma x sqrt(Q / depth)",
    description:
      "Square-root impact: a liquidation flow Q moves the price by Y x daily vol x sqrt(Q / depth) (Almgren et al., Toth et al.).",
    kind: "number",
    bounds: { min: 0, max: 10 },
    default: 0.8,
  },
  liquidationDepthUsd: {
    label: "Market depth",
    unit: "USD per day",
    description:
      "Daily volume liquidations can trade into, per underlying, in calm markets (shrinks when vol rises).",
    kind: "record",
    valueBounds: { min: 0, exclusiveMin: true, max: 1e13 },
    default: { BTC: 400_000_000, ETH: 200_000_000 },
  },
  defaultLiquidationDepthUsd: {
    label: "Default market depth",
    unit: "USD per day",
    description: "Market depth of an underlying without its own entry.",
    kind: "number",
    bounds: { min: 0, exclusiveMin: true, max: 1e13 },
    default: 50_000_000,
  },
  liquidationDepthReferenceVol: {
    label: "Depth reference vol",
    unit: "decimal vol",
    description: "Implied vol at or below which depth is at its calm level.",
    kind: "number",
    bounds: { min: 0.01, max: 5 },
    default: 0.6,
  },
  liquidationDepthVolElasticity: {
    label: "Depth stress elasticity",
    unit: "exponent",
    description:
      "Depth x (reference vol / vol)^elasticity when vol is above the reference: stress thins the book.",
    kind: "number",
    bounds: { min: 0, max: 5 },
    default: 1.5,
  },
  liquidationOptionSpread: {
    label: "Option close spread",
    unit: "fraction of option time value",
    description:
      "Half-spread paid on the time value of options closed in a liquidation, widened by the same factor as depth shrinks.",
    kind: "number",
    bounds: unit01,
    default: 0.05,
  },
};

export const SPAN_GRID_DEFAULTS: SpanGridParams = Object.fromEntries(
  Object.entries(SPAN_GRID_FIELDS).map(([k, f]) => [k, structuredClone(f.default)]),
) as SpanGridParams;

function boundedNumber(b: FieldBounds | undefined): z.ZodNumber {
  const why = b ? `must be ${describeBounds(b)}` : "must be a finite number";
  let s = z.number({ error: why });
  if (!b) return s;
  if (b.integer) s = s.int({ error: why });
  if (b.min !== undefined) s = b.exclusiveMin ? s.gt(b.min, { error: why }) : s.gte(b.min, { error: why });
  if (b.max !== undefined) s = b.exclusiveMax ? s.lt(b.max, { error: why }) : s.lte(b.max, { error: why });
  return s;
}

const scenariosSchema = z.strictObject({
  priceShocks: z
    .array(z.number().gt(-1, { error: "price shocks must be > -1 (spot cannot fall below zero)" }).lte(10), {
      error: "priceShocks must be an array of relative spot moves",
    })
    .min(1, { error: "priceShocks needs at least one shock" }),
  volShocks: z
    .array(z.number().gte(-1, { error: "vol shocks must be >= -1 (vol cannot fall below zero)" }).lte(10), {
      error: "volShocks must be an array of relative vol moves",
    })
    .min(1, { error: "volShocks needs at least one shock" }),
});

function fieldSchema(f: Omit<FieldMeta, "doc">): z.ZodType {
  switch (f.kind) {
    case "number":
    case "integer":
      return boundedNumber(f.bounds);
    case "enum": {
      const options = f.options as [string, ...string[]];
      return z.enum(options, { error: `must be one of ${options.map((o) => JSON.stringify(o)).join(", ")}` });
    }
    case "record":
      return z.record(
        z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: "asset symbols are upper case" }),
        boundedNumber(f.valueBounds),
      );
    case "scenarios":
      return scenariosSchema.nullable();
  }
}

/** The full parameter set: every field present, unknown fields rejected. */
export const spanGridParamsSchema = z.strictObject(
  Object.fromEntries(Object.entries(SPAN_GRID_FIELDS).map(([k, f]) => [k, fieldSchema(f)])),
) as unknown as z.ZodType<SpanGridParams>;

/** A partial parameter set as written in a file: any subset of the fields. */
export const spanGridPartialSchema = z.strictObject(
  Object.fromEntries(Object.entries(SPAN_GRID_FIELDS).map(([k, f]) => [k, fieldSchema(f).optional()])),
);

export const SPAN_GRID_META: Record<string, FieldMeta> = Object.fromEntries(
  Object.entries(SPAN_GRID_FIELDS).map(([k, { default: _d, ...meta }]) => [
    k,
    { ...meta, doc: methodologyAnchor("span-grid", k) },
  ]),
);
