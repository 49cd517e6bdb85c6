/**
 * Merge a partial parameter set onto a model's defaults: the partial is checked field by field first
 * (unknown fields and out-of-bounds values rejected with their path), groups of a nested set
 * (`margin: {mmFactor}`) merge field by field, record fields (per-asset haircuts) merge key by key,
 * everything else (numbers, enums, lists) replaces the default.
 *
 * Field paths: `fields` is keyed by dotted path (`margin.mmFactor`; a flat model's keys have no dot),
 * and a path with fields below it is a group. The helpers here walk parameter sets by those paths, so
 * the registry's diff and the proposal service work the same for flat and nested models.
 */
import type { z } from "zod";
import { EngineError } from "../errors.ts";
import { issueToError } from "../input/zod-issue.ts";
import type { ModelFieldMeta } from "./field-meta.ts";

type Fields = Readonly<Record<string, ModelFieldMeta>>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True if `path` is a group: some field's path starts with `path.`. */
export function isGroupPath(fields: Fields, path: string): boolean {
  const prefix = `${path}.`;
  return Object.keys(fields).some((k) => k.startsWith(prefix));
}

/** The value at a dotted path (`margin.mmFactor`), undefined if any step is missing. */
export function getAtPath(params: unknown, path: string): unknown {
  let cur: unknown = params;
  for (const key of path.split(".")) {
    if (!isPlainObject(cur) || !Object.hasOwn(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Sets `value` at a dotted path in `target` (mutated), creating the groups on the way. */
export function setAtPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let cur = target;
  for (const key of keys.slice(0, -1)) {
    const next = cur[key];
    if (isPlainObject(next)) cur = next;
    else {
      const created: Record<string, unknown> = {};
      cur[key] = created;
      cur = created;
    }
  }
  cur[keys[keys.length - 1]!] = value;
}

/**
 * Turns dotted keys of a change set (`{"margin.mmFactor": 0.9}` or `{"collateralHaircuts.BTC": 0.1}`)
 * into nested objects; nested objects pass through. `model` is never split.
 */
export function expandDottedKeys(changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (!key.includes(".")) {
      const existing = out[key];
      out[key] =
        isPlainObject(existing) && isPlainObject(value) ? { ...existing, ...structuredClone(value) } : value;
    } else setAtPath(out, key, value);
  }
  return out;
}

/**
 * `base` with `partial` merged onto it (neither is mutated): groups recurse, record fields merge key
 * by key, any other value replaces. A value that is not an object where a group is expected replaces
 * too (the schema then names the field).
 */
export function mergeParams(fields: Fields, base: unknown, partial: Record<string, unknown>): unknown {
  const merge = (
    target: unknown,
    patch: Record<string, unknown>,
    prefix: string,
  ): Record<string, unknown> => {
    const out: Record<string, unknown> = isPlainObject(target) ? structuredClone(target) : {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      const meta = fields[path];
      if (meta?.kind === "record" && isPlainObject(value) && isPlainObject(out[key])) {
        out[key] = { ...(out[key] as object), ...structuredClone(value) };
      } else if (!meta && isPlainObject(value) && isGroupPath(fields, path)) {
        out[key] = merge(out[key], value, path);
      } else {
        out[key] = structuredClone(value);
      }
    }
    return out;
  };
  return merge(base, partial, "");
}

export function resolveParams<P>(args: {
  partial: unknown;
  partialSchema: z.ZodType;
  fullSchema: z.ZodType<P>;
  defaults: P;
  fields: Fields;
}): P {
  const { partial, partialSchema, fullSchema, defaults, fields } = args;
  if (!isPlainObject(partial)) {
    throw new EngineError({ code: "INVALID_PARAMS", reason: "a parameter set must be a JSON object" });
  }
  const checked = partialSchema.safeParse(partial);
  if (!checked.success) throw issueToError(checked.error, "INVALID_PARAMS");
  const merged = mergeParams(fields, defaults, checked.data as Record<string, unknown>);
  const full = fullSchema.safeParse(merged);
  if (!full.success) throw issueToError(full.error, "INVALID_PARAMS");
  return full.data;
}
