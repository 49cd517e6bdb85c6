/**
 * MarginLab engine: the public API. Pure TypeScript, no framework imports.
 *
 * One portfolio:   computeMargin({ market, portfolio, params?, history? }) -> MarginReport
 * Many accounts:   buildSpanGridUniverse({ market, entries, params }) once, then
 *                  marginAccountBook({ universe, book }) for a CSR book of any size;
 *                  or the building blocks (buildInstrumentTable, buildRiskArray, aggregateAccounts).
 * Parameters:      getModel / listModels / registerModel / parseParamSet / diffParams.
 */

export { type BoundPortfolio, bindPortfolio, haircutOf, STABLE_ASSETS } from "./engine/bind-portfolio.ts";
export { type ComputeMarginInput, computeMargin } from "./engine/compute-margin.ts";
export { bookLosses, historicalRisk } from "./engine/historical-risk.ts";
export type {
  AccountReport,
  CollateralReport,
  MarginReport,
  RiskMeasure,
  ScenarioLoss,
} from "./engine/margin-report.ts";
export {
  type Greeks,
  type PositionGreeks,
  portfolioGreeks,
  positionGreeks,
} from "./engine/position-greeks.ts";
export {
  buildSpanGridUniverse,
  marginAccountBook,
  type SpanGridUniverse,
} from "./engine/span-grid-universe.ts";

export { EngineError, type EngineErrorCode, formatPath } from "./errors.ts";

export { type MarketSnapshot, parseMarketSnapshot, type UnderlyingMarket } from "./input/market-snapshot.ts";
export { type CollateralHolding, type Portfolio, type Position, parsePortfolio } from "./input/portfolio.ts";
export { parseJsonText } from "./input/read-json.ts";

export type { Instrument, OptionInstrument } from "./instruments/instrument.ts";
export { formatInstrumentName, parseInstrumentName } from "./instruments/instrument-name.ts";
export { type LiquidationSettings, liquidationSettings } from "./liquidation/liquidation-settings.ts";
export { type AccountBook, type AccountPositions, buildAccountBook } from "./margin/account-book.ts";
export { accountScenarioLosses, accountScenarioLossesReference } from "./margin/account-scenario-losses.ts";
export { type AccountsVarEs, accountsVarEs } from "./margin/accounts-var-es.ts";
export {
  type AccountMargins,
  type AccountMarginsInput,
  aggregateAccounts,
  aggregateAccountsReference,
  type RiskAddOnSpec,
  type UnderlyingAggregation,
} from "./margin/aggregate-accounts.ts";
export { type InstrumentCoefficients, instrumentCoefficients } from "./margin/instrument-coefficients.ts";
export {
  buildInstrumentTable,
  type InstrumentTable,
  instrumentProblem,
  type UniverseEntry,
  universeKey,
} from "./margin/instrument-table.ts";
export {
  buildRiskArray,
  buildRiskArrayReference,
  type RiskArray,
  type RiskArrayInput,
} from "./margin/risk-array.ts";
export { scenarioGrid } from "./margin/scenario-grid.ts";
export { type ScenarioSet, uniformScenarioSet } from "./margin/scenario-set.ts";
export { type StandardMargin, standardMargin, standardMarginPerUnit } from "./margin/standard-margin.ts";
export { type VolTenorScaling, volShockScale } from "./margin/vol-tenor-scaling.ts";
export { describeBounds, type FieldBounds, type FieldKind, type FieldMeta } from "./models/field-meta.ts";
export {
  DEFAULT_MODEL_ID,
  diffParams,
  fieldDefault,
  getModel,
  listModels,
  listPresets,
  type MarginInput,
  type MarginModel,
  type ParamDiff,
  type ParamSet,
  parseParamSet,
  registerModel,
} from "./models/registry.ts";
export {
  SPAN_GRID_DEFAULTS,
  SPAN_GRID_FIELDS,
  SPAN_GRID_META,
  type SpanGridParams,
  spanGridModel,
  spanGridParamsSchema,
} from "./models/span-grid/index.ts";
export {
  applyVolRegime,
  volRegimeActive,
  volRegimeFactor,
} from "./models/span-grid/vol-regime.ts";
export { type AccountTemplate, ARCHETYPES, type Archetype } from "./population/account-template.ts";
export { generatePopulation } from "./population/generate-population.ts";
export { PopulationError, parsePopulationCsv, parsePopulationJson } from "./population/import-population.ts";
export { type PopulationConfig, populationConfigSchema } from "./population/population-config.ts";
export {
  type BlackScholesInput,
  type BlackScholesResult,
  blackScholes,
  type OptionKind,
} from "./pricing/black-scholes.ts";
export { normCdf, normPdf } from "./pricing/normal-cdf.ts";
export { normCdfTable } from "./pricing/normal-cdf-table.ts";
export { yearsBetween } from "./pricing/year-fraction.ts";
// Parameter recommendation (issue 16): the most capital-efficient set within an insolvency budget.
export { type Budget, budgetSchema, checkBudget } from "./recommend/budget.ts";
export { type BudgetMetrics, budgetMetrics } from "./recommend/budget-metrics.ts";
export { type CandidateExecutor, inThreadExecutor, threadExecutor } from "./recommend/candidate-executor.ts";
export {
  type CandidateOutcome,
  type CandidateTask,
  candidateOutcome,
  candidateTaskId,
} from "./recommend/candidate-task.ts";
export { evaluateCandidate } from "./recommend/evaluate-candidate.ts";
export {
  RECOMMENDATION_ENGINE_VERSION,
  type RecommendationReport,
} from "./recommend/recommendation-report.ts";
export { RISK_APPETITE_IDS, RISK_APPETITES, type RiskAppetite } from "./recommend/risk-appetites.ts";
export { runSearch, type SearchProgress } from "./recommend/run-search.ts";
export {
  type PreparedSearch,
  prepareSearch,
  type SearchSpec,
  SearchSpecError,
  type SearchSpecInput,
  searchSpecSchema,
} from "./recommend/search-spec.ts";
export {
  ewmaFilteredReturns,
  historicalScenarioSet,
  horizonReturns,
  type ReturnsMatrix,
} from "./risk/historical-scenarios.ts";
export { selectInPlace } from "./risk/select.ts";
export { tailCount, type VarEs, varEs, varEsReference } from "./risk/var-es.ts";
// Stress simulation (issue 5): population, liquidation, simulation loop and report.
export {
  computeReportHash,
  ENGINE_VERSION,
  runSimulation,
  SimulationAbortedError,
  SimulationInputError,
  type SimulationInputs,
  type SimulationInputsInput,
  type SimulationOptions,
  type SimulationProgress,
  type SimulationReport,
  simulationInputsHash,
  simulationInputsSchema,
} from "./simulation/run-simulation.ts";
