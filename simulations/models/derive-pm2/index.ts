/**
 * The derive-pm2 margin model: Derive's PM2 portfolio margin reproduced on its native inputs.
 * What a model registry needs: an id, the parameter schema, defaults, presets, field metadata and
 * the margin function; `derivePm2Model` (model.ts) is the registry's model on the engine's generic inputs.
 */
export { black76, black76Price, SECONDS_PER_YEAR, unitBlack76 } from "./black76.ts";
export { type DeriveCaseJson, runDeriveCaseCommand } from "./case-command.ts";
export {
  type CaseComparison,
  type ComponentCheck,
  compareDeriveCase,
  describeMismatches,
} from "./case-compare.ts";
export {
  type DeriveCase,
  type DeriveCaseExpected,
  deriveCaseSchema,
  parseDeriveCase,
} from "./case-format.ts";
export { derivePm2FieldMeta, type FieldMeta } from "./field-meta.ts";
export { hartNormalCdf } from "./hart-normal-cdf.ts";
export {
  type CollateralPosition,
  type DerivePm2Input,
  derivePm2InputSchema,
  type ExpiryFeed,
  type OptionPosition,
  parseDerivePm2Input,
} from "./input.ts";
export {
  assembleMargin,
  type ComputeOptions,
  computeDerivePm2Margin,
  type DerivePm2Result,
  type ExpiryResult,
  type ScenarioResult,
} from "./margin.ts";
export {
  adaptToDerivePm2,
  collateralHaircutParamsSchema,
  computeDerivePm2Report,
  DERIVE_PM2_COLLATERAL_DEFAULTS,
  DERIVE_PM2_FIELDS,
  type DerivePm2Account,
  type DerivePm2Adaptation,
  type DerivePm2ModelParams,
  derivePm2Model,
  derivePm2ModelDefaults,
  derivePm2ModelParamsSchema,
  derivePm2ModelPresets,
} from "./model.ts";
export {
  type DerivePm2Params,
  type DerivePm2Scenario,
  derivePm2ParamsSchema,
  type ScenarioKind,
  type VolShockDirection,
} from "./params.ts";
export { type PreparedPortfolio, preparePortfolio } from "./precompute.ts";
export {
  buildRegularGrid,
  deribitStylePreset,
  derivePm2Defaults,
  derivePm2Presets,
  deriveSkewScenarios,
  deriveTailScenarios,
} from "./presets.ts";
export { scenarioPnl } from "./scenario-pnl.ts";
export { type SviParams, sviVol } from "./svi.ts";

export const DERIVE_PM2_MODEL_ID = "derive-pm2" as const;
