/**
 * Margin models and their parameter sets. A model has an id, a zod schema of its parameters with
 * defaults and per-field metadata (for forms and diffs), and computes a portfolio's margin report.
 * A parameter set JSON names its model (`"model": "span-grid"`; absent means span-grid) and holds
 * any subset of that model's fields, merged onto its defaults; unknown fields are rejected.
 * Callers go through `getModel` / `parseParamSet` / `diffParams`, so adding a model (e.g.
 * derive-pm2) is one `registerModel` call and changes no caller.
 */
import type { z } from "zod";
import type { MarginReport } from "../engine/margin-report.ts";
import { EngineError } from "../errors.ts";
import type { MarketSnapshot } from "../input/market-snapshot.ts";
import type { Portfolio } from "../input/portfolio.ts";
import type { ReturnsMatrix } from "../risk/historical-scenarios.ts";
import { derivePm2Model, derivePm2ModelPresets } from "./derive-pm2/model.ts";
import type { ModelFieldMeta } from "./field-meta.ts";
import { getAtPath } from "./resolve-params.ts";
import { spanGridModel } from "./span-grid/model.ts";

export type MarginInput<P> = {
  market: MarketSnapshot;
  portfolio: Portfolio;
  params: P;
  /** Daily log returns for VaR/ES (`jointDailyReturns`), covering the portfolio's underlyings. */
  history?: ReturnsMatrix;
  /** Why `history` is absent (e.g. no market history for an underlying), reported in var/es. */
  historyUnavailable?: string;
  /** Name of the portfolio file, for error messages. */
  portfolioSource?: string;
};

export type MarginModel<P = unknown> = {
  id: string;
  title: string;
  description: string;
  /** The complete parameter set (every field present). */
  schema: z.ZodType<P>;
  defaults: P;
  /**
   * Metadata of every field, in display order, keyed by field path: a top-level field by name, a field
   * of a nested group by its dotted path (`margin.mmFactor`); groups have no entry (field-meta.ts).
   */
  fields: Readonly<Record<string, ModelFieldMeta>>;
  /**
   * Merge a partial set (without the `model` key) onto the defaults, groups field by field; throws
   * EngineError INVALID_PARAMS naming the field's path (`margin.mmFactor`).
   */
  resolveParams(partial: unknown): P;
  /** Daily returns needed for VaR/ES with these parameters (0: none). */
  historyDays(params: P): number;
  compute(input: MarginInput<P>): MarginReport;
};

export const DEFAULT_MODEL_ID = "span-grid";

// biome-ignore lint/suspicious/noExplicitAny: the registry holds models of different parameter types.
type AnyModel = MarginModel<any>;
const models = new Map<string, AnyModel>();

export function registerModel<P>(model: MarginModel<P>): void {
  if (models.has(model.id)) throw new Error(`margin model ${model.id} is already registered`);
  models.set(model.id, model as AnyModel);
}

export function getModel(id: string = DEFAULT_MODEL_ID): AnyModel {
  const model = models.get(id);
  if (!model) {
    throw new EngineError({
      code: "UNKNOWN_MODEL",
      path: ["model"],
      reason: `unknown margin model "${id}" (known: ${[...models.keys()].join(", ")})`,
    });
  }
  return model;
}

export function listModels(): AnyModel[] {
  return [...models.values()];
}

export type ParamSet = { model: AnyModel; params: unknown };

/** Parse a parameter-set JSON value: `{"model"?: id, ...fields}`. */
export function parseParamSet(value: unknown): ParamSet {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new EngineError({ code: "INVALID_PARAMS", reason: "a parameter set must be a JSON object" });
  }
  const { model: id, ...fields } = value as Record<string, unknown>;
  if (id !== undefined && typeof id !== "string") {
    throw new EngineError({ code: "INVALID_PARAMS", path: ["model"], reason: "model must be a string" });
  }
  const model = getModel(id ?? DEFAULT_MODEL_ID);
  return { model, params: model.resolveParams(fields) };
}

export type ParamDiff = { path: string; from: unknown; to: unknown; label: string; unit: string };

/**
 * Field-by-field differences between two parameter sets (partial or complete, as JSON values),
 * each resolved onto its model's defaults first. Every field of `model.fields` is compared at its
 * path (`priceScanRange`, `margin.mmFactor`); record fields diff per key (`collateralHaircuts.BTC`),
 * other fields (lists like derive-pm2's scenarios included) as a whole value. Different models give a
 * single `model` entry.
 */
export function diffParams(a: unknown, b: unknown): ParamDiff[] {
  const left = parseParamSet(a ?? {});
  const right = parseParamSet(b ?? {});
  if (left.model.id !== right.model.id) {
    return [{ path: "model", from: left.model.id, to: right.model.id, label: "Margin model", unit: "" }];
  }
  const out: ParamDiff[] = [];
  for (const [path, meta] of Object.entries(left.model.fields)) {
    const from = getAtPath(left.params, path);
    const to = getAtPath(right.params, path);
    if (meta.kind === "record") {
      const fa = (from ?? {}) as Record<string, unknown>;
      const fb = (to ?? {}) as Record<string, unknown>;
      for (const k of [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort()) {
        if (!sameValue(fa[k], fb[k])) {
          out.push({
            path: `${path}.${k}`,
            from: fa[k] ?? null,
            to: fb[k] ?? null,
            label: `${meta.label} (${k})`,
            unit: meta.unit,
          });
        }
      }
    } else if (!sameValue(from, to)) {
      out.push({ path, from: from ?? null, to: to ?? null, label: meta.label, unit: meta.unit });
    }
  }
  return out;
}

/** The default of a field at its path (for forms: `fields` keys may be dotted). */
export function fieldDefault(model: AnyModel, path: string): unknown {
  return getAtPath(model.defaults, path) ?? null;
}

export type ParamPreset = {
  id: string;
  model: string;
  title: string;
  description: string;
  /** A complete parameter set of `model` (without the `model` key), usable as a DAO's live set. */
  params: unknown;
};

/** Named parameter sets a DAO can start from: every model's defaults and Derive's published presets. */
export function listPresets(): ParamPreset[] {
  return [
    {
      id: "span-grid-default",
      model: spanGridModel.id,
      title: "SPAN-style grid (defaults)",
      description: "The generic engine's defaults: +-15% spot grid, vol +-30%, SPAN extreme moves.",
      params: structuredClone(spanGridModel.defaults),
    },
    ...derivePm2ModelPresets.map((p) => ({
      ...p,
      model: derivePm2Model.id,
      params: structuredClone(p.params),
    })),
  ];
}

function sameValue(x: unknown, y: unknown): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

registerModel(spanGridModel);
registerModel(derivePm2Model);
