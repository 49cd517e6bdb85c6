/**
 * Form metadata for every derive-pm2 parameter, keyed by field path (`volShock.volRangeUp`,
 * `scenarios[].spotShock`). Bounds are read from the zod schema so the form and the validator
 * cannot drift apart; exclusive bounds (e.g. scenarioSpotUp > 1) are reported as the bound itself
 * and the schema rejects the endpoint.
 */
import { z } from "zod";
import { methodologyAnchor } from "../field-meta.ts";
import {
  basisContingencyParamsSchema,
  marginParamsSchema,
  otherContingencyParamsSchema,
  scenarioSchema,
  skewShockParamsSchema,
  volShockParamsSchema,
} from "./params.ts";

export type FieldMeta = {
  label: string;
  unit: string;
  description: string;
  /** Anchor of the field in docs/methodology.md (`param-derive-pm2-volShock-volRangeUp`). */
  doc: string;
  min?: number;
  max?: number;
  /** The bound itself is not allowed (Derive's basis scenarios must move spot). */
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
};

/** Zod does not expose whether a number bound is exclusive, so the few exclusive ones are listed. */
const EXCLUSIVE: Record<string, { exclusiveMin?: boolean; exclusiveMax?: boolean }> = {
  "basisContingency.scenarioSpotUp": { exclusiveMin: true, exclusiveMax: true },
  "basisContingency.scenarioSpotDown": { exclusiveMax: true },
};

type Described = Record<string, { label: string; unit: string; description: string }>;

const volShock: Described = {
  volRangeUp: {
    label: "Vol shock up",
    unit: "fraction of vol",
    description: "Relative vol increase at 30 days to expiry in 'Up' scenarios (0.5 = vols x1.5)",
  },
  volRangeDown: {
    label: "Vol shock down",
    unit: "fraction of vol",
    description: "Relative vol decrease at 30 days to expiry in 'Down' scenarios (0.275 = vols x0.725)",
  },
  shortTermPower: {
    label: "Short-term vega power",
    unit: "exponent",
    description: "Vol shocks scale with (30 days / time to expiry)^power for expiries up to 30 days",
  },
  longTermPower: {
    label: "Long-term vega power",
    unit: "exponent",
    description: "Vol shocks scale with (30 days / time to expiry)^power for expiries beyond 30 days",
  },
  dteFloorDays: {
    label: "DTE floor",
    unit: "days",
    description: "Time to expiry below which vol shocks stop growing (whole seconds, rounded down)",
  },
  minVolUpShock: {
    label: "Minimum shocked vol",
    unit: "annualised vol",
    description: "Floor on every option's vol in 'Up' scenarios (0.45 = 45%)",
  },
};

const skewShock: Described = {
  linearBaseCap: {
    label: "Linear skew cap",
    unit: "fraction of vol",
    description: "Largest vol change of the linear skew shock at expiry zero (before the sqrt-time term)",
  },
  absBaseCap: {
    label: "Abs skew cap",
    unit: "fraction of vol",
    description: "Largest vol change of the wings-up (|k|) skew shock at expiry zero",
  },
  linearCBase: {
    label: "Linear cap time slope",
    unit: "per sqrt(year)",
    description: "Change of the linear skew cap per unit of sqrt(years to expiry)",
  },
  absCBase: {
    label: "Abs cap time slope",
    unit: "per sqrt(year)",
    description: "Change of the abs skew cap per unit of sqrt(years to expiry)",
  },
  minKStar: {
    label: "Minimum k*",
    unit: "log-moneyness",
    description: "Floor on the log-moneyness where the skew shock reaches its cap",
  },
  widthScale: {
    label: "Skew width scale",
    unit: "multiplier",
    description: "k* = sqrt(t) x width x (static + scale x sqrt(t)): how far out the skew shock ramps",
  },
  volParamStatic: {
    label: "k* vol level",
    unit: "annualised vol",
    description: "Static vol level used to place k*",
  },
  volParamScale: {
    label: "k* vol slope",
    unit: "per sqrt(year)",
    description: "Change of the k* vol level per unit of sqrt(years to expiry)",
  },
};

const margin: Described = {
  imFactor: {
    label: "IM loss factor",
    unit: "multiplier",
    description: "Multiplier on the worst scenario loss for initial margin",
  },
  mmFactor: {
    label: "MM loss factor",
    unit: "multiplier",
    description: "Multiplier on the worst scenario loss for maintenance margin",
  },
  shortRateMultScale: {
    label: "Short static-discount rate multiplier",
    unit: "multiplier",
    description: "Rate multiplier in the mark-up applied to negative (short) expiry values",
  },
  longRateMultScale: {
    label: "Long static-discount rate multiplier",
    unit: "multiplier",
    description: "Rate multiplier in the haircut applied to positive (long) expiry values",
  },
  shortRateAddScale: {
    label: "Short static-discount rate add-on",
    unit: "rate per year",
    description: "Rate added in the mark-up applied to negative (short) expiry values",
  },
  longRateAddScale: {
    label: "Long static-discount rate add-on",
    unit: "rate per year",
    description: "Rate added in the haircut applied to positive (long) expiry values",
  },
  shortBaseStaticDiscount: {
    label: "Short static discount",
    unit: "multiplier",
    description: "Base mark-up on negative expiry values in every scenario (1.04 = +4%)",
  },
  longBaseStaticDiscount: {
    label: "Long static discount",
    unit: "multiplier",
    description: "Base haircut on positive expiry values in every scenario (0.95 = -5%)",
  },
};

const basisContingency: Described = {
  scenarioSpotUp: {
    label: "Basis scenario up",
    unit: "spot multiplier",
    description: "Forward move up used for the basis (forward) contingency",
  },
  scenarioSpotDown: {
    label: "Basis scenario down",
    unit: "spot multiplier",
    description: "Forward move down used for the basis (forward) contingency",
  },
  addFactor: {
    label: "Basis add factor",
    unit: "multiplier",
    description: "Constant part of the multiplier on each expiry's basis loss",
  },
  multFactor: {
    label: "Basis time factor",
    unit: "per year",
    description: "Per-year part of the multiplier on each expiry's basis loss",
  },
};

const otherContingency: Described = {
  pegLossThreshold: {
    label: "De-peg threshold",
    unit: "USD per stable",
    description: "Stable price below which the IM loss factor is raised",
  },
  pegLossFactor: {
    label: "De-peg factor",
    unit: "multiplier",
    description: "IM loss factor increase per dollar of de-peg below the threshold",
  },
  confThreshold: {
    label: "Oracle confidence threshold",
    unit: "confidence 0..1",
    description: "Confidence below which the oracle contingency applies (IM only)",
  },
  confMargin: {
    label: "Oracle confidence margin",
    unit: "multiplier",
    description: "IM add-on = (1 - confidence) x this x notional",
  },
  mmPerpPercent: {
    label: "Perp contingency (MM)",
    unit: "fraction of notional",
    description: "MM add-on per USD of perp notional",
  },
  imPerpPercent: {
    label: "Perp contingency (IM extra)",
    unit: "fraction of notional",
    description: "IM add-on per USD of perp notional, on top of the MM add-on",
  },
  mmOptionPercent: {
    label: "Naked short option contingency (MM)",
    unit: "fraction of spot notional",
    description: "MM add-on per USD of naked short option notional (spot x contracts)",
  },
  imOptionPercent: {
    label: "Naked short option contingency (IM extra)",
    unit: "fraction of spot notional",
    description: "IM add-on per USD of naked short option notional, on top of the MM add-on",
  },
};

const scenario: Described = {
  spotShock: {
    label: "Spot shock",
    unit: "spot multiplier",
    description: "Multiplier on the moving part of each forward (0.82 = spot -18%)",
  },
  volShock: {
    label: "Vol shock",
    unit: "Up | Down | None | Linear | Abs",
    description: "Vol move of the scenario; Linear and Abs are the two skew scenarios",
  },
  dampening: {
    label: "Dampening",
    unit: "multiplier",
    description: "Multiplier on the scenario's P&L (tail scenarios are dampened below 1)",
  },
  kind: {
    label: "Kind",
    unit: "regular | tail | skew",
    description: "Reporting group of the scenario; skew scenarios must be of kind skew",
  },
};

function bounds(shape: Record<string, z.ZodType>, key: string): { min?: number; max?: number } {
  const field = shape[key];
  if (!(field instanceof z.ZodNumber)) return {};
  const out: { min?: number; max?: number } = {};
  if (field.minValue !== null && Number.isFinite(field.minValue)) out.min = field.minValue;
  if (field.maxValue !== null && Number.isFinite(field.maxValue)) out.max = field.maxValue;
  return out;
}

function group(
  prefix: string,
  shape: Record<string, z.ZodType>,
  described: Described,
): Record<string, FieldMeta> {
  const out: Record<string, FieldMeta> = {};
  for (const key of Object.keys(shape)) {
    const d = described[key];
    if (!d) throw new Error(`derive-pm2 field metadata is missing ${prefix}${key}`);
    const path = `${prefix}${key}`;
    out[path] = {
      ...d,
      doc: methodologyAnchor("derive-pm2", path),
      ...bounds(shape, key),
      ...EXCLUSIVE[path],
    };
  }
  return out;
}

export const derivePm2FieldMeta: Readonly<Record<string, FieldMeta>> = {
  ...group("scenarios[].", scenarioSchema.shape, scenario),
  ...group("volShock.", volShockParamsSchema.shape, volShock),
  ...group("skewShock.", skewShockParamsSchema.shape, skewShock),
  ...group("margin.", marginParamsSchema.shape, margin),
  ...group("basisContingency.", basisContingencyParamsSchema.shape, basisContingency),
  ...group("otherContingency.", otherContingencyParamsSchema.shape, otherContingency),
};
