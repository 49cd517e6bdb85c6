/** The generic SPAN-style grid model, id "span-grid". */
import type { MarginModel } from "../registry.ts";
import { resolveParams } from "../resolve-params.ts";
import { computeSpanGrid } from "./compute.ts";
import {
  SPAN_GRID_DEFAULTS,
  SPAN_GRID_META,
  type SpanGridParams,
  spanGridParamsSchema,
  spanGridPartialSchema,
} from "./params.ts";

export const spanGridModel: MarginModel<SpanGridParams> = {
  id: "span-grid",
  title: "SPAN-style scenario grid",
  description:
    "Worst loss over a grid of spot and implied-vol shocks (with SPAN extreme moves and optional tenor-scaled vol shocks), plus contingencies and an optional historical VaR/ES add-on.",
  schema: spanGridParamsSchema,
  defaults: SPAN_GRID_DEFAULTS,
  fields: SPAN_GRID_META,
  resolveParams: (partial) =>
    resolveParams({
      partial,
      partialSchema: spanGridPartialSchema,
      fullSchema: spanGridParamsSchema,
      defaults: SPAN_GRID_DEFAULTS,
      fields: SPAN_GRID_META,
    }),
  historyDays: (params) => params.varLookbackDays,
  compute: computeSpanGrid,
};
