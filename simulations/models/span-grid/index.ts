export { computeSpanGrid } from "./compute.ts";
export { spanGridModel } from "./model.ts";
export {
  type ExplicitScenarios,
  RISK_ADD_ON_MEASURES,
  type RiskAddOnMeasure,
  SPAN_GRID_DEFAULTS,
  SPAN_GRID_FIELDS,
  SPAN_GRID_META,
  type SpanGridParams,
  spanGridParamsSchema,
  spanGridPartialSchema,
} from "./params.ts";
