import { EngineError, formatPath } from "../../../simulations/errors.ts";
import { hashCanonical } from "../../../simulations/hashing/canonical-json.ts";
import { diffParams, getModel, type ParamDiff } from "../../../simulations/models/registry.ts";
import { AppError } from "../../errors/app-error.ts";

export type ParameterChanges = Record<string, unknown>;
export type { ParamDiff };

/**
 * Applies a member's changes (a partial parameter set) onto the live set: record fields (per-asset haircuts)
 * change key by key, other fields are replaced; the result is validated by the model's schema and bounds.
 * Errors name the field as `changes.<path>`.
 */
export function applyChanges(modelId: string, live: Record<string, unknown>, changes: ParameterChanges) {
  const model = getModel(modelId);
  const merged: Record<string, unknown> = structuredClone(live);
  for (const [key, value] of Object.entries(changes)) {
    const meta = model.fields[key];
    merged[key] =
      meta?.kind === "record" && value !== null && typeof value === "object"
        ? { ...(live[key] as object), ...(value as object) }
        : value;
  }
  try {
    return model.resolveParams(merged) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof EngineError) {
      const field = `changes.${formatPath(e.path)}`;
      throw new AppError("INVALID_INPUT", `${field}: ${e.reason}`, { field, cause: e });
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

/** The changes a diff makes, as a partial parameter set again (to re-apply onto a newer live set). */
export function changesOf(diff: ParamDiff[]): ParameterChanges {
  const changes: ParameterChanges = {};
  for (const d of diff) {
    const [head, key] = d.path.split(".", 2) as [string, string | undefined];
    if (key === undefined) changes[head] = d.to;
    else changes[head] = { ...((changes[head] as object | undefined) ?? {}), [key]: d.to };
  }
  return changes;
}
