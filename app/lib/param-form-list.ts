/**
 * List fields of the proposal form (derive-pm2's scenario list): one row of inputs per item, each input keyed
 * `<key>.<row>.<item>` (`scenarios.3.spotShock`, rows from 0 without gaps), so a server error about
 * `changes.scenarios.3.spotShock` lands next to that input. The list is proposed, compared and stored whole.
 */
import type { FieldMeta } from "@/simulations/models/field-meta.ts";
import { checkNumber, numberText } from "./number-input.ts";

export type ListField = {
  key: string;
  items: Readonly<Record<string, FieldMeta>>;
  /** What one item is called ("Scenario"). */
  itemLabel: string;
  minItems: number;
  maxItems: number;
};

type Values = Record<string, string>;
type Row = Record<string, number | string>;

export const rowInputPath = (field: Pick<ListField, "key">, row: number, item: string) =>
  `${field.key}.${row}.${item}`;

const itemKeys = (field: ListField) => Object.keys(field.items);

function itemText(meta: FieldMeta, value: unknown): string {
  return meta.kind === "enum" ? (typeof value === "string" ? value : "") : numberText(value);
}

/** Form values showing `list` (a stored list; anything else shows no rows). */
export function listValuesOf(field: ListField, list: unknown): Values {
  const values: Values = {};
  (Array.isArray(list) ? list : []).forEach((item, row) => {
    const stored = (item ?? {}) as Record<string, unknown>;
    for (const [key, meta] of Object.entries(field.items)) {
      values[rowInputPath(field, row, key)] = itemText(meta, stored[key]);
    }
  });
  return values;
}

/** How many rows the form holds. */
export function listRowCount(field: ListField, values: Values): number {
  const first = itemKeys(field)[0];
  if (first === undefined) return 0;
  let rows = 0;
  while (rowInputPath(field, rows, first) in values) rows++;
  return rows;
}

/**
 * The list the form holds, or the errors that keep it from being one: each input's under `changes.<input path>`,
 * a row count outside the schema's under `changes.<key>`.
 */
export function parseListValues(
  field: ListField,
  values: Values,
): { list: Row[] | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const rows = listRowCount(field, values);
  const count = (n: number) => `${n} ${field.itemLabel.toLowerCase()}${n === 1 ? "" : "s"}`;
  if (rows < field.minItems) errors[`changes.${field.key}`] = `at least ${count(field.minItems)}`;
  if (rows > field.maxItems) errors[`changes.${field.key}`] = `at most ${count(field.maxItems)}`;
  const list: Row[] = [];
  for (let row = 0; row < rows; row++) {
    const parsed: Row = {};
    for (const [key, meta] of Object.entries(field.items)) {
      const path = rowInputPath(field, row, key);
      const text = values[path] ?? "";
      if (meta.kind === "enum") {
        if (meta.options?.includes(text)) parsed[key] = text;
        else errors[`changes.${path}`] = `choose one of ${(meta.options ?? []).join(", ")}`;
      } else {
        const x = checkNumber(text, {
          bounds: meta.bounds,
          integer: meta.kind === "integer",
          unit: meta.unit,
        });
        if (typeof x === "string") errors[`changes.${path}`] = x;
        else parsed[key] = x;
      }
    }
    list.push(parsed);
  }
  return Object.keys(errors).length > 0 ? { list: null, errors } : { list, errors };
}

/** True if the row differs from the stored list's row at the same position (or that has no such row). */
export function listRowDiffers(field: ListField, values: Values, stored: unknown, row: number): boolean {
  const item = Array.isArray(stored) ? (stored[row] as Record<string, unknown> | undefined) : undefined;
  if (!item) return true;
  return Object.entries(field.items).some(
    ([key, meta]) => (values[rowInputPath(field, row, key)] ?? "") !== itemText(meta, item[key]),
  );
}

/** A row added at the end: numbers left for the member to type, each choice at its first option. */
export function addListRow(field: ListField, values: Values): Values {
  const row = listRowCount(field, values);
  const added: Values = {};
  for (const [key, meta] of Object.entries(field.items)) {
    added[rowInputPath(field, row, key)] = meta.kind === "enum" ? (meta.options?.[0] ?? "") : "";
  }
  return { ...values, ...added };
}

/** The row removed and the rows below it moved up one, so rows stay numbered from 0 without gaps. */
export function removeListRow(field: ListField, values: Values, removed: number): Values {
  const rows = listRowCount(field, values);
  const out: Values = { ...values };
  for (let row = removed; row < rows; row++) {
    for (const key of itemKeys(field)) {
      const below = values[rowInputPath(field, row + 1, key)];
      if (row + 1 < rows && below !== undefined) out[rowInputPath(field, row, key)] = below;
      else delete out[rowInputPath(field, row, key)];
    }
  }
  return out;
}
