/**
 * Named parameter sets for the derive-pm2 model.
 *
 * `derivePm2Defaults` is the baseline parameter set of Derive's published PM2 test vectors
 * (derivexyz/v2-core, test/risk-managers/unit-tests/PMRM_2/portfolio_cases, commit 7736900d, 2026-01-21):
 * 125 of the 139 cases use exactly this scenario list and the per-field values below are the ones
 * every "min/max" sensitivity case perturbs one at a time. Derive's governance may have changed the
 * live on-chain values since; a DAO should diff its live set against this one.
 *
 * `deribitStylePreset` keeps Derive's machinery but takes Deribit's published portfolio-margin
 * settings: a ±16% spot range, vol shock +50% / -25% at 30 days, vega powers 0.3 / 0.13 and
 * MM = 0.8 x the worst loss.
 */
import type { DerivePm2Params, DerivePm2Scenario } from "./params.ts";

/** Rounds to 12 decimals so generated shocks equal their decimal literals (1.135, not 1.1350000000000002). */
function clean(x: number): number {
  return Math.round(x * 1e12) / 1e12;
}

/**
 * Derive's regular grid shape: the two extremes with vol up only, and every inner spot level with
 * vol down / none / up. `range` 0.18 and `steps` 4 give Derive's 23 scenarios (1.18, 1.135 ... 0.82).
 */
export function buildRegularGrid(args: { range: number; steps: number }): DerivePm2Scenario[] {
  const { range, steps } = args;
  const out: DerivePm2Scenario[] = [
    { spotShock: clean(1 + range), volShock: "Up", dampening: 1, kind: "regular" },
  ];
  for (let k = steps - 1; k >= -(steps - 1); k--) {
    const spotShock = clean(1 + (range * k) / steps);
    for (const volShock of ["Down", "None", "Up"] as const) {
      out.push({ spotShock, volShock, dampening: 1, kind: "regular" });
    }
  }
  out.push({ spotShock: clean(1 - range), volShock: "Up", dampening: 1, kind: "regular" });
  return out;
}

/** Derive's tail scenarios: far spot moves with vol up, their P&L dampened (values as published). */
export const deriveTailScenarios: readonly DerivePm2Scenario[] = [
  { spotShock: 0.34, volShock: "Up", dampening: 0.054545454545454536, kind: "tail" },
  { spotShock: 0.67, volShock: "Up", dampening: 0.10909090909090907, kind: "tail" },
  { spotShock: 1.5, volShock: "Up", dampening: 0.072, kind: "tail" },
  { spotShock: 2, volShock: "Up", dampening: 0.036, kind: "tail" },
  { spotShock: 3, volShock: "Up", dampening: 0.018, kind: "tail" },
  { spotShock: 4, volShock: "Up", dampening: 0.011999999999999999, kind: "tail" },
];

export const deriveSkewScenarios: readonly DerivePm2Scenario[] = [
  { spotShock: 1, volShock: "Linear", dampening: 1, kind: "skew" },
  { spotShock: 1, volShock: "Abs", dampening: 1, kind: "skew" },
];

export const derivePm2Defaults: DerivePm2Params = {
  scenarios: [...buildRegularGrid({ range: 0.18, steps: 4 }), ...deriveTailScenarios, ...deriveSkewScenarios],
  volShock: {
    volRangeUp: 0.5,
    volRangeDown: 0.275,
    shortTermPower: 0.3,
    longTermPower: 0.13,
    dteFloorDays: 1,
    minVolUpShock: 0.45,
  },
  skewShock: {
    linearBaseCap: 0.15,
    absBaseCap: 0.15,
    linearCBase: -0.05,
    absCBase: -0.05,
    minKStar: 0.01,
    widthScale: 4,
    volParamStatic: 0.6,
    volParamScale: -0.1,
  },
  margin: {
    imFactor: 1,
    mmFactor: 0.8,
    shortRateMultScale: 0.5,
    longRateMultScale: 1,
    shortRateAddScale: 0.08,
    longRateAddScale: 0.08,
    shortBaseStaticDiscount: 1.04,
    longBaseStaticDiscount: 0.95,
  },
  basisContingency: {
    scenarioSpotUp: 1.045,
    scenarioSpotDown: 0.955,
    addFactor: 0.5,
    multFactor: 2,
  },
  otherContingency: {
    pegLossThreshold: 0.98,
    pegLossFactor: 2,
    confThreshold: 0.55,
    confMargin: 1,
    mmPerpPercent: 0.015,
    imPerpPercent: 0.005,
    mmOptionPercent: 0.003,
    imOptionPercent: 0.002,
  },
};

export const deribitStylePreset: DerivePm2Params = {
  ...derivePm2Defaults,
  scenarios: [...buildRegularGrid({ range: 0.16, steps: 4 }), ...deriveTailScenarios, ...deriveSkewScenarios],
  volShock: {
    ...derivePm2Defaults.volShock,
    volRangeUp: 0.5,
    volRangeDown: 0.25,
    shortTermPower: 0.3,
    longTermPower: 0.13,
  },
  margin: { ...derivePm2Defaults.margin, mmFactor: 0.8 },
};

export const derivePm2Presets = {
  "derive-mainnet": derivePm2Defaults,
  "deribit-style": deribitStylePreset,
} as const satisfies Record<string, DerivePm2Params>;
