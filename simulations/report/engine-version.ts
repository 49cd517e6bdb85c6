/**
 * The engine version stamped on every report and used (with the inputs hash) to reuse reports:
 * package version + the simulation's revision + a short hash of every registered model's parameter
 * schema (fields, bounds, defaults). Changing a default or the simulation's logic changes it, so a
 * stored report is never reused for inputs that would now give a different one.
 */
import { readFileSync } from "node:fs";
import { hashCanonical } from "../hashing/canonical-json.ts";
import type { ModelFieldMeta } from "../models/field-meta.ts";
import { listModels } from "../models/registry.ts";
import { projectFile } from "../paths/project-file.ts";

/**
 * Bump when the simulation's results change for the same inputs, or a metric's meaning changes.
 * 3: distinct-account counts, per-path means and tails instead of sums over paths and windows,
 *    margin totals at one moment, traffic light and Christoffersen in the backtest (methodology §10).
 */
export const SIMULATION_REVISION = 3;

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(projectFile("package.json"), "utf8")) as {
    version?: string;
  };
  return pkg.version ?? "0.0.0";
}

/** A field's metadata without its documentation anchor, and a list field's items likewise. */
function withoutDoc(meta: ModelFieldMeta): unknown {
  const { doc: _doc, ...rest } = meta;
  if (rest.kind !== "list") return rest;
  return {
    ...rest,
    items: Object.fromEntries(Object.entries(rest.items).map(([k, item]) => [k, withoutDoc(item)])),
  };
}

/** Where a field is documented does not change any result, so anchors are left out of the revision. */
function schemaRevision(): string {
  const models = listModels()
    .map((m) => ({
      id: m.id,
      fields: Object.fromEntries(Object.entries(m.fields).map(([k, meta]) => [k, withoutDoc(meta)])),
      defaults: m.defaults,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return hashCanonical(models).slice(0, 8);
}

export const ENGINE_VERSION = `${packageVersion()}+sim${SIMULATION_REVISION}.${schemaRevision()}`;
