/**
 * The proposal form's logic, kept free of React so it can be tested: the form is generated from the model's field
 * metadata, holds every input as text (what the member typed, even half-typed), and turns it into the partial
 * parameter set ("changes") the server validates again. Error keys are the server's field paths (`changes.<path>`),
 * so a client-side and a server-side error land next to the same input.
 *
 * Changes are keyed by field key, which is a dotted path for models with grouped parameters
 * (`{"margin.mmFactor": 0.9}`; the server reads dotted keys as nested ones); a record field's value holds only the
 * keys that change, any other field's value is its whole new value (a list included).
 */
import type { FieldBounds, FieldMeta } from "@/simulations/models/field-meta.ts";
import { getAtPath, setAtPath } from "@/simulations/models/resolve-params.ts";
import { checkNumber, numberText } from "./number-input.ts";
import { listValuesOf, parseListValues } from "./param-form-list.ts";
import { sameValue } from "./same-value.ts";

export type ModelField = {
  key: string;
  label: string;
  unit: string;
  description: string;
  /** Anchor of the field's entry in the methodology (/methodology#<doc>). */
  doc: string;
  kind: "number" | "integer" | "enum" | "record" | "scenarios" | "list";
  bounds?: FieldBounds;
  options?: readonly string[];
  valueBounds?: FieldBounds;
  /** List fields: each item's fields, what an item is called, and how many the schema allows. */
  items?: Readonly<Record<string, FieldMeta>>;
  itemLabel?: string;
  minItems?: number;
  maxItems?: number;
  default: unknown;
};

export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;
export type Params = Record<string, unknown>;

/** Paths of a form input: `key`, `key.ASSET` for records, `key.priceShocks` / `key.volShocks` / `key.enabled`. */
export const inputPath = (...parts: string[]) => parts.join(".");
export const errorKey = (path: string) => `changes.${path}`;

type Scenarios = { priceShocks: number[]; volShocks: number[] } | null;

/** A list field's metadata, complete (the API sends it for every `list` field). */
export function listFieldOf(field: ModelField) {
  return {
    key: field.key,
    items: field.items ?? {},
    itemLabel: field.itemLabel ?? "Item",
    minItems: field.minItems ?? 0,
    maxItems: field.maxItems ?? Number.POSITIVE_INFINITY,
  };
}

/** Form values showing `params` (the live set with a draft's changes applied, or the live set itself). */
export function formValuesOf(fields: readonly ModelField[], params: Params): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    const v = getAtPath(params, f.key);
    switch (f.kind) {
      case "number":
      case "integer":
        values[f.key] = numberText(v);
        break;
      case "enum":
        values[f.key] = typeof v === "string" ? v : "";
        break;
      case "record":
        for (const [asset, x] of Object.entries((v ?? {}) as Record<string, unknown>)) {
          values[inputPath(f.key, asset)] = numberText(x);
        }
        break;
      case "scenarios": {
        const s = v as Scenarios;
        values[inputPath(f.key, "enabled")] = s ? "yes" : "";
        values[inputPath(f.key, "priceShocks")] = s ? s.priceShocks.join(", ") : "";
        values[inputPath(f.key, "volShocks")] = s ? s.volShocks.join(", ") : "";
        break;
      }
      case "list":
        Object.assign(values, listValuesOf(listFieldOf(f), v));
        break;
    }
  }
  return values;
}

/** The asset keys a record field shows: those of the base set plus any the member added. */
export function recordKeys(field: ModelField, values: FormValues): string[] {
  const prefix = `${field.key}.`;
  return Object.keys(values)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))
    .sort();
}

function parseShocks(text: string): number[] | string {
  const parts = text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return "list at least one shock";
  const out: number[] = [];
  for (const p of parts) {
    const x = Number(p);
    if (!Number.isFinite(x)) return `"${p}" is not a number`;
    out.push(x);
  }
  return out;
}

/**
 * The changes the form makes to `base` (the live set): only fields (and record keys) that differ. Values that do
 * not parse or are out of bounds are reported and left out of the changes.
 */
export function changesFromForm(
  fields: readonly ModelField[],
  values: FormValues,
  base: Params,
): { changes: Params; errors: FieldErrors } {
  const changes: Params = {};
  const errors: FieldErrors = {};
  for (const f of fields) {
    const current = getAtPath(base, f.key);
    switch (f.kind) {
      case "number":
      case "integer": {
        const r = checkNumber(values[f.key] ?? "", {
          bounds: f.bounds,
          integer: f.kind === "integer",
          unit: f.unit,
        });
        if (typeof r === "string") errors[errorKey(f.key)] = r;
        else if (!sameValue(r, current)) changes[f.key] = r;
        break;
      }
      case "enum": {
        const v = values[f.key] ?? "";
        if (f.options && !f.options.includes(v))
          errors[errorKey(f.key)] = `choose one of ${f.options.join(", ")}`;
        else if (v !== current) changes[f.key] = v;
        break;
      }
      case "record": {
        const baseRecord = (current ?? {}) as Record<string, unknown>;
        const changed: Record<string, number> = {};
        for (const asset of recordKeys(f, values)) {
          const path = inputPath(f.key, asset);
          if (!/^[A-Z][A-Z0-9_]*$/.test(asset)) {
            errors[errorKey(path)] = "asset symbols are upper case, e.g. SOL";
            continue;
          }
          const r = checkNumber(values[path] ?? "", { bounds: f.valueBounds, integer: false, unit: f.unit });
          if (typeof r === "string") errors[errorKey(path)] = r;
          else if (!sameValue(r, baseRecord[asset])) changed[asset] = r;
        }
        if (Object.keys(changed).length > 0) changes[f.key] = changed;
        break;
      }
      case "scenarios": {
        const enabled = values[inputPath(f.key, "enabled")] === "yes";
        if (!enabled) {
          if (current !== null && current !== undefined) changes[f.key] = null;
          break;
        }
        const price = parseShocks(values[inputPath(f.key, "priceShocks")] ?? "");
        const vol = parseShocks(values[inputPath(f.key, "volShocks")] ?? "");
        if (typeof price === "string") errors[errorKey(inputPath(f.key, "priceShocks"))] = price;
        if (typeof vol === "string") errors[errorKey(inputPath(f.key, "volShocks"))] = vol;
        if (typeof price !== "string" && typeof vol !== "string") {
          const next = { priceShocks: price, volShocks: vol };
          if (!sameValue(next, current)) changes[f.key] = next;
        }
        break;
      }
      case "list": {
        const parsed = parseListValues(listFieldOf(f), values);
        Object.assign(errors, parsed.errors);
        if (parsed.list && !sameValue(parsed.list, current)) changes[f.key] = parsed.list;
        break;
      }
    }
  }
  return { changes, errors };
}

export type DiffRow = { path: string; label: string; unit: string; from: unknown; to: unknown };

/**
 * Rows of the "changes against live" table, in the model's display order, as the server's diff has them: a record
 * per key (`collateralHaircuts.ETH`), any other field (a list too) as one row holding its whole old and new value.
 */
export function diffRows(fields: readonly ModelField[], base: Params, changes: Params): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const f of fields) {
    if (!(f.key in changes)) continue;
    const to = changes[f.key];
    const from = getAtPath(base, f.key);
    if (f.kind === "record") {
      const fromRecord = (from ?? {}) as Record<string, unknown>;
      for (const [asset, v] of Object.entries((to ?? {}) as Record<string, unknown>).sort(([a], [b]) =>
        a.localeCompare(b),
      )) {
        rows.push({
          path: `${f.key}.${asset}`,
          label: `${f.label} (${asset})`,
          unit: f.unit,
          from: fromRecord[asset] ?? null,
          to: v,
        });
      }
    } else {
      rows.push({ path: f.key, label: f.label, unit: f.unit, from: from ?? null, to });
    }
  }
  return rows;
}

/**
 * The changes a stored diff (`[{path, from, to}]`) makes, in the form's terms (to edit a draft): a field's path is
 * its key, a record entry's (`collateral.mmHaircuts.BTC`) goes under its record field.
 */
export function changesOfDiff(
  fields: readonly ModelField[],
  diff: readonly { path: string; to: unknown }[],
): Params {
  const changes: Params = {};
  for (const d of diff) {
    const record = fields.find((f) => f.kind === "record" && d.path.startsWith(`${f.key}.`));
    if (record) {
      const asset = d.path.slice(record.key.length + 1);
      changes[record.key] = { ...((changes[record.key] as object | undefined) ?? {}), [asset]: d.to };
    } else changes[d.path] = d.to;
  }
  return changes;
}

/** The base set with changes applied at their paths (records merge key by key, as the server does). */
export function applyChangesLocally(fields: readonly ModelField[], base: Params, changes: Params): Params {
  const out: Params = structuredClone(base);
  for (const [key, value] of Object.entries(changes)) {
    const f = fields.find((x) => x.key === key);
    setAtPath(
      out,
      key,
      f?.kind === "record" && value && typeof value === "object"
        ? { ...((getAtPath(base, key) ?? {}) as object), ...(value as object) }
        : value,
    );
  }
  return out;
}

/**
 * A stored parameter set with the model's defaults for fields it does not hold (a set enacted before the model
 * gained a field): what the engine uses, so what the form and tables show.
 */
export function withDefaults(fields: readonly ModelField[], params: Params): Params {
  const out: Params = structuredClone(params);
  for (const f of fields)
    if (getAtPath(out, f.key) === undefined) setAtPath(out, f.key, structuredClone(f.default));
  return out;
}
