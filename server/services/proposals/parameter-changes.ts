import { EngineError, formatPath } from "../../../simulations/errors.ts";
import { hashCanonical } from "../../../simulations/hashing/canonical-json.ts";
import { diffParams, getModel, type ParamDiff } from "../../../simulations/models/registry.ts";
import { expandDottedKeys, mergeParams, setAtPath } from "../../../simulations/models/resolve-params.ts";
import { AppError } from "../../errors/app-error.ts";

export type ParameterChanges = Record<string, unknown>;
export type { ParamDiff };

/**
 * Applies a member's changes (a partial parameter set) onto the live set: groups of a nested set
 * (`{"margin": {"mmFactor": 0.9}}`, or the dotted key `"margin.mmFactor"`) change field by field, record
 * fields (per-asset haircuts) key by key, other fields are replaced; the result is validated by the
 * model's schema and bounds. Errors name the field as `changes.<path>` (list items by index:
 * `changes.scenarios.3.spotShock`).
 */
export function applyChanges(modelId: string, live: Record<string, unknown>, changes: ParameterChanges) {
  const model = getModel(modelId);
  const merged = mergeParams(model.fields, live, expandDottedKeys(changes));
  try {
    return model.resolveParams(merged) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof EngineError) {
      // The field key joins the path with dots (`changes.scenarios.3.spotShock`), as the API's zod errors do, so
      // forms find the input by one rule; the message keeps the readable form (`scenarios[3].spotShock`).
      const field = ["changes", ...e.path].join(".");
      throw new AppError("INVALID_INPUT", `changes.${formatPath(e.path)}: ${e.reason}`, { field, cause: e });
    }
    throw e;
  }
}

/** The field-by-field diff from the live set to the proposed one, and its hash (endorsements sign it). */
export function describeChanges(
  modelId: string,
  live: Record<string, unknown>,
  proposed: Record<string, unknown>,
) {
  const diff = diffParams({ ...live, model: modelId }, { ...proposed, model: modelId });
  const diffHash = hashCanonical({
    model: modelId,
    diff: diff.map(({ path, from, to }) => ({ path, from, to })),
  });
  return { diff, diffHash };
}

/**
 * The changes a diff makes, as a partial parameter set again (to re-apply onto a newer live set): each
 * diff path (`priceScanRange`, `collateralHaircuts.BTC`, `margin.mmFactor`) set in nested objects, so
 * `applyChanges(live, changesOf(describeChanges(live, proposed).diff))` gives `proposed` back.
 */
export function changesOf(diff: ParamDiff[]): ParameterChanges {
  const changes: ParameterChanges = {};
  for (const d of diff) setAtPath(changes, d.path, d.to);
  return changes;
}
