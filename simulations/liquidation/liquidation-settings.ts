/**
 * Liquidation settings of a parameter set. The span-grid model carries them as fields
 * (models/span-grid/params.ts, with bounds, units and words); a model without them (e.g. derive-pm2)
 * is liquidated under the span-grid defaults, which the report states.
 */
import { SPAN_GRID_DEFAULTS } from "../models/span-grid/params.ts";

export type LiquidationMode = "market" | "gradual" | "dutch-auction";

export type LiquidationSettings = {
  close: "partial" | "full";
  mode: LiquidationMode;
  /** Fee per USD of notional closed, paid by the account to the liquidator. */
  penalty: number;
  unwindSteps: number;
  /** Y in impact = Y x daily vol x sqrt(Q / depth). */
  impactCoefficient: number;
  depthUsd: Record<string, number>;
  defaultDepthUsd: number;
  depthReferenceVol: number;
  depthVolElasticity: number;
  optionSpread: number;
};

const FIELDS = {
  close: "liquidationClose",
  mode: "liquidationMode",
  penalty: "liquidationPenalty",
  unwindSteps: "liquidationUnwindSteps",
  impactCoefficient: "liquidationImpactCoefficient",
  depthUsd: "liquidationDepthUsd",
  defaultDepthUsd: "defaultLiquidationDepthUsd",
  depthReferenceVol: "liquidationDepthReferenceVol",
  depthVolElasticity: "liquidationDepthVolElasticity",
  optionSpread: "liquidationOptionSpread",
} as const satisfies Record<keyof LiquidationSettings, keyof typeof SPAN_GRID_DEFAULTS>;

/** The settings in `params` (a resolved parameter set), defaults for fields the model does not have. */
export function liquidationSettings(params: unknown): {
  settings: LiquidationSettings;
  fromDefaults: boolean;
} {
  const p = (params ?? {}) as Record<string, unknown>;
  let fromDefaults = false;
  const out: Record<string, unknown> = {};
  for (const [k, field] of Object.entries(FIELDS)) {
    if (p[field] !== undefined) out[k] = p[field];
    else {
      out[k] = structuredClone(SPAN_GRID_DEFAULTS[field]);
      fromDefaults = true;
    }
  }
  return { settings: out as LiquidationSettings, fromDefaults };
}

/** Market depth of an underlying in calm markets (USD per day). */
export function calmDepthUsd(settings: LiquidationSettings, underlying: string): number {
  return settings.depthUsd[underlying] ?? settings.defaultDepthUsd;
}
