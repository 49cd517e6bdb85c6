/**
 * Merge a partial parameter set onto a model's defaults: the partial is checked field by field first
 * (unknown fields and out-of-bounds values rejected with their path), record fields (per-asset
 * haircuts) merge key by key, everything else replaces the default.
 */
import type { z } from "zod";
import { EngineError } from "../errors.ts";
import { issueToError } from "../input/zod-issue.ts";
import type { FieldMeta } from "./field-meta.ts";

export function resolveParams<P>(args: {
  partial: unknown;
  partialSchema: z.ZodType;
  fullSchema: z.ZodType<P>;
  defaults: P;
  fields: Readonly<Record<string, FieldMeta>>;
}): P {
  const { partial, partialSchema, fullSchema, defaults, fields } = args;
  if (typeof partial !== "object" || partial === null || Array.isArray(partial)) {
    throw new EngineError({ code: "INVALID_PARAMS", reason: "a parameter set must be a JSON object" });
  }
  const checked = partialSchema.safeParse(partial);
  if (!checked.success) throw issueToError(checked.error, "INVALID_PARAMS");
  const merged: Record<string, unknown> = structuredClone(defaults) as Record<string, unknown>;
  for (const [key, value] of Object.entries(checked.data as Record<string, unknown>)) {
    if (value === undefined) continue;
    merged[key] =
      fields[key]?.kind === "record"
        ? { ...(merged[key] as object), ...(value as object) }
        : structuredClone(value);
  }
  const full = fullSchema.safeParse(merged);
  if (!full.success) throw issueToError(full.error, "INVALID_PARAMS");
  return full.data;
}
